import { method } from '../method';
import { s } from '../schema';
import { uploadSchema } from './jobs';

/*
 * Crash dumps (GitHub issue 5). The report types below mirror core/dumps/dump-report.ts field for field: the contract
 * imports nothing outside its folder, and core assigns its DumpReport to these types, so the compiler catches drift.
 * Every 64-bit value is a lowercase `0x…` string; 32-bit counts and sizes are plain numbers.
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

export interface DumpBugcheck {
  /** e.g. `0x1000007e`. */
  code: string;
  name: string | null;
  params: [string, string, string, string];
}

export interface DumpContext {
  source: 'triage' | 'header';
  pc: string;
  sp: string;
  fp: string;
  registers: Record<string, string>;
}

export interface DumpException {
  code: string;
  flags: number;
  address: string;
  parameters: string[];
}

export interface DumpDriver {
  /** File name, e.g. `ntoskrnl.exe`. */
  name: string;
  /** Full path as the kernel stored it. */
  path: string;
  base: string;
  size: number;
  end: string;
  timeDateStamp: number;
}

export interface DumpUnloadedDriver {
  name: string;
  start: string;
  end: string;
  timeDateStamp: null;
}

export interface DumpCausedBy {
  module: string;
  address: string;
  offset: string;
  /** How the module was chosen, in words. */
  reason: string;
}

export interface DumpFrame {
  address: string;
  module: string | null;
  offset: string | null;
  source: 'context' | 'bugcheck-parameter' | 'stack';
  stackAddress?: string;
}

export interface DumpTriageSummary {
  sizeOfDump: number;
  valid: boolean;
  stackBase: string;
  stackSize: number;
  driverCount: number;
  unloadedDriverCount: number;
}

export interface DumpBitmapSummary {
  signature: string;
  firstPage: string;
  presentPages: string;
  bitmapPages: string;
}

/** What DriverLab reads from a kernel crash dump; also the stable JSON of `driverlab dump FILE --json`. */
export interface DumpReport {
  file: string | null;
  dumpType: DumpTypeName;
  dumpTypeCode: number;
  dumpTypeLabel: string;
  signature: 'PAGEDU64' | 'PAGEDUMP';
  pointerSize: 4 | 8;
  machine: 'x64' | 'x86' | 'arm64' | 'unknown';
  machineCode: string;
  build: number;
  majorVersion: number;
  checkedBuild: boolean;
  processors: number;
  bugcheck: DumpBugcheck;
  psLoadedModuleList: string;
  psActiveProcessHead: string;
  directoryTableBase: string;
  kdDebuggerDataBlock: string;
  kernelBase: string | null;
  paeEnabled: boolean | null;
  comment: string | null;
  systemTime: string | null;
  systemUpTimeSeconds: number | null;
  context: DumpContext | null;
  exception: DumpException | null;
  drivers: DumpDriver[];
  unloadedDrivers: DumpUnloadedDriver[];
  causedBy: DumpCausedBy | null;
  frames: DumpFrame[];
  triage: DumpTriageSummary | null;
  bitmap: DumpBitmapSummary | null;
  warnings: string[];
}

/** One loaded driver as the UI lists it: the dump's entry plus what the notebook knows about it. */
export interface DumpDriverRow extends DumpDriver {
  /** Load order (0 = first entry of the list). */
  index: number;
  /** Session-space image (win32k*.sys, cdd.dll, …, or a neighbour of one); see markSessionDrivers in core/dumps/to-parsed-stack.ts. */
  sessionSpace: boolean;
  /** The notebook's driver with the same file name, when there is one (link: `#/drivers/<id>`). */
  driverId: number | null;
}

/** The report with the documented meaning of its bug check and build, ready to show. */
export interface DumpAnalysis {
  report: DumpReport;
  /** One sentence from the bug check reference, when documented. */
  bugcheckSummary: string | null;
  /** Meaning of parameters 1..4; null where undocumented. */
  paramMeanings: [string | null, string | null, string | null, string | null];
  /** e.g. `Windows 10 2004 (19041)`; `build 12345` when the build is not in the table. */
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
