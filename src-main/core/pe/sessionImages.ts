import type { PeImportModule } from './peAnalysis';

import { DEFAULT_SESSION_IMAGES } from '../../contract/domains/drivers';

export { DEFAULT_SESSION_IMAGES };

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
