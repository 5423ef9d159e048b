import type { Db } from '../db/notebook';
import type { Experiment, LoadMethod, OutcomeKind, ProcessContext } from '../../contract';

export interface ExperimentRow {
  id: number;
  title: string;
  driver_name: string;
  driver_id: number | null;
  windows_build: number | null;
  windows_revision: number | null;
  windows_name: string | null;
  load_method: string;
  process_context: string;
  outcome: string;
  ntstatus: string | null;
  bugcheck_code: string | null;
  bugcheck_params: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface ExperimentRecord {
  title: string;
  driverName: string;
  driverId: number | null;
  windowsBuild: number | null;
  windowsRevision: number | null;
  loadMethod: LoadMethod;
  processContext: ProcessContext;
  outcome: OutcomeKind;
  ntstatus: string | null;
  bugcheckCode: string | null;
  bugcheckParams: string[];
  notes: string;
}

const SELECT = `SELECT e.*, w.name AS windows_name FROM experiments e
  LEFT JOIN windows_versions w ON w.build = e.windows_build`;

export interface ExperimentFilter {
  search?: string;
  outcome?: string;
  windowsBuild?: number;
  loadMethod?: string;
  sort?: 'updated' | 'created' | 'title' | 'build' | 'outcome';
  direction?: 'asc' | 'desc';
}

const ORDER: Record<NonNullable<ExperimentFilter['sort']>, string> = {
  updated: 'e.updated_at',
  created: 'e.created_at',
  title: 'e.title COLLATE NOCASE',
  build: 'e.windows_build',
  outcome: 'e.outcome',
};

export function listExperimentRows(db: Db, filter: ExperimentFilter): ExperimentRow[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.search) {
    where.push(
      `(e.title LIKE ? ESCAPE '\\' OR e.driver_name LIKE ? ESCAPE '\\' OR e.notes LIKE ? ESCAPE '\\'
        OR e.bugcheck_code LIKE ? ESCAPE '\\' OR e.id IN (SELECT g.entity_id FROM taggings g JOIN tags t ON t.id = g.tag_id
        WHERE g.entity_type = 'experiment' AND t.name LIKE ? ESCAPE '\\'))`,
    );
    const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like, like, like, like);
  }
  if (filter.outcome) {
    where.push('e.outcome = ?');
    params.push(filter.outcome);
  }
  if (filter.windowsBuild !== undefined) {
    where.push('e.windows_build = ?');
    params.push(filter.windowsBuild);
  }
  if (filter.loadMethod) {
    where.push('e.load_method = ?');
    params.push(filter.loadMethod);
  }
  const direction = filter.direction === 'asc' ? 'ASC' : 'DESC';
  const order = ORDER[filter.sort ?? 'updated'];
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${order} ${direction} NULLS LAST, e.id ${direction}`;
  return db.prepare(sql).all(...params) as ExperimentRow[];
}

export function getExperimentRow(db: Db, id: number): ExperimentRow | undefined {
  return db.prepare(`${SELECT} WHERE e.id = ?`).get(id) as ExperimentRow | undefined;
}

function values(record: ExperimentRecord) {
  return {
    title: record.title,
    driver_name: record.driverName,
    driver_id: record.driverId,
    windows_build: record.windowsBuild,
    windows_revision: record.windowsRevision,
    load_method: record.loadMethod,
    process_context: record.processContext,
    outcome: record.outcome,
    ntstatus: record.ntstatus,
    bugcheck_code: record.bugcheckCode,
    bugcheck_params: JSON.stringify(record.bugcheckParams),
    notes: record.notes,
  };
}

export function insertExperiment(
  db: Db,
  record: ExperimentRecord,
  times: { createdAt: string; updatedAt: string },
  id?: number,
): number {
  const result = db
    .prepare(
      `INSERT INTO experiments (id, title, driver_name, driver_id, windows_build, windows_revision, load_method,
        process_context, outcome, ntstatus, bugcheck_code, bugcheck_params, notes, created_at, updated_at)
       VALUES (@id, @title, @driver_name, @driver_id, @windows_build, @windows_revision, @load_method, @process_context,
        @outcome, @ntstatus, @bugcheck_code, @bugcheck_params, @notes, @created_at, @updated_at)`,
    )
    .run({ id: id ?? null, ...values(record), created_at: times.createdAt, updated_at: times.updatedAt });
  return Number(result.lastInsertRowid);
}

export function updateExperiment(db: Db, id: number, record: ExperimentRecord, updatedAt: string): void {
  db.prepare(
    `UPDATE experiments SET title = @title, driver_name = @driver_name, driver_id = @driver_id,
      windows_build = @windows_build, windows_revision = @windows_revision, load_method = @load_method,
      process_context = @process_context, outcome = @outcome, ntstatus = @ntstatus, bugcheck_code = @bugcheck_code,
      bugcheck_params = @bugcheck_params, notes = @notes, updated_at = @updated_at
     WHERE id = @id`,
  ).run({ id, ...values(record), updated_at: updatedAt });
}

export function deleteExperiment(db: Db, id: number): void {
  db.prepare('DELETE FROM experiments WHERE id = ?').run(id);
}

export function ensureWindowsBuild(db: Db, build: number): void {
  db.prepare(`INSERT INTO windows_versions (build, name) VALUES (?, ?) ON CONFLICT(build) DO NOTHING`).run(
    build,
    `Windows build ${build}`,
  );
}

export function rowToRecord(row: ExperimentRow): ExperimentRecord {
  return {
    title: row.title,
    driverName: row.driver_name,
    driverId: row.driver_id,
    windowsBuild: row.windows_build,
    windowsRevision: row.windows_revision,
    loadMethod: row.load_method as LoadMethod,
    processContext: row.process_context as ProcessContext,
    outcome: row.outcome as OutcomeKind,
    ntstatus: row.ntstatus,
    bugcheckCode: row.bugcheck_code,
    bugcheckParams: JSON.parse(row.bugcheck_params) as string[],
    notes: row.notes,
  };
}

export type { Experiment };
