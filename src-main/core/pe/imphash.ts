import { createHash } from 'node:crypto';
import { ordinalImportName } from './ordinalNames';
import type { PeImportModule } from './peAnalysis';

const STRIPPED_EXTENSIONS = new Set(['ocx', 'sys', 'dll']);

/**
 * Import hash exactly as pefile's `get_imphash()` (Mandiant, "Tracking Malware with Import
 * Hashing"): over the regular imports in table order, `module.function` with the module name
 * lowercased and a .ocx/.sys/.dll extension dropped, the function lowercased, ordinals named
 * through pefile's ordlookup tables (else `ord<N>`), joined by commas, MD5. Null where pefile
 * returns '' (no import descriptors parsed).
 */
export function computeImphash(imports: readonly PeImportModule[]): string | null {
  const regular = imports.filter((entry) => !entry.delayLoad);
  if (regular.length === 0) return null;
  const parts: string[] = [];
  for (const entry of regular) {
    const lower = entry.module.toLowerCase();
    const dot = lower.lastIndexOf('.');
    const library = dot >= 0 && STRIPPED_EXTENSIONS.has(lower.slice(dot + 1)) ? lower.slice(0, dot) : lower;
    for (const fn of entry.functions) {
      const name = 'name' in fn ? fn.name : ordinalImportName(entry.module, fn.ordinal);
      if (name.length === 0) continue;
      parts.push(`${library}.${name.toLowerCase()}`);
    }
  }
  return createHash('md5').update(parts.join(','), 'utf8').digest('hex');
}
