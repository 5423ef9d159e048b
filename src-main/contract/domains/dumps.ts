import { method } from '../method';
import { s } from '../schema';
import { uploadSchema } from './jobs';

/*
 * Crash dumps (GitHub issue 5). The report types below are the stable JSON of `driverlab dump FILE --json`; the
 * reader in src-main/core/dumps produces exactly them.
 */

export const DUMP_TYPE_NAMES = [
  'full',
  'summary',
  'header',
  'triage',
  'bitmap-full',
  'bitmap-kernel',
  'automatic',
  'unknown',
] as const;
export type DumpTypeName = (typeof DUMP_TYPE_NAMES)[number];

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
  causedBy: DumpCausedBy | null;
  /** Stack reconstructed without symbols: faulting address first, then stack values inside modules. */
  frames: DumpFrame[];
  /** Facts about the triage section (triage dumps only). */
  triage: DumpTriageSummary | null;
  /** Facts about the bitmap header (bitmap dumps only). */
  bitmap: DumpBitmapSummary | null;
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

export interface DumpCausedBy {
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

export interface DumpTriageSummary {
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

export interface DumpBitmapSummary {
  /** `SDMP` (kernel) or `FDMP` (full). */
  signature: string;
  /** File offset of the first saved page. */
  firstPage: string;
  /** Pages saved in the file. */
  presentPages: string;
  /** Pages described by the bitmap. */
  bitmapPages: string;
}

export interface DumpDriverRow extends DumpDriver {
  /** Load order (0 = first entry of the list). */
  index: number;
  /** Session-space image (win32k*.sys, cdd.dll, …, or a neighbour of one); see markSessionDrivers in core/dumps/to-parsed-stack.ts. */
  sessionSpace: boolean;
  /** The notebook's driver with the same file name, when there is one (link: `#/drivers/<id>`). */
  driverId: number | null;
  /**
   * How well that driver matches: `exact` when TimeDateStamp and SizeOfImage agree too (the image the dump loaded),
   * `same-name` when only the name does (another build of it), null when the notebook has no driver of that name.
   */
  notebookMatch: 'exact' | 'same-name' | null;
}

/** The report with the documented meaning of its bug check and build, ready to show. */
export interface DumpAnalysis {
  report: DumpReport;
  /** One sentence from the bug check reference, when documented. */
  bugcheckSummary: string | null;
  /** Meaning of parameters 1..4; null where undocumented. */
  paramMeanings: [string | null, string | null, string | null, string | null];
  /** e.g. `Windows 10 2004–22H2 (19041)` (releases sharing that kernel build); `build 12345` when not in the table. */
  windowsLabel: string;
  drivers: DumpDriverRow[];
}

/** A stored dump as lists show it. */
export interface DumpSummary {
  id: number;
  sha256: string;
  fileName: string;
  size: number;
  dumpType: DumpTypeName;
  machine: string;
  build: number | null;
  windowsLabel: string | null;
  bugcheckCode: string | null;
  bugcheckName: string | null;
  /** File name of the driver the dump blames, when one was identified. */
  causedBy: string | null;
  experimentId: number | null;
  experimentTitle: string | null;
  /** The stack created from the dump (null once that stack is deleted). */
  stackId: number | null;
  warningCount: number;
  createdAt: string;
}

export interface DumpDetail extends DumpSummary {
  analysis: DumpAnalysis;
}

export interface DumpImportResult {
  /** False when the same bytes (by SHA-256) were already in the notebook: `dump` is the existing one. */
  created: boolean;
  dump: DumpDetail;
}

const idSchema = s.int({ min: 1 });
const pathSchema = s.string({ min: 1, max: 4096, trim: true });

export const dumpsMethods = {
  'dumps.importPath': method<DumpImportResult>()(
    'Read a crash dump from disk and store it (content-addressed) with a stack made from it; the same dump twice is stored once',
    s.object({ path: pathSchema, experimentId: s.optional(s.nullable(idSchema)) }),
  ),
  'dumps.importUpload': method<DumpImportResult>()(
    'Store a crash dump sent from the page (browser uploads); large dumps are better imported by path',
    s.object({ upload: uploadSchema, experimentId: s.optional(s.nullable(idSchema)) }),
  ),
  'dumps.inspectPath': method<DumpAnalysis>()(
    'Read a crash dump from disk without storing anything',
    s.object({ path: pathSchema }),
  ),
  'dumps.list': method<DumpSummary[]>()(
    'Stored crash dumps, newest first',
    s.object({ experimentId: s.optional(idSchema), search: s.optional(s.string({ max: 200 })) }),
  ),
  'dumps.get': method<DumpDetail>()('One stored crash dump with its report', s.object({ id: idSchema })),
  'dumps.update': method<DumpDetail>()(
    'Attach a stored dump (and the stack made from it) to an experiment, or detach it with null',
    s.object({ id: idSchema, experimentId: s.nullable(idSchema) }),
  ),
  'dumps.delete': method<DumpSummary>()(
    'Remove a dump from the notebook; its file stays in the attachment store and its stack is kept',
    s.object({ id: idSchema }),
  ),
};
