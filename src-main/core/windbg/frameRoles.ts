/**
 * Roles of frames in a crash stack: the dispatch chain on top, the faulting frame below it, and the
 * first frame of a non-Microsoft module (usually the driver under study).
 */
import { isDispatchFrame, isMicrosoftModule, moduleKey } from './microsoftModules';
import type { ParsedFrame, ParsedLocation } from './types';

function sameLocation(frame: ParsedFrame, loc: ParsedLocation): boolean {
  if (frame.module === null || moduleKey(frame.module) !== moduleKey(loc.module)) return false;
  if ((frame.function ?? null) !== (loc.function ?? null)) return false;
  return loc.offset === null || frame.offset === loc.offset;
}

/**
 * Index of the faulting frame: the frame matching `symbol` (SYMBOL_NAME / FAULTING_IP) when given and
 * present; else the first frame after a leading run of dispatch-chain frames; else null (a stack
 * without a bug-check chain, e.g. a breakpoint, has no faulting frame).
 */
export function findFaultingIndex(frames: ParsedFrame[], symbol: ParsedLocation | null): number | null {
  if (symbol !== null) {
    const i = frames.findIndex((f) => sameLocation(f, symbol));
    if (i >= 0) return i;
  }
  let i = 0;
  while (i < frames.length && isDispatchFrame(frames[i].module, frames[i].function)) i++;
  if (i === 0 || i >= frames.length) return null;
  return i;
}

/** Module of the first frame that is neither Microsoft's nor a bare address. */
export function firstNonMicrosoftModule(frames: ParsedFrame[]): string | null {
  for (const f of frames) {
    if (f.module !== null && !isMicrosoftModule(f.module)) return f.module;
  }
  return null;
}
