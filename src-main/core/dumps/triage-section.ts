import { ByteView, hex } from './byte-view';
import type { DumpSource } from './dump-source';
import { DRIVER_ENTRY, TRIAGE, TRIAGE_DUMP_VALID, UNLOADED_DRIVERS, UNLOADED_NAME_CHARS } from './dump-layout';
import type { DumpDriver, DumpUnloadedDriver } from './dump-report';

/** Limits that keep a hostile or corrupt triage section from costing time or memory. */
const MAX_NAME_CHARS = 1024; // longest driver path we accept from the string pool (rizin uses the same bound)
const MAX_UNLOADED = 256; // Windows keeps 50 (MI_UNLOADED_DRIVERS); anything far above is corrupt
const MAX_CALL_STACK = 1 << 20; // kernel stacks are 24–72 KB; a larger size is corrupt

/** A loaded driver with the numbers kept as numbers, for address lookups. */
export interface DriverRange {
  report: DumpDriver;
  base: bigint;
  end: bigint;
}

export interface TriageSection {
  sizeOfDump: number;
  valid: boolean;
  contextOffset: number;
  drivers: DriverRange[];
  unloaded: DumpUnloadedDriver[];
  /** Saved stack bytes and the virtual address of their first byte. */
  stack: { base: bigint; bytes: Uint8Array } | null;
}

/** True when [offset, offset+size) lies inside the file. */
function inFile(source: DumpSource, offset: number, size: number): boolean {
  return offset > 0 && size >= 0 && offset + size <= source.size;
}

/** Reads the TRIAGE_DUMP header at `at` and the sections it points to. */
export function readTriageSection(
  source: DumpSource,
  at: number,
  width: 32 | 64,
  maxDrivers: number,
  warnings: string[],
): TriageSection | null {
  const header = new ByteView(source.read(at, TRIAGE.size[width]));
  if (header.length < TRIAGE.size[width]) {
    warnings.push('Triage section missing or truncated: no driver list, stack or context beyond the header.');
    return null;
  }
  const u32 = (field: number): number => header.u32(field) ?? 0;
  const sizeOfDump = u32(TRIAGE.sizeOfDump);
  const validOffset = u32(TRIAGE.validOffset);
  const valid = inFile(source, validOffset, 4) && new ByteView(source.read(validOffset, 4)).u32(0) === TRIAGE_DUMP_VALID;
  if (sizeOfDump > source.size) {
    warnings.push(`Triage dump is truncated: it declares ${sizeOfDump} bytes but the file has ${source.size}.`);
  } else if (!valid) {
    warnings.push('Triage validity marker (TRGD) missing at ValidOffset: the dump may be incomplete.');
  }
  const drivers = readDrivers(source, u32(TRIAGE.driverListOffset), u32(TRIAGE.driverCount), width, maxDrivers, warnings);
  const unloaded = readUnloaded(source, u32(TRIAGE.unloadedDriversOffset), width, warnings);
  const top = header.pointer(TRIAGE.topOfStack, width) ?? 0n;
  const stack = readStack(source, u32(TRIAGE.callStackOffset), u32(TRIAGE.sizeOfCallStack), top, warnings);
  return { sizeOfDump, valid, contextOffset: u32(TRIAGE.contextOffset), drivers, unloaded, stack };
}

function readDrivers(
  source: DumpSource,
  offset: number,
  declared: number,
  width: 32 | 64,
  maxDrivers: number,
  warnings: string[],
): DriverRange[] {
  if (declared === 0) return [];
  const layout = DRIVER_ENTRY[width];
  let count = declared;
  if (count > maxDrivers) {
    warnings.push(`Driver list declares ${declared} entries; reading the first ${maxDrivers}.`);
    count = maxDrivers;
  }
  if (!inFile(source, offset, layout.size)) {
    warnings.push(`Driver list offset 0x${offset.toString(16)} is outside the file; no drivers read.`);
    return [];
  }
  const fits = Math.floor((source.size - offset) / layout.size);
  if (count > fits) {
    warnings.push(`Driver list runs past the end of the file: ${fits} of ${declared} entries read.`);
    count = fits;
  }
  const table = new ByteView(source.read(offset, count * layout.size));
  const drivers: DriverRange[] = [];
  let badNames = 0;
  for (let i = 0; i < count; i++) {
    const entry = i * layout.size;
    const base = table.pointer(entry + layout.dllBase, width) ?? 0n;
    const size = table.u32(entry + layout.sizeOfImage) ?? 0;
    const timeDateStamp = table.u32(entry + layout.timeDateStamp) ?? 0;
    const path = readPoolString(source, table.u32(entry + layout.nameOffset) ?? 0);
    if (path === null) badNames++;
    const shown = path ?? `<driver #${i}>`;
    const end = base + BigInt(size);
    drivers.push({
      base,
      end,
      report: { name: fileNameOf(shown), path: shown, base: hex(base), size, end: hex(end), timeDateStamp },
    });
  }
  if (badNames > 0) warnings.push(`${badNames} driver name(s) could not be read from the string pool.`);
  return drivers;
}

/** A string-pool entry: ULONG length in WCHARs, then UTF-16LE text. */
function readPoolString(source: DumpSource, offset: number): string | null {
  if (!inFile(source, offset, 4)) return null;
  const chars = new ByteView(source.read(offset, 4)).u32(0) ?? 0;
  if (chars === 0 || chars > MAX_NAME_CHARS || !inFile(source, offset + 4, chars * 2)) return null;
  const text = new ByteView(source.read(offset + 4, chars * 2)).utf16(0, chars);
  return text ? text : null;
}

function readUnloaded(source: DumpSource, offset: number, width: 32 | 64, warnings: string[]): DumpUnloadedDriver[] {
  if (offset === 0) return [];
  const layout = UNLOADED_DRIVERS[width];
  if (!inFile(source, offset, 4)) {
    warnings.push(`Unloaded-driver list offset 0x${offset.toString(16)} is outside the file.`);
    return [];
  }
  const declared = new ByteView(source.read(offset, 4)).u32(0) ?? 0;
  let count = declared;
  if (count > MAX_UNLOADED) {
    warnings.push(`Unloaded-driver list declares ${declared} entries; it is corrupt, reading none.`);
    return [];
  }
  const fits = Math.max(0, Math.floor((source.size - offset - layout.first) / layout.size));
  if (count > fits) {
    warnings.push(`Unloaded-driver list runs past the end of the file: ${fits} of ${declared} entries read.`);
    count = fits;
  }
  const table = new ByteView(source.read(offset + layout.first, count * layout.size));
  const result: DumpUnloadedDriver[] = [];
  for (let i = 0; i < count; i++) {
    const entry = i * layout.size;
    const lengthBytes = table.u16(entry + layout.nameLength) ?? 0;
    const chars = Math.min(Math.floor(lengthBytes / 2), UNLOADED_NAME_CHARS);
    const name = table.utf16(entry + layout.name, chars > 0 ? chars : UNLOADED_NAME_CHARS) ?? '';
    result.push({
      name: name || `<unloaded #${i}>`,
      start: hex(table.pointer(entry + layout.start, width) ?? 0n),
      end: hex(table.pointer(entry + layout.end, width) ?? 0n),
      timeDateStamp: null,
    });
  }
  return result;
}

function readStack(
  source: DumpSource,
  offset: number,
  size: number,
  top: bigint,
  warnings: string[],
): { base: bigint; bytes: Uint8Array } | null {
  if (offset === 0 || size === 0) return null;
  if (!inFile(source, offset, 1)) {
    warnings.push(`Call stack offset 0x${offset.toString(16)} is outside the file; no stack read.`);
    return null;
  }
  let length = size;
  if (length > MAX_CALL_STACK) {
    warnings.push(`Call stack declares ${size} bytes; reading the first ${MAX_CALL_STACK}.`);
    length = MAX_CALL_STACK;
  }
  if (offset + length > source.size) {
    warnings.push('Call stack runs past the end of the file; reading what is there.');
    length = source.size - offset;
  }
  return { base: top, bytes: source.read(offset, length) };
}

/** `\SystemRoot\system32\ntoskrnl.exe` → `ntoskrnl.exe`. */
export function fileNameOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return cut === -1 ? path : path.slice(cut + 1);
}
