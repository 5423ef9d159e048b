import type { PeImportModule } from './peAnalysis';

/**
 * Images mapped in session space, absent from the System process's view (DOMAIN.md, "Load
 * methods and contexts"); older systems add tsddd.dll and display drivers, which callers can
 * pass in their own list.
 */
export const DEFAULT_SESSION_IMAGES: readonly string[] = ['win32k.sys', 'win32kbase.sys', 'win32kfull.sys', 'cdd.dll'];

/**
 * Regular import modules (as written in the image, each once) that name a session image.
 * Delay-load imports are left out: the kernel image loader never resolves them.
 */
export function findSessionImports(
  imports: readonly PeImportModule[],
  sessionImages: readonly string[] = DEFAULT_SESSION_IMAGES,
): string[] {
  const wanted = new Set(sessionImages.map((name) => name.toLowerCase()));
  const found: string[] = [];
  const seen = new Set<string>();
  for (const entry of imports) {
    if (entry.delayLoad) continue;
    const lower = entry.module.toLowerCase();
    if (wanted.has(lower) && !seen.has(lower)) {
      seen.add(lower);
      found.push(entry.module);
    }
  }
  return found;
}
