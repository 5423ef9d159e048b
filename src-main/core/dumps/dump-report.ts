/** The report types live in the contract (src-main/contract/domains/dumps.ts), documented field by field. */
export type {
  DumpReport,
  DumpBugcheck,
  DumpContext,
  DumpException,
  DumpDriver,
  DumpUnloadedDriver,
  DumpCausedBy,
  DumpFrame,
  DumpTriageSummary,
  DumpBitmapSummary,
  DumpCausedBy as CausedBy,
  DumpTriageSummary as TriageSummary,
  DumpBitmapSummary as BitmapSummary,
} from '../../contract/domains/dumps';

export interface ReadDumpOptions {
  /** Name to report as `file` when the source has none. */
  fileName?: string;
  /** Most driver entries to read (default 4096). */
  maxDrivers?: number;
  /** Most stack frames to report (default 512). */
  maxFrames?: number;
}
