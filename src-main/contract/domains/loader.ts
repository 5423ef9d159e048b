import { method } from '../method';
import { s } from '../schema';
import { LOAD_METHODS, OBSERVATION_STATUSES, type LoadMethod, type ObservationStatus, type OutcomeKind, type ProcessContext } from './experiments';

export interface LoaderStep {
  id: number;
  pathId: number;
  position: number;
  functionName: string;
  title: string;
  description: string;
}

export interface LoaderPath {
  id: number;
  name: string;
  description: string;
  steps: LoaderStep[];
}


export interface StepObservation {
  experimentId: number;
  stepId: number;
  status: ObservationStatus;
  note: string;
}

export interface MatrixExperiment {
  id: number;
  title: string;
  loadMethod: LoadMethod;
  processContext: ProcessContext;
  outcome: OutcomeKind;
  bugcheckCode: string | null;
  bugcheckName: string | null;
  ntstatus: string | null;
  /**
   * What the analysis of the experiment's driver predicts for its load method (drivers linked by id, or by file name),
   * null when the driver is not in the notebook or the method has no prediction.
   */
  predicted: 'bugcheck' | 'loads' | 'unknown' | null;
  driverName: string;
}

export interface MatrixColumn {
  build: number;
  name: string;
  experiments: MatrixExperiment[];
}

/** How often each status was recorded at one step across the experiments of one build. */
export interface MatrixCell {
  stepId: number;
  build: number;
  reached: number;
  failed: number;
  notReached: number;
}

export interface OutcomeMatrix {
  path: LoaderPath;
  columns: MatrixColumn[];
  cells: MatrixCell[];
  /** Experiments (of the chosen load method) left out because they name no Windows build. */
  withoutBuild: number;
}

export const loaderMethods = {
  'loader.paths': method<LoaderPath[]>()('Loader paths and their steps', s.object({})),
  'observations.list': method<StepObservation[]>()(
    'What was recorded at each loader step in one experiment',
    s.object({ experimentId: s.int({ min: 1 }) }),
  ),
  'observations.set': method<StepObservation>()(
    'Record what was seen at one loader step in one experiment',
    s.object({
      experimentId: s.int({ min: 1 }),
      stepId: s.int({ min: 1 }),
      status: s.oneOf(OBSERVATION_STATUSES),
      note: s.optional(s.string({ max: 20_000 })),
    }),
  ),
  'matrix.get': method<OutcomeMatrix>()(
    'Loader steps against Windows builds: what experiments observed',
    s.object({ pathId: s.optional(s.int({ min: 1 })), loadMethod: s.optional(s.oneOf(LOAD_METHODS)) }),
  ),
};
