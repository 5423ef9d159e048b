import { method } from '../method';
import { s, type Infer } from '../schema';

/** How the image reached the kernel loader; see shared DOMAIN.md "Load methods and contexts". */
export const LOAD_METHODS = [
  'NtLoadDriver',
  'SystemLoadGdiDriverInformation',
  'SystemLoadGdiDriverInSystemSpace',
  'SystemExtendServiceTableInformation',
  'ManualMap',
  'Other',
] as const;
export type LoadMethod = (typeof LOAD_METHODS)[number];

export const LOAD_METHOD_LABELS: Record<LoadMethod, string> = {
  NtLoadDriver: 'NtLoadDriver (sc start)',
  SystemLoadGdiDriverInformation: 'NtSetSystemInformation(SystemLoadGdiDriverInformation)',
  SystemLoadGdiDriverInSystemSpace: 'NtSetSystemInformation(SystemLoadGdiDriverInSystemSpace)',
  SystemExtendServiceTableInformation: 'NtSetSystemInformation(SystemExtendServiceTableInformation)',
  ManualMap: 'Manual mapping (loader tool)',
  Other: 'Other',
};

export const PROCESS_CONTEXTS = ['SystemProcess', 'SessionProcess', 'LoaderTool', 'Other'] as const;
export type ProcessContext = (typeof PROCESS_CONTEXTS)[number];

export const PROCESS_CONTEXT_LABELS: Record<ProcessContext, string> = {
  SystemProcess: 'System process (PID 4, no session)',
  SessionProcess: 'Session process (e.g. csrss.exe)',
  LoaderTool: 'Loader tool process',
  Other: 'Other',
};

export const OUTCOME_KINDS = ['pending', 'loaded', 'ntstatus', 'bugcheck', 'hang'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OUTCOME_LABELS: Record<OutcomeKind, string> = {
  pending: 'Not run yet',
  loaded: 'Loaded',
  ntstatus: 'NTSTATUS failure',
  bugcheck: 'Bugcheck',
  hang: 'Hang',
};

/** What was seen at one loader step in one experiment (see loader.ts for the steps and the matrix). */
export const OBSERVATION_STATUSES = ['reached', 'failed', 'not_reached', 'unknown'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

const hex = s.hex64();

export const experimentInput = s.object({
  title: s.string({ min: 1, max: 200, trim: true }),
  driverName: s.optional(s.string({ max: 260, trim: true })),
  driverId: s.optional(s.nullable(s.int({ min: 1 }))),
  windowsBuild: s.optional(s.nullable(s.int({ min: 1, max: 999_999 }))),
  windowsRevision: s.optional(s.nullable(s.int({ min: 0, max: 999_999 }))),
  loadMethod: s.optional(s.oneOf(LOAD_METHODS)),
  processContext: s.optional(s.oneOf(PROCESS_CONTEXTS)),
  outcome: s.optional(s.oneOf(OUTCOME_KINDS)),
  ntstatus: s.optional(s.nullable(hex)),
  bugcheckCode: s.optional(s.nullable(hex)),
  bugcheckParams: s.optional(s.array(hex, { max: 4 })),
  notes: s.optional(s.string({ max: 200_000 })),
  tags: s.optional(s.array(s.string({ min: 1, max: 60, trim: true }), { max: 50 })),
});
export type ExperimentInput = Infer<typeof experimentInput>;

export const experimentPatch = s.object({
  title: s.optional(s.string({ min: 1, max: 200, trim: true })),
  driverName: s.optional(s.string({ max: 260, trim: true })),
  driverId: s.optional(s.nullable(s.int({ min: 1 }))),
  windowsBuild: s.optional(s.nullable(s.int({ min: 1, max: 999_999 }))),
  windowsRevision: s.optional(s.nullable(s.int({ min: 0, max: 999_999 }))),
  loadMethod: s.optional(s.oneOf(LOAD_METHODS)),
  processContext: s.optional(s.oneOf(PROCESS_CONTEXTS)),
  outcome: s.optional(s.oneOf(OUTCOME_KINDS)),
  ntstatus: s.optional(s.nullable(hex)),
  bugcheckCode: s.optional(s.nullable(hex)),
  bugcheckParams: s.optional(s.array(hex, { max: 4 })),
  notes: s.optional(s.string({ max: 200_000 })),
  tags: s.optional(s.array(s.string({ min: 1, max: 60, trim: true }), { max: 50 })),
});
export type ExperimentPatch = Infer<typeof experimentPatch>;

export interface Experiment {
  id: number;
  title: string;
  driverName: string;
  driverId: number | null;
  windowsBuild: number | null;
  windowsRevision: number | null;
  /** e.g. "Windows 10 22H2", from the notebook's Windows versions. */
  windowsName: string | null;
  loadMethod: LoadMethod;
  processContext: ProcessContext;
  outcome: OutcomeKind;
  ntstatus: string | null;
  bugcheckCode: string | null;
  /** Name from the bugcheck table, e.g. PAGE_FAULT_IN_NONPAGED_AREA. */
  bugcheckName: string | null;
  bugcheckParams: string[];
  notes: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

/** A deleted experiment with what hung off it, so Undo can put everything back. */
export interface DeletedExperiment extends Experiment {
  observations: { stepId: number; status: ObservationStatus; note: string }[];
  /** Stacks and crash dumps that were attached to it (they are kept, detached). */
  stackIds: number[];
  dumpIds: number[];
}

export const EXPERIMENT_SORTS = ['updated', 'created', 'title', 'build', 'outcome'] as const;

export const experimentsMethods = {
  'experiments.list': method<Experiment[]>()(
    'Experiments, filtered and sorted',
    s.object({
      search: s.optional(s.string({ max: 200 })),
      outcome: s.optional(s.oneOf(OUTCOME_KINDS)),
      windowsBuild: s.optional(s.int({ min: 1, max: 999_999 })),
      loadMethod: s.optional(s.oneOf(LOAD_METHODS)),
      sort: s.optional(s.oneOf(EXPERIMENT_SORTS)),
      direction: s.optional(s.oneOf(['asc', 'desc'] as const)),
    }),
  ),
  'experiments.get': method<Experiment>()('One experiment', s.object({ id: s.int({ min: 1 }) })),
  'experiments.create': method<Experiment>()('Record a new experiment', s.object({ input: experimentInput })),
  'experiments.update': method<Experiment>()(
    'Change an experiment',
    s.object({ id: s.int({ min: 1 }), patch: experimentPatch }),
  ),
  'experiments.delete': method<DeletedExperiment>()(
    'Delete an experiment; the response is what was deleted (with its loader-step marks and attachments), so Undo can restore it',
    s.object({ id: s.int({ min: 1 }) }),
  ),
  'experiments.restore': method<Experiment>()(
    'Put back an experiment deleted a moment ago (undo)',
    s.object({
      id: s.int({ min: 1 }),
      input: experimentInput,
      createdAt: s.string({ min: 1, max: 40 }),
      observations: s.optional(
        s.array(s.object({ stepId: s.int({ min: 1 }), status: s.oneOf(OBSERVATION_STATUSES), note: s.string({ max: 20_000 }) }), { max: 1000 }),
      ),
      stackIds: s.optional(s.array(s.int({ min: 1 }), { max: 10_000 })),
      dumpIds: s.optional(s.array(s.int({ min: 1 }), { max: 10_000 })),
    }),
  ),
};
