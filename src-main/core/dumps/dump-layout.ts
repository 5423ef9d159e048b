/**
 * Byte layout of Windows kernel crash dumps (MEMORY.DMP, minidumps under C:\Windows\Minidump).
 *
 * Sources (public definitions of the same Microsoft structures):
 * - DOMAIN.md: the x64 DUMP_HEADER64 offsets, checked against a real Windows 10 triage dump.
 * - Volatility 2, `volatility/plugins/overlays/windows/crash_vtypes.py`: `_DMP_HEADER` (x86, 0x1000
 *   bytes) and `_DMP_HEADER64` (0x2000 bytes), including DumpType at 0xF88 (x86) / 0xF98 (x64).
 * - rizin, `librz/bin/format/dmp/dmp_specs.h`: TRIAGE_DUMP32/64, DUMP_DRIVER_ENTRY32/64,
 *   KLDR_DATA_TABLE_ENTRY32/64, the string pool entry (ULONG length + UTF-16), the bitmap
 *   (SDMP/FDMP) header; `dmp64.c` for how the driver list is walked.
 * - ReactOS / WinDbg SDK headers (`wdbgexts.h`): DUMP_UNLOADED_DRIVERS32/64 with
 *   MAX_UNLOADED_NAME_LENGTH 24.
 * - CONTEXT layouts: the SDK `winnt.h` CONTEXT (AMD64, x86) and ARM64_NT_CONTEXT.
 */

/** `PAGE` — first four bytes of every kernel dump; also the filler of unused header fields. */
export const DUMP_SIGNATURE = 0x45474150;
/** `DU64` — 64-bit header (x64 and ARM64). */
export const VALID_DUMP64 = 0x34365544;
/** `DUMP` — 32-bit header (x86). */
export const VALID_DUMP32 = 0x504d5544;
/** `MDMP` — a user-mode minidump, which is not a kernel dump. */
export const USER_MINIDUMP_SIGNATURE = 0x504d444d;
/** Bytes `TRGD` at the triage header's ValidOffset mark a complete triage dump (verified on a real dump). */
export const TRIAGE_DUMP_VALID = 0x44475254;
/** `SDMP` (kernel) / `FDMP` (full) then `DUMP`: the bitmap header after the 64-bit dump header. */
export const BITMAP_SUMMARY_SIGNATURE = 0x504d4453;
export const BITMAP_FULL_SIGNATURE = 0x504d4446;

export const IMAGE_FILE_MACHINE_I386 = 0x14c;
export const IMAGE_FILE_MACHINE_AMD64 = 0x8664;
export const IMAGE_FILE_MACHINE_ARM64 = 0xaa64;

/** Offsets inside DUMP_HEADER32 / DUMP_HEADER64. `null`: the field does not exist in that width. */
export interface HeaderLayout {
  width: 32 | 64;
  headerSize: number;
  majorVersion: number;
  minorVersion: number;
  directoryTableBase: number;
  pfnDataBase: number;
  psLoadedModuleList: number;
  psActiveProcessHead: number;
  machineImageType: number;
  numberProcessors: number;
  bugCheckCode: number;
  bugCheckParameters: readonly [number, number, number, number];
  kdDebuggerDataBlock: number;
  paeEnabled: number | null;
  physicalMemoryBlock: number;
  contextRecord: number;
  contextRecordSize: number;
  exceptionRecord: number;
  comment: number;
  dumpType: number;
  requiredDumpSpace: number;
  systemUpTime: number;
  systemTime: number;
  /** Offset of the section that follows the header (triage or bitmap header). */
  body: number;
}

export const HEADER64: HeaderLayout = {
  width: 64,
  headerSize: 0x2000,
  majorVersion: 0x08,
  minorVersion: 0x0c,
  directoryTableBase: 0x10,
  pfnDataBase: 0x18,
  psLoadedModuleList: 0x20,
  psActiveProcessHead: 0x28,
  machineImageType: 0x30,
  numberProcessors: 0x34,
  bugCheckCode: 0x38,
  bugCheckParameters: [0x40, 0x48, 0x50, 0x58],
  kdDebuggerDataBlock: 0x80,
  paeEnabled: null,
  physicalMemoryBlock: 0x88,
  contextRecord: 0x348,
  contextRecordSize: 3000,
  exceptionRecord: 0xf00,
  comment: 0xfb0,
  dumpType: 0xf98,
  requiredDumpSpace: 0xfa0,
  systemUpTime: 0x1030,
  systemTime: 0xfa8,
  body: 0x2000,
};

export const HEADER32: HeaderLayout = {
  width: 32,
  headerSize: 0x1000,
  majorVersion: 0x08,
  minorVersion: 0x0c,
  directoryTableBase: 0x10,
  pfnDataBase: 0x14,
  psLoadedModuleList: 0x18,
  psActiveProcessHead: 0x1c,
  machineImageType: 0x20,
  numberProcessors: 0x24,
  bugCheckCode: 0x28,
  bugCheckParameters: [0x2c, 0x30, 0x34, 0x38],
  kdDebuggerDataBlock: 0x60,
  paeEnabled: 0x5c,
  physicalMemoryBlock: 0x64,
  contextRecord: 0x320,
  contextRecordSize: 1200,
  exceptionRecord: 0x7d0,
  comment: 0x820,
  dumpType: 0xf88,
  requiredDumpSpace: 0xfa0,
  systemUpTime: 0xfb8,
  systemTime: 0xfc0,
  body: 0x1000,
};

export const COMMENT_SIZE = 128;

/** EXCEPTION_RECORD32/64 field offsets. */
export const EXCEPTION_RECORD = {
  64: { code: 0x00, flags: 0x04, address: 0x10, numberParameters: 0x18, information: 0x20 },
  32: { code: 0x00, flags: 0x04, address: 0x0c, numberParameters: 0x10, information: 0x14 },
} as const;
/** EXCEPTION_MAXIMUM_PARAMETERS. */
export const EXCEPTION_MAXIMUM_PARAMETERS = 15;

/** Offsets inside TRIAGE_DUMP32 / TRIAGE_DUMP64 (both start with the same 18 ULONGs). */
export const TRIAGE = {
  servicePackBuild: 0x00,
  sizeOfDump: 0x04,
  validOffset: 0x08,
  contextOffset: 0x0c,
  exceptionOffset: 0x10,
  mmOffset: 0x14,
  unloadedDriversOffset: 0x18,
  prcbOffset: 0x1c,
  processOffset: 0x20,
  threadOffset: 0x24,
  callStackOffset: 0x28,
  sizeOfCallStack: 0x2c,
  driverListOffset: 0x30,
  driverCount: 0x34,
  stringPoolOffset: 0x38,
  stringPoolSize: 0x3c,
  brokenDriverOffset: 0x40,
  triageOptions: 0x44,
  topOfStack: 0x48,
  /** TRIAGE_DUMP64 only: DataPageAddress follows a 16-byte IA-64 union. */
  size: { 32: 0x68, 64: 0x80 },
  debuggerDataOffset: { 32: 0x58, 64: 0x70 },
  dataBlocksOffset: { 32: 0x60, 64: 0x78 },
} as const;

/**
 * DUMP_DRIVER_ENTRY32/64: DriverNameOffset then a KLDR_DATA_TABLE_ENTRY (aligned to 8 on x64).
 * x64: 0x90 bytes per entry (DOMAIN.md, rizin); x86: 0x4C bytes (4 + KLDR_DATA_TABLE_ENTRY32).
 */
export const DRIVER_ENTRY = {
  64: { size: 0x90, nameOffset: 0x00, dllBase: 0x08 + 0x30, sizeOfImage: 0x08 + 0x40, timeDateStamp: 0x08 + 0x80 },
  32: { size: 0x4c, nameOffset: 0x00, dllBase: 0x04 + 0x18, sizeOfImage: 0x04 + 0x20, timeDateStamp: 0x04 + 0x44 },
} as const;

/**
 * Unloaded drivers: a ULONG count, then DUMP_UNLOADED_DRIVERS entries (x64: the array starts
 * 8-aligned, at +8). Each: UNICODE_STRING Name, WCHAR DriverName[12], StartAddress, EndAddress.
 * The triage copy carries no unload time (the kernel's MI_UNLOADED_DRIVERS has one; the dump does not).
 */
export const UNLOADED_DRIVERS = {
  64: { first: 8, size: 0x38, nameLength: 0x00, name: 0x10, start: 0x28, end: 0x30 },
  32: { first: 4, size: 0x28, nameLength: 0x00, name: 0x08, start: 0x20, end: 0x24 },
} as const;
/** MAX_UNLOADED_NAME_LENGTH / sizeof(WCHAR). */
export const UNLOADED_NAME_CHARS = 12;

/** Bitmap dump header (64-bit only, at 0x2000): FirstPage is the file offset of the first page. */
export const BITMAP_HEADER = { signature: 0x00, validDump: 0x04, firstPage: 0x20, totalPresentPages: 0x28, pages: 0x30 } as const;

/** Where PC/SP/FP live in each CONTEXT flavour. */
export const CONTEXT_REGISTERS = {
  x64: { pc: 0xf8, sp: 0x98, fp: 0xa0, size: 0x4d0 },
  x86: { pc: 0xb8, sp: 0xc4, fp: 0xb4, size: 0x2cc },
  arm64: { pc: 0x108, sp: 0x100, fp: 0xf0, lr: 0xf8, size: 0x390 },
} as const;

/** General-purpose registers of the AMD64 CONTEXT, for the report's `context.registers`. */
export const X64_REGISTERS: ReadonlyArray<readonly [string, number]> = [
  ['rax', 0x78],
  ['rcx', 0x80],
  ['rdx', 0x88],
  ['rbx', 0x90],
  ['rsp', 0x98],
  ['rbp', 0xa0],
  ['rsi', 0xa8],
  ['rdi', 0xb0],
  ['r8', 0xb8],
  ['r9', 0xc0],
  ['r10', 0xc8],
  ['r11', 0xd0],
  ['r12', 0xd8],
  ['r13', 0xe0],
  ['r14', 0xe8],
  ['r15', 0xf0],
  ['rip', 0xf8],
];
export const X86_REGISTERS: ReadonlyArray<readonly [string, number]> = [
  ['edi', 0x9c],
  ['esi', 0xa0],
  ['ebx', 0xa4],
  ['edx', 0xa8],
  ['ecx', 0xac],
  ['eax', 0xb0],
  ['ebp', 0xb4],
  ['eip', 0xb8],
  ['esp', 0xc4],
];
export const ARM64_REGISTERS: ReadonlyArray<readonly [string, number]> = [
  ...Array.from({ length: 29 }, (_, i) => [`x${i}`, 0x08 + i * 8] as const),
  ['fp', 0xf0],
  ['lr', 0xf8],
  ['sp', 0x100],
  ['pc', 0x108],
];

/** DumpType values (DOMAIN.md; rizin dmp_specs.h DMP_DUMPTYPE_*). */
export const DUMP_TYPE_NAMES: Readonly<Record<number, DumpTypeName>> = {
  1: 'full',
  2: 'summary',
  3: 'header',
  4: 'triage',
  5: 'bitmap-full',
  6: 'bitmap-kernel',
  7: 'automatic',
};

export type DumpTypeName = 'full' | 'summary' | 'header' | 'triage' | 'bitmap-full' | 'bitmap-kernel' | 'automatic' | 'unknown';
