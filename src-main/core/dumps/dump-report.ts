import type { DumpTypeName } from './dump-layout';

/**
 * The stable JSON that `driverlab dump FILE --json` prints. Fields may be added, never removed
 * or renamed. Every 64-bit value (addresses, bug check parameters) is a lowercase `0x…` string;
 * 32-bit counts and sizes are plain numbers.
 */
export interface DumpReport {
  /** The file name or path the source was opened with, or null for anonymous bytes. */
  file: string | null;
  /** DumpType as a name: `triage` for minidumps, `summary`/`bitmap-kernel` for kernel dumps… */
  dumpType: DumpTypeName;
  /** The raw DumpType number from the header. */
  dumpTypeCode: number;
  /** Human label of the dump type, e.g. `Small memory dump (triage)`. */
  dumpTypeLabel: string;
  /** Header signature: `PAGEDU64` (64-bit header) or `PAGEDUMP` (32-bit header). */
  signature: 'PAGEDU64' | 'PAGEDUMP';
  /** Pointer width of the dumped system. */
  pointerSize: 4 | 8;
  /** `x64`, `x86`, `arm64`, or `unknown` (the raw value is in machineCode). */
  machine: 'x64' | 'x86' | 'arm64' | 'unknown';
  /** MachineImageType as `0x…`, e.g. `0x8664`. */
  machineCode: string;
  /** Windows build number (the header's MinorVersion), e.g. 19041. */
  build: number;
  /** MajorVersion: 0xF (15) on free builds, 0xC (12) on checked builds. */
  majorVersion: number;
  /** True when MajorVersion is 0xC (checked build). */
  checkedBuild: boolean;
  /** NumberProcessors. */
  processors: number;
  bugcheck: DumpBugcheck;
  /** PsLoadedModuleList virtual address. */
  psLoadedModuleList: string;
  /** PsActiveProcessHead virtual address. */
  psActiveProcessHead: string;
  /** DirectoryTableBase (CR3 of the crashing context). */
  directoryTableBase: string;
  /** KdDebuggerDataBlock virtual address. */
  kdDebuggerDataBlock: string;
  /** DllBase of the kernel image when the driver list names it, else null. */
  kernelBase: string | null;
  /** True when the x86 header says PAE was on; null on 64-bit headers. */
  paeEnabled: boolean | null;
  /** The header's comment, when the writer filled it in. */
  comment: string | null;
  /** SystemTime as ISO 8601, when present. */
  systemTime: string | null;
  /** SystemUpTime in seconds, when present. */
  systemUpTimeSeconds: number | null;
  /** Register state of the crashing context, or null when none could be read. */
  context: DumpContext | null;
  /** The exception record of the header, when one was written. */
  exception: DumpException | null;
  /**
   * Loaded drivers in load order: the saved list of a triage dump, or PsLoadedModuleList walked
   * through the page tables of an x64 complete/bitmap dump; empty for other dumps (see warnings).
   */
  drivers: DumpDriver[];
  /** Recently unloaded drivers (triage dumps only). */
  unloadedDrivers: DumpUnloadedDriver[];
  /** The module BlueScreenView would blame, and why; null when no module could be identified. */
  causedBy: CausedBy | null;
  /** Stack reconstructed without symbols: faulting address first, then stack values inside modules. */
  frames: DumpFrame[];
  /** Facts about the triage section (triage dumps only). */
  triage: TriageSummary | null;
  /** Facts about the bitmap header (bitmap dumps only). */
  bitmap: BitmapSummary | null;
  /** Everything that could not be read or looked wrong; the report is partial where these say so. */
  warnings: string[];
}

export interface DumpBugcheck {
  /** Bug check code, e.g. `0x1000007e`. */
  code: string;
  /** Symbolic name, e.g. `SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M`; null when unknown. */
  name: string | null;
  /** BugCheckParameter1..4. */
  params: [string, string, string, string];
}

export interface DumpContext {
  /** Where the record came from: the triage section's ContextOffset, or the dump header. */
  source: 'triage' | 'header';
  /** Instruction pointer (RIP / EIP / PC). */
  pc: string;
  /** Stack pointer (RSP / ESP / SP). */
  sp: string;
  /** Frame pointer (RBP / EBP / FP). */
  fp: string;
  /** Named general-purpose registers (rip, rsp, … / eip, esp, … / x0…x28, fp, lr, sp, pc). */
  registers: Record<string, string>;
}

export interface DumpException {
  /** ExceptionCode, e.g. `0x80000003` (the breakpoint KeBugCheckEx raises). */
  code: string;
  flags: number;
  /** ExceptionAddress. */
  address: string;
  /** ExceptionInformation[0..NumberParameters). */
  parameters: string[];
}

export interface DumpDriver {
  /** File name, e.g. `ntoskrnl.exe`. */
  name: string;
  /** Full path as stored, e.g. `\SystemRoot\system32\ntoskrnl.exe`. */
  path: string;
  /** DllBase. */
  base: string;
  /** SizeOfImage in bytes. */
  size: number;
  /** First address past the image (`lm`'s end column). */
  end: string;
  /** TimeDateStamp (seconds since 1970, or a reproducible-build hash). */
  timeDateStamp: number;
}

export interface DumpUnloadedDriver {
  name: string;
  start: string;
  /** First address past the image, as the kernel records it. */
  end: string;
  /** Always null: triage dumps do not keep the unload time (see dump-layout.ts). */
  timeDateStamp: null;
}

export interface CausedBy {
  /** Driver file name, e.g. `mydriver.sys`. */
  module: string;
  /** The address that led to it. */
  address: string;
  /** Offset of that address inside the module, `0x…`. */
  offset: string;
  /** How the module was chosen, in words. */
  reason: string;
}

export interface DumpFrame {
  address: string;
  /** Containing module's file name, or null when no loaded module contains the address. */
  module: string | null;
  /** Offset inside the module, `0x…`, or null. */
  offset: string | null;
  /** Where the address was found. */
  source: 'context' | 'bugcheck-parameter' | 'stack';
  /** For stack values: the virtual address of the stack slot. */
  stackAddress?: string;
}

export interface TriageSummary {
  /** SizeOfDump from the triage header. */
  sizeOfDump: number;
  /** True when the `TRGD` marker is present at ValidOffset. */
  valid: boolean;
  /** Lowest virtual address of the saved stack region (TopOfStack). */
  stackBase: string;
  /** Bytes of stack saved. */
  stackSize: number;
  driverCount: number;
  unloadedDriverCount: number;
}

export interface BitmapSummary {
  /** `SDMP` (kernel) or `FDMP` (full). */
  signature: string;
  /** File offset of the first saved page. */
  firstPage: string;
  /** Pages saved in the file. */
  presentPages: string;
  /** Pages described by the bitmap. */
  bitmapPages: string;
}

export interface ReadDumpOptions {
  /** Name to report as `file` when the source has none. */
  fileName?: string;
  /** Most driver entries to read (default 4096). */
  maxDrivers?: number;
  /** Most stack frames to report (default 512). */
  maxFrames?: number;
}
