import { ApiError, type appMethods, type ExperimentInput, type Method, type ObservationStatus, type Req, type Res } from '../../contract';
import demo from '../../../resources/demo/demo-notebook.json';
import type { ServiceDeps } from '../deps';
import type { Handlers } from '../handlers';

function count(deps: ServiceDeps, table: string): number {
  return (deps.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** A trusted in-process call of another contract method (the demo is built through the API). */
export type InternalCall = <M extends Method>(method: M, request: Req<M>) => Promise<Res<M>>;

export function appService(deps: ServiceDeps, call: InternalCall): Handlers<keyof typeof appMethods> {
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
      if (count(deps, 'experiments') > 0 || count(deps, 'notes') > 0 || count(deps, 'drivers') > 0 || count(deps, 'stacks') > 0)
        throw new ApiError('CONFLICT', 'The demo can only be added to an empty notebook; this one already has content.');
      // The demo goes through the same API a user's actions do, so it can never hold what the app could not.
      const { imported } = await call('drivers.importUploads', {
        files: demo.drivers.map((driver) => ({ name: driver.fileName, dataBase64: driver.base64 })),
      });
      const driverIds = new Map(imported.map((driver) => [driver.fileName, driver.id]));
      const [path] = await call('loader.paths', {});
      const experimentIds: number[] = [];
      for (const { loaderSteps, ...input } of demo.experiments as (ExperimentInput & { loaderSteps?: ObservationStatus[] })[]) {
        const experiment = await call('experiments.create', { input: { ...input, driverId: driverIds.get(input.driverName ?? '') ?? null } });
        experimentIds.push(experiment.id);
        for (const [index, status] of (loaderSteps ?? []).entries())
          if (path?.steps[index]) await call('observations.set', { experimentId: experiment.id, stepId: path.steps[index].id, status });
      }
      for (const demoStack of demo.stacks) {
        const stack = await call('stacks.create', { text: demoStack.text, title: demoStack.title, experimentId: experimentIds[demoStack.experiment] });
        for (const annotation of demoStack.frameNotes) {
          const frame = stack.frames.find((f) => `${f.parsed.module}!${f.parsed.function}` === annotation.frame);
          const step = annotation.step === null ? undefined : path?.steps.find((s) => s.position === annotation.step);
          if (frame) await call('frames.annotate', { stackId: stack.id, position: frame.position, note: annotation.note, stepId: step?.id });
        }
      }
      for (const note of demo.notes) await call('notes.create', { title: note.title, body: note.body });
      deps.events.emit('experiments.changed', { id: null, action: 'seeded' });
      return { experiments: demo.experiments.length, notes: demo.notes.length, drivers: imported.length, stacks: demo.stacks.length };
    },
  };
}
