import { ApiError, type appMethods, type ExperimentInput } from '../../contract';
import demo from '../../../resources/demo/demo-notebook.json';
import type { ServiceDeps } from '../deps';
import type { Handlers } from '../handlers';
import type { Handler } from '../handlers';

function count(deps: ServiceDeps, table: string): number {
  return (deps.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export function appService(
  deps: ServiceDeps,
  createExperiment: Handler<'experiments.create'>,
): Handlers<keyof typeof appMethods> {
  return {
    'app.info': () => ({
      name: 'DriverLab',
      version: deps.appVersion,
      notebookPath: deps.notebookPath,
      schemaVersion: (deps.db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v,
      counts: {
        experiments: count(deps, 'experiments'),
        drivers: count(deps, 'drivers'),
        stacks: count(deps, 'stacks'),
        dumps: count(deps, 'dumps'),
        notes: count(deps, 'notes'),
      },
    }),

    'notebook.seedDemo': async () => {
      if (count(deps, 'experiments') > 0 || count(deps, 'notes') > 0)
        throw new ApiError('CONFLICT', 'The demo can only be added to an empty notebook; this one already has experiments or notes.');
      const steps = deps.db.prepare('SELECT id FROM loader_steps WHERE path_id = 1 ORDER BY position').all() as { id: number }[];
      const observe = deps.db.prepare('INSERT INTO step_observations (experiment_id, step_id, status) VALUES (?, ?, ?)');
      for (const { loaderSteps, ...input } of demo.experiments as (ExperimentInput & { loaderSteps?: string[] })[]) {
        const experiment = await createExperiment({ input });
        loaderSteps?.forEach((status, index) => steps[index] && observe.run(experiment.id, steps[index].id, status));
      }
      const now = deps.now().toISOString();
      const insertNote = deps.db.prepare('INSERT INTO notes (title, body, created_at, updated_at) VALUES (?, ?, ?, ?)');
      for (const note of demo.notes) insertNote.run(note.title, note.body, now, now);
      deps.events.emit('experiments.changed', { id: null, action: 'seeded' });
      return { experiments: demo.experiments.length, notes: demo.notes.length };
    },
  };
}
