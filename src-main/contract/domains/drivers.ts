import { method } from '../method';
import { s } from '../schema';
import { jobIdSchema, uploadSchema } from './jobs';
import type { LoadPrediction, PeAnalysis } from './pe';
import type { OutcomeKind } from './experiments';

export interface DriverSummary {
  id: number;
  fileName: string;
  sha256: string;
  size: number;
  machine: string | null;
  timeDateStamp: number | null;
  signed: boolean;
  /** Import modules resolved from session images (win32k.sys …), as written in the image. */
  sessionImports: string[];
  importsCount: number;
  exportsCount: number;
  pdbKey: string | null;
  warningsCount: number;
  createdAt: string;
}

export interface Driver extends DriverSummary {
  analysis: PeAnalysis;
  /** Predicted outcome per load method, stored with the driver for the outcome matrix. */
  predictions: LoadPrediction[];
  experiments: { id: number; title: string; windowsBuild: number | null; outcome: OutcomeKind }[];
  /** Where the original bytes are kept with the notebook. */
  storedPath: string;
}

export interface ImportFailure {
  file: string;
  reason: string;
}

export interface DriverImportResult {
  imported: DriverSummary[];
  /** Files whose content was already in the notebook (matched by SHA-256). */
  duplicates: DriverSummary[];
  failed: ImportFailure[];
  /** Files inside dropped folders that are not PE images (no MZ header), left alone. */
  skipped: number;
  cancelled: boolean;
}

/**
 * Images mapped in session space, absent from the System process's view (shared DOMAIN.md, "Load methods and
 * contexts"); older systems add tsddd.dll and display drivers, which users add to their notebook's list.
 */
export const DEFAULT_SESSION_IMAGES: readonly string[] = ['win32k.sys', 'win32kbase.sys', 'win32kfull.sys', 'cdd.dll'];

export const DRIVER_SORTS = ['name', 'timestamp', 'imports', 'added', 'machine', 'size'] as const;

export const driversMethods = {
  'drivers.list': method<DriverSummary[]>()(
    'Drivers in the notebook',
    s.object({
      search: s.optional(s.string({ max: 200 })),
      sessionOnly: s.optional(s.boolean()),
      sort: s.optional(s.oneOf(DRIVER_SORTS)),
      direction: s.optional(s.oneOf(['asc', 'desc'] as const)),
    }),
  ),
  'drivers.get': method<Driver>()('A driver with its full analysis', s.object({ id: s.int({ min: 1 }) })),
  'drivers.importPaths': method<DriverImportResult>()(
    'Analyse and store driver images from files and folders on disk (folders recursively)',
    s.object({ paths: s.array(s.string({ min: 1, max: 4096 }), { min: 1, max: 1000 }), jobId: s.optional(jobIdSchema) }),
  ),
  'drivers.importUploads': method<DriverImportResult>()(
    'Analyse and store driver images sent by the page',
    s.object({ files: s.array(uploadSchema, { min: 1, max: 500 }), jobId: s.optional(jobIdSchema) }),
  ),
  'drivers.delete': method<DriverSummary>()(
    'Remove a driver from the notebook (its stored original stays in the notebook folder)',
    s.object({ id: s.int({ min: 1 }) }),
  ),
  'drivers.reanalyze': method<{ reanalyzed: number; failed: ImportFailure[] }>()(
    'Run the analyser again on the stored originals',
    s.object({ id: s.optional(s.int({ min: 1 })) }),
  ),
  'settings.sessionImages': method<string[]>()('The image names treated as session-space modules', s.object({})),
  'settings.setSessionImages': method<string[]>()(
    'Change the session-space image list; every driver is re-flagged',
    s.object({ names: s.array(s.string({ min: 1, max: 100, trim: true, pattern: /^[^\\/:*?"<>|]+$/, patternHint: 'must be a file name' }), { max: 100 }) }),
  ),
};
