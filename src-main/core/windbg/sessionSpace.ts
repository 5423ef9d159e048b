/**
 * Marks session-space images in an lm list.
 *
 * Heuristic (DOMAIN.md "Load methods and contexts"): the session images are win32k.sys,
 * win32kbase.sys, win32kfull.sys and cdd.dll (older systems also tsddd.dll); in lm output they sit in
 * a separate address range (e.g. `ffffd7c9…`) from the `fffff80…` kernel modules. So:
 *  1. a module whose name is one of those images is session space;
 *  2. any other module in the same 4 GiB region (same upper 32 address bits) as a known session
 *     image is session space too, unless that region also holds `nt`/`hal` (then we cannot tell).
 * Modules with no known session image near them are never guessed to be session space.
 */
import type { ParsedModule } from './types';

export const SESSION_IMAGES = new Set(['win32k', 'win32kbase', 'win32kfull', 'cdd', 'tsddd', 'win32kns', 'win32kmin']);

function baseName(name: string): string {
  return name.toLowerCase().replace(/\.(sys|dll)$/, '');
}

function region(hex: string): bigint {
  return BigInt(hex) >> 32n;
}

export function markSessionSpace(modules: ParsedModule[]): void {
  const sessionRegions = new Set<bigint>();
  const coreRegions = new Set<bigint>();
  for (const m of modules) {
    const n = baseName(m.name);
    if (SESSION_IMAGES.has(n)) {
      m.sessionSpace = true;
      sessionRegions.add(region(m.start));
    }
    if (n === 'nt' || n === 'ntoskrnl' || n === 'ntkrnlmp' || n === 'hal') coreRegions.add(region(m.start));
  }
  for (const r of coreRegions) sessionRegions.delete(r);
  if (sessionRegions.size === 0) return;
  for (const m of modules) {
    if (!m.sessionSpace && sessionRegions.has(region(m.start))) m.sessionSpace = true;
  }
}
