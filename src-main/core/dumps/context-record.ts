import { ByteView, hex } from './byte-view';
import {
  ARM64_REGISTERS,
  CONTEXT_REGISTERS,
  EXCEPTION_MAXIMUM_PARAMETERS,
  EXCEPTION_RECORD,
  X64_REGISTERS,
  X86_REGISTERS,
} from './dump-layout';
import type { DumpContext, DumpException } from './dump-report';

export type Architecture = 'x64' | 'x86' | 'arm64';

/** Decoded register state; addresses stay bigint for the stack walk. */
export interface ContextValues {
  pc: bigint;
  sp: bigint;
  fp: bigint;
  report: DumpContext;
}

/** Decodes a CONTEXT record of `arch` at `offset` in `view`; null when it does not fit. */
export function readContext(
  view: ByteView,
  offset: number,
  arch: Architecture,
  source: DumpContext['source'],
): ContextValues | null {
  const layout = CONTEXT_REGISTERS[arch];
  // Only the part up to the last register we use must be present.
  if (!view.has(offset, layout.pc + 8)) return null;
  const width = arch === 'x86' ? 32 : 64;
  const at = (field: number): bigint => view.pointer(offset + field, width) ?? 0n;
  const names = arch === 'x64' ? X64_REGISTERS : arch === 'x86' ? X86_REGISTERS : ARM64_REGISTERS;
  const registers: Record<string, string> = {};
  for (const [name, field] of names) registers[name] = hex(at(field));
  const pc = at(layout.pc);
  const sp = at(layout.sp);
  const fp = at(layout.fp);
  return { pc, sp, fp, report: { source, pc: hex(pc), sp: hex(sp), fp: hex(fp), registers } };
}

/** Decodes EXCEPTION_RECORD32/64; null when absent (unwritten `PAGE` filler) or out of range. */
export function readException(view: ByteView, offset: number, width: 32 | 64): DumpException | null {
  const layout = EXCEPTION_RECORD[width];
  const code = view.u32(offset + layout.code);
  if (code === null || code === 0x45474150) return null;
  const flags = view.u32(offset + layout.flags) ?? 0;
  const address = view.pointer(offset + layout.address, width) ?? 0n;
  const count = Math.min(view.u32(offset + layout.numberParameters) ?? 0, EXCEPTION_MAXIMUM_PARAMETERS);
  const step = width / 8;
  const parameters: string[] = [];
  for (let i = 0; i < count; i++) {
    const value = view.pointer(offset + layout.information + i * step, width);
    if (value === null) break;
    parameters.push(hex(value));
  }
  return { code: hex(code), flags, address: hex(address), parameters };
}
