/**
 * A stable colour per module name, so `nt`, `Driver` and `fltmgr` keep their colour across stacks and reloads.
 * FNV-1a over the lowercased name without extension picks a hue; lightness comes from the theme (CSS variables).
 */
function moduleKey(name: string): string {
  return name.trim().toLowerCase().replace(/\.(sys|exe|dll|drv)$/, '');
}

export function moduleHue(name: string): number {
  let hash = 0x811c9dc5;
  for (const ch of moduleKey(name)) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // 24 hue steps: distinct enough to tell modules apart, few enough that neighbours never look alike.
  return (hash % 24) * 15;
}

/** Inline style for a module chip; the theme supplies saturation and lightness. */
export function moduleStyle(name: string | null): Record<string, string> {
  return name === null ? {} : { '--module-hue': String(moduleHue(name)) };
}
