/** How the drivers section writes PE facts: hex the way dumpbin, WinDbg and pestudio users read them. */
import type { PeImportedFunction } from '../../../src-main/contract';

export { bytesText, hex, stampUtc } from '../../format';

/** An imported function as dumpbin lists it: its name, or `#12` for an import by ordinal. */
export function importLabel(fn: PeImportedFunction): string {
  return 'name' in fn ? fn.name : `#${fn.ordinal}`;
}

/**
 * IMAGE_SCN_* flags worth showing for a driver section (Microsoft's PE Format specification, "Section Flags"; the
 * same names core's headerNames.ts uses). PAGE* / INIT sections are pageable or discarded after DriverEntry, which a
 * reverse engineer reads from NOT_PAGED and DISCARDABLE.
 */
const SECTION_FLAGS: readonly [number, string][] = [
  [0x00000020, 'CODE'],
  [0x00000040, 'INITIALIZED_DATA'],
  [0x00000080, 'UNINITIALIZED_DATA'],
  [0x02000000, 'DISCARDABLE'],
  [0x04000000, 'NOT_CACHED'],
  [0x08000000, 'NOT_PAGED'],
  [0x10000000, 'SHARED'],
];
const MEM_EXECUTE = 0x20000000;
const MEM_READ = 0x40000000;
const MEM_WRITE = 0x80000000;

export function sectionFlagNames(characteristics: number): string[] {
  return SECTION_FLAGS.filter(([bit]) => (characteristics & bit) !== 0).map(([, name]) => name);
}

/** `R-X`, `RW-`: the memory protection a section asks for. */
export function sectionAccess(characteristics: number): string {
  const c = characteristics >>> 0;
  return `${c & MEM_READ ? 'R' : '-'}${(c & MEM_WRITE) >>> 0 ? 'W' : '-'}${c & MEM_EXECUTE ? 'X' : '-'}`;
}

/** Writable and executable at once: code that patches itself, or an unpacker stub. */
export function isWritableCode(characteristics: number): boolean {
  const c = characteristics >>> 0;
  return (c & MEM_EXECUTE) !== 0 && (c & MEM_WRITE) >>> 0 !== 0;
}

/**
 * Shannon entropy above this (bits per byte) is what compressed or encrypted data looks like; compiled x64 code sits
 * around 6-6.5. The threshold pestudio and most triage tools use.
 */
export const HIGH_ENTROPY = 7.2;

/**
 * Green for low entropy, amber around compiled code (6-6.5), red towards 8 bits per byte: the square keeps ordinary
 * code from looking alarming while packed data stands out.
 */
export function entropyHue(entropy: number): number {
  const share = Math.max(0, Math.min(8, entropy)) / 8;
  return Math.round(130 * (1 - share * share));
}

/** Session images are matched by name without case, as the loader compares module names (RtlEqualUnicodeString). */
export function sameModule(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
