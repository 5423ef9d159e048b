import { ApiError, type DeletedExperiment, type Experiment, type ExperimentInput, type ExperimentPatch, type experimentsMethods } from '../../contract';
import type { ServiceDeps } from '../deps';
import type { Handlers } from '../handlers';
import { bugcheckName } from '../reference/bugchecks';
import * as repo from '../repos/experiments';
import { setTags, tagsOf, clearTags } from '../repos/tags';

function toExperiment(deps: ServiceDeps, row: repo.ExperimentRow): Experiment {
  const record = repo.rowToRecord(row);
  return {
    id: row.id,
    ...record,
    windowsName: row.windows_name,
    bugcheckName: record.bugcheckCode ? bugcheckName(BigInt(record.bugcheckCode)) : null,
    tags: tagsOf(deps.db, 'experiment', row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Outcome-specific fields only mean something for their outcome; keep the record consistent with what it says. */
function normalise(record: repo.ExperimentRecord): repo.ExperimentRecord {
  const bugcheck = record.outcome === 'bugcheck';
  return {
    ...record,
    ntstatus: record.outcome === 'ntstatus' ? record.ntstatus : null,
    bugcheckCode: bugcheck ? record.bugcheckCode : null,
    bugcheckParams: bugcheck ? [...record.bugcheckParams, '0x0', '0x0', '0x0', '0x0'].slice(0, 4) : [],
  };
}

function fromInput(input: ExperimentInput): repo.ExperimentRecord {
  return normalise({
    title: input.title,
    driverName: input.driverName ?? '',
    driverId: input.driverId ?? null,
    windowsBuild: input.windowsBuild ?? null,
    windowsRevision: input.windowsRevision ?? null,
    loadMethod: input.loadMethod ?? 'NtLoadDriver',
    processContext: input.processContext ?? 'SystemProcess',
    outcome: input.outcome ?? 'pending',
    ntstatus: input.ntstatus ?? null,
    bugcheckCode: input.bugcheckCode ?? null,
    bugcheckParams: input.bugcheckParams ?? [],
    notes: input.notes ?? '',
  });
}

function applyPatch(record: repo.ExperimentRecord, patch: ExperimentPatch): repo.ExperimentRecord {
  const { tags: _tags, ...fields } = patch;
  const merged: repo.ExperimentRecord = { ...record };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return normalise(merged);
}

export function experimentsService(deps: ServiceDeps): Handlers<keyof typeof experimentsMethods> {
  const { db } = deps;

  function load(id: number): Experiment {
    const row = repo.getExperimentRow(db, id);
    if (!row) throw new ApiError('NOT_FOUND', `Experiment ${id} does not exist (it may have been deleted).`);
    return toExperiment(deps, row);
  }

  function checkReferences(record: repo.ExperimentRecord): void {
    if (record.driverId !== null && !db.prepare('SELECT 1 FROM drivers WHERE id = ?').get(record.driverId))
      throw new ApiError('NOT_FOUND', `Driver ${record.driverId} is not in this notebook.`, 'driverId');
    if (record.windowsBuild !== null) repo.ensureWindowsBuild(db, record.windowsBuild);
  }

  return {
    'experiments.list': (filter) => repo.listExperimentRows(db, filter).map((row) => toExperiment(deps, row)),

    'experiments.get': ({ id }) => load(id),

    'experiments.create': ({ input }) => {
      const now = deps.now().toISOString();
      const id = db.transaction(() => {
        const record = fromInput(input);
        checkReferences(record);
        const newId = repo.insertExperiment(db, record, { createdAt: now, updatedAt: now });
        if (input.tags) setTags(db, 'experiment', newId, input.tags);
        return newId;
      })();
      deps.events.emit('experiments.changed', { id, action: 'created' });
      return load(id);
    },

    'experiments.update': ({ id, patch }) => {
      db.transaction(() => {
        const row = repo.getExperimentRow(db, id);
        if (!row) throw new ApiError('NOT_FOUND', `Experiment ${id} does not exist (it may have been deleted).`);
        const record = applyPatch(repo.rowToRecord(row), patch);
        checkReferences(record);
        repo.updateExperiment(db, id, record, deps.now().toISOString());
        if (patch.tags) setTags(db, 'experiment', id, patch.tags);
      })();
      deps.events.emit('experiments.changed', { id, action: 'updated' });
      return load(id);
    },

    'experiments.delete': ({ id }) => {
      const experiment = load(id);
      const deleted: DeletedExperiment = db.transaction(() => {
        const observations = db
          .prepare('SELECT step_id AS stepId, status, note FROM step_observations WHERE experiment_id = ? ORDER BY step_id')
          .all(id) as DeletedExperiment['observations'];
        const ids = (table: string) =>
          (db.prepare(`SELECT id FROM ${table} WHERE experiment_id = ? ORDER BY id`).all(id) as { id: number }[]).map((r) => r.id);
        const snapshot = { ...experiment, observations, stackIds: ids('stacks'), dumpIds: ids('dumps') };
        clearTags(db, 'experiment', id);
        db.prepare("DELETE FROM links WHERE (from_type = 'experiment' AND from_id = ?) OR (to_type = 'experiment' AND to_id = ?)").run(id, id);
        repo.deleteExperiment(db, id);
        return snapshot;
      })();
      deps.events.emit('experiments.changed', { id, action: 'deleted' });
      return deleted;
    },

    'experiments.restore': ({ id, input, createdAt, observations, stackIds, dumpIds }) => {
      if (repo.getExperimentRow(db, id))
        throw new ApiError('CONFLICT', `Experiment ${id} already exists; there is nothing to restore.`);
      db.transaction(() => {
        const record = fromInput(input);
        checkReferences(record);
        repo.insertExperiment(db, record, { createdAt, updatedAt: deps.now().toISOString() }, id);
        if (input.tags) setTags(db, 'experiment', id, input.tags);
        const observe = db.prepare(
          'INSERT INTO step_observations (experiment_id, step_id, status, note) SELECT ?, id, ?, ? FROM loader_steps WHERE id = ?',
        );
        for (const o of observations ?? []) observe.run(id, o.status, o.note, o.stepId);
        // Re-attach only what is still unattached: a stack moved elsewhere since the delete stays where the user put it.
        const reattach = (table: string, ids: number[] | undefined) => {
          const statement = db.prepare(`UPDATE ${table} SET experiment_id = ? WHERE id = ? AND experiment_id IS NULL`);
          for (const other of ids ?? []) statement.run(id, other);
        };
        reattach('stacks', stackIds);
        reattach('dumps', dumpIds);
      })();
      deps.events.emit('experiments.changed', { id, action: 'restored' });
      return load(id);
    },
  };
}
