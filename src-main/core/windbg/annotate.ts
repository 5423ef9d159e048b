/**
 * `annotateFrames`: enriches parsed frames with what the paste alone cannot say — which module a raw
 * address falls in, the nearest preceding export of a known driver, which frames are Microsoft's or
 * part of the dispatch chain, and which frame faulted. Pure; never mutates its input.
 */
import { bigIntToHex, hexToBigInt } from './hex';
import { findFaultingIndex } from './frameRoles';
import { isDispatchFrame, isMicrosoftModule, moduleKey } from './microsoftModules';
import { parseCallSite } from './callsite';
import type { ParsedLocation, ParsedPaste } from './types';

/** A loaded-module range (the pasted `lm` list uses the same shape). */
export interface ModuleRange {
  name: string;
  /** First address, `0x…`. */
  start: string;
  /** First address past the module, `0x…`. */
  end: string;
}

/** A driver image the lab knows, with its export table (from the PE reader). */
export interface KnownDriver {
  /** Image or module name (`injdrv.sys` and `injdrv` both match frames of module `injdrv`). */
  name: string;
  /** Load address `0x…` when known; otherwise the pasted lm start is used. */
  base?: string;
  exports: { name: string; rva: number }[];
}

export interface AnnotationContext {
  /** Module ranges to use in addition to (after) the paste's own lm list. */
  modules?: ModuleRange[];
  drivers?: KnownDriver[];
}

export interface FrameAnnotation {
  /** Position in `parsed.frames`. */
  position: number;
  /** Module after resolution (the frame's own, or the lm range containing its raw address). */
  module: string | null;
  /** Offset into `module`, `0x…`. */
  offset: string | null;
  /** How `module` was found: printed by the debugger, or looked up in a module list. */
  resolvedFrom: 'symbol' | 'modules' | null;
  /** Nearest export at or before the offset, for frames without a function name in a known driver. */
  nearestExport: { driver: string; name: string; displacement: string } | null;
  /** Module is one of Microsoft's (see `microsoftModules.ts`). */
  microsoft: boolean;
  /** Frame belongs to the bug-check / trap / exception-dispatch chain (collapse in the UI). */
  dispatch: boolean;
  /** The faulting frame. */
  faulting: boolean;
  /** The first non-Microsoft frame (the likely culprit). */
  firstNonMicrosoft: boolean;
}

export interface FrameAnnotations {
  frames: FrameAnnotation[];
  faultingIndex: number | null;
  firstNonMicrosoftIndex: number | null;
}

function findRange(address: bigint, ranges: ModuleRange[]): ModuleRange | null {
  for (const r of ranges) {
    const s = hexToBigInt(r.start);
    const e = hexToBigInt(r.end);
    if (s !== null && e !== null && address >= s && address < e) return r;
  }
  return null;
}

export function annotateFrames(parsed: ParsedPaste, context: AnnotationContext = {}): FrameAnnotations {
  const ranges: ModuleRange[] = [...parsed.modules, ...(context.modules ?? [])];
  const drivers = context.drivers ?? [];
  const frames: FrameAnnotation[] = parsed.frames.map((f, position) => {
    let module = f.module;
    let offset = f.offset;
    let resolvedFrom: FrameAnnotation['resolvedFrom'] = module !== null ? 'symbol' : null;
    if (module === null && f.address !== null) {
      const addr = hexToBigInt(f.address);
      const range = addr === null ? null : findRange(addr, ranges);
      if (range !== null && addr !== null) {
        module = range.name;
        offset = bigIntToHex(addr - BigInt(range.start));
        resolvedFrom = 'modules';
      }
    }
    let nearestExport: FrameAnnotation['nearestExport'] = null;
    if (module !== null && f.function === null && offset !== null) {
      const driver = drivers.find((d) => moduleKey(d.name) === moduleKey(module as string));
      if (driver !== undefined) {
        let off = BigInt(offset);
        // A frame resolved by symbol is module-relative already; `base` only matters for raw addresses.
        if (resolvedFrom === 'modules' && driver.base !== undefined && f.address !== null) {
          const base = hexToBigInt(driver.base);
          const addr = hexToBigInt(f.address);
          if (base !== null && addr !== null && addr >= base) off = addr - base;
        }
        let best: { name: string; rva: number } | null = null;
        for (const e of driver.exports) {
          if (BigInt(e.rva) <= off && (best === null || e.rva > best.rva)) best = e;
        }
        if (best !== null) {
          nearestExport = { driver: driver.name, name: best.name, displacement: bigIntToHex(off - BigInt(best.rva)) };
        }
      }
    }
    return {
      position,
      module,
      offset,
      resolvedFrom,
      nearestExport,
      microsoft: isMicrosoftModule(module),
      dispatch: isDispatchFrame(f.module, f.function),
      faulting: false,
      firstNonMicrosoft: false,
    };
  });

  let symbol: ParsedLocation | null = null;
  const a = parsed.analysis;
  const symText = a?.symbolName ?? a?.faultingIp ?? null;
  if (symText !== null) {
    const site = parseCallSite(symText);
    if (site.module !== null) symbol = { module: site.module, function: site.function, offset: site.offset };
  }
  const faultingIndex = findFaultingIndex(parsed.frames, symbol);
  if (faultingIndex !== null) frames[faultingIndex].faulting = true;
  const firstNonMicrosoftIndex = frames.findIndex((f) => f.module !== null && !f.microsoft);
  if (firstNonMicrosoftIndex >= 0) frames[firstNonMicrosoftIndex].firstNonMicrosoft = true;
  return { frames, faultingIndex, firstNonMicrosoftIndex: firstNonMicrosoftIndex >= 0 ? firstNonMicrosoftIndex : null };
}
