import {
  ApiError,
  type LoaderPath,
  type LoaderStep,
  type loaderMethods,
  type MatrixCell,
  type MatrixColumn,
  type ObservationStatus,
  type StepObservation,
} from '../../contract';
import type { ServiceDeps } from '../deps';
import type { Handlers } from '../handlers';
import { bugcheckName } from '../reference/bugchecks';
import type { Db } from '../db/notebook';

interface StepRow {
  id: number;
  path_id: number;
  position: number;
  function_name: string;
  title: string;
  description: string;
}

function loadPaths(db: Db): LoaderPath[] {
  const steps = db.prepare('SELECT * FROM loader_steps ORDER BY path_id, position').all() as StepRow[];
  const paths = db.prepare('SELECT id, name, description FROM loader_paths ORDER BY id').all() as Omit<LoaderPath, 'steps'>[];
  return paths.map((path) => ({
    ...path,
    steps: steps
      .filter((step) => step.path_id === path.id)
      .map<LoaderStep>((step) => ({
        id: step.id,
        pathId: step.path_id,
        position: step.position,
        functionName: step.function_name,
        title: step.title,
        description: step.description,
      })),
  }));
}

export function loaderService(deps: ServiceDeps): Handlers<keyof typeof loaderMethods> {
  const { db } = deps;
  const observation = (experimentId: number, stepId: number): StepObservation | undefined => {
    const row = db
      .prepare('SELECT experiment_id, step_id, status, note FROM step_observations WHERE experiment_id = ? AND step_id = ?')
      .get(experimentId, stepId) as { experiment_id: number; step_id: number; status: ObservationStatus; note: string } | undefined;
    return row && { experimentId: row.experiment_id, stepId: row.step_id, status: row.status, note: row.note };
  };

  return {
    'loader.paths': () => loadPaths(db),

    'observations.list': ({ experimentId }) =>
      (
        db
          .prepare('SELECT experiment_id, step_id, status, note FROM step_observations WHERE experiment_id = ? ORDER BY step_id')
          .all(experimentId) as { experiment_id: number; step_id: number; status: ObservationStatus; note: string }[]
      ).map((row) => ({ experimentId: row.experiment_id, stepId: row.step_id, status: row.status, note: row.note })),

    'observations.set': ({ experimentId, stepId, status, note }) => {
      if (!db.prepare('SELECT 1 FROM experiments WHERE id = ?').get(experimentId))
        throw new ApiError('NOT_FOUND', `Experiment ${experimentId} does not exist.`);
      if (!db.prepare('SELECT 1 FROM loader_steps WHERE id = ?').get(stepId))
        throw new ApiError('NOT_FOUND', `Loader step ${stepId} does not exist.`);
      db.prepare(
        `INSERT INTO step_observations (experiment_id, step_id, status, note) VALUES (?, ?, ?, ?)
         ON CONFLICT(experiment_id, step_id) DO UPDATE SET status = excluded.status,
           note = coalesce(?, step_observations.note)`,
      ).run(experimentId, stepId, status, note ?? '', note ?? null);
      deps.events.emit('experiments.changed', { id: experimentId, action: 'updated' });
      return observation(experimentId, stepId)!;
    },

    'matrix.get': ({ pathId, loadMethod }) => {
      const paths = loadPaths(db);
      const path = pathId === undefined ? paths[0] : paths.find((p) => p.id === pathId);
      if (!path) throw new ApiError('NOT_FOUND', pathId === undefined ? 'This notebook has no loader path.' : `Loader path ${pathId} does not exist.`);
      const experiments = db
        .prepare(
          `SELECT e.id, e.title, e.load_method, e.process_context, e.outcome, e.bugcheck_code, e.ntstatus, e.windows_build,
                  e.driver_name, w.name AS windows_name,
                  (SELECT p.predicted FROM driver_predictions p WHERE p.load_method = e.load_method AND p.driver_id = coalesce(
                     e.driver_id,
                     (SELECT d.id FROM drivers d WHERE d.file_name = e.driver_name COLLATE NOCASE ORDER BY d.id LIMIT 1))) AS predicted
           FROM experiments e JOIN windows_versions w ON w.build = e.windows_build
           WHERE @method IS NULL OR e.load_method = @method
           ORDER BY e.windows_build, e.id`,
        )
        .all({ method: loadMethod ?? null }) as {
        id: number;
        title: string;
        load_method: MatrixColumn['experiments'][number]['loadMethod'];
        process_context: MatrixColumn['experiments'][number]['processContext'];
        outcome: MatrixColumn['experiments'][number]['outcome'];
        bugcheck_code: string | null;
        ntstatus: string | null;
        windows_build: number;
        windows_name: string;
        driver_name: string;
        predicted: MatrixColumn['experiments'][number]['predicted'];
      }[];
      const columns = new Map<number, MatrixColumn>();
      for (const e of experiments) {
        const column = columns.get(e.windows_build) ?? { build: e.windows_build, name: e.windows_name, experiments: [] };
        column.experiments.push({
          id: e.id,
          title: e.title,
          loadMethod: e.load_method,
          processContext: e.process_context,
          outcome: e.outcome,
          bugcheckCode: e.bugcheck_code,
          bugcheckName: e.bugcheck_code ? bugcheckName(BigInt(e.bugcheck_code)) : null,
          ntstatus: e.ntstatus,
          predicted: e.predicted,
          driverName: e.driver_name,
        });
        columns.set(e.windows_build, column);
      }
      const counts = db
        .prepare(
          `SELECT o.step_id, e.windows_build AS build,
                  sum(o.status = 'reached') AS reached, sum(o.status = 'failed') AS failed,
                  sum(o.status = 'not_reached') AS not_reached
           FROM step_observations o JOIN experiments e ON e.id = o.experiment_id
           JOIN loader_steps s ON s.id = o.step_id
           WHERE s.path_id = @path AND e.windows_build IS NOT NULL AND (@method IS NULL OR e.load_method = @method)
           GROUP BY o.step_id, e.windows_build`,
        )
        .all({ path: path.id, method: loadMethod ?? null }) as { step_id: number; build: number; reached: number; failed: number; not_reached: number }[];
      const cells: MatrixCell[] = counts.map((row) => ({
        stepId: row.step_id,
        build: row.build,
        reached: row.reached,
        failed: row.failed,
        notReached: row.not_reached,
      }));
      const { n: withoutBuild } = db
        .prepare('SELECT count(*) AS n FROM experiments WHERE windows_build IS NULL AND (@method IS NULL OR load_method = @method)')
        .get({ method: loadMethod ?? null }) as { n: number };
      return { path, columns: [...columns.values()], cells, withoutBuild };
    },
  };
}
