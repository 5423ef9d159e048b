import type { Db } from '../db/notebook';

export interface DumpRow {
  id: number;
  sha256: string;
  file_name: string;
  size: number;
  dump_type: string | null;
  machine: string | null;
  build: number | null;
  bugcheck_code: string | null;
  caused_by: string | null;
  report_json: string;
  experiment_id: number | null;
  experiment_title: string | null;
  /** The oldest stack made from this dump, when it still exists. */
  stack_id: number | null;
  warning_count: number;
  created_at: string;
}

export interface NewDump {
  sha256: string;
  fileName: string;
  size: number;
  dumpType: string;
  machine: string;
  build: number;
  bugcheckCode: string;
  causedBy: string | null;
  reportJson: string;
  experimentId: number | null;
  createdAt: string;
}

const SELECT = `SELECT d.*, e.title AS experiment_title,
    (SELECT MIN(s.id) FROM stacks s WHERE s.dump_id = d.id) AS stack_id,
    coalesce(json_array_length(d.report_json, '$.warnings'), 0) AS warning_count
  FROM dumps d LEFT JOIN experiments e ON e.id = d.experiment_id`;

export interface DumpFilter {
  experimentId?: number;
  search?: string;
}

export function listDumpRows(db: Db, filter: DumpFilter = {}): DumpRow[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.experimentId !== undefined) {
    where.push('d.experiment_id = ?');
    params.push(filter.experimentId);
  }
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(d.file_name LIKE ? ESCAPE '\\' OR d.caused_by LIKE ? ESCAPE '\\' OR d.bugcheck_code LIKE ? ESCAPE '\\')`);
    params.push(like, like, like);
  }
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.created_at DESC, d.id DESC`;
  return db.prepare(sql).all(...params) as DumpRow[];
}

export function getDumpRow(db: Db, id: number): DumpRow | undefined {
  return db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as DumpRow | undefined;
}

export function findDumpIdBySha256(db: Db, sha256: string): number | null {
  const row = db.prepare('SELECT id FROM dumps WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
  return row ? row.id : null;
}

export function insertDump(db: Db, dump: NewDump): number {
  const result = db
    .prepare(
      `INSERT INTO dumps (sha256, file_name, size, dump_type, machine, build, bugcheck_code, caused_by, report_json,
        experiment_id, created_at)
       VALUES (@sha256, @fileName, @size, @dumpType, @machine, @build, @bugcheckCode, @causedBy, @reportJson,
        @experimentId, @createdAt)`,
    )
    .run(dump);
  return Number(result.lastInsertRowid);
}

/**
 * Attaches the dump to an experiment, and with it the stacks made from the dump that still follow the dump's previous
 * experiment (a stack the user moved elsewhere stays where it is).
 */
export function setDumpExperiment(db: Db, id: number, experimentId: number | null): void {
  db.prepare(
    `UPDATE stacks SET experiment_id = @experimentId
     WHERE dump_id = @id AND experiment_id IS (SELECT experiment_id FROM dumps WHERE id = @id)`,
  ).run({ id, experimentId });
  db.prepare('UPDATE dumps SET experiment_id = ? WHERE id = ?').run(experimentId, id);
}

/** Removes the row only: the content-addressed file stays (other rows may share it), stacks keep their frames. */
export function deleteDump(db: Db, id: number): void {
  db.prepare('DELETE FROM dumps WHERE id = ?').run(id);
}

export function experimentExists(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM experiments WHERE id = ?').get(id) !== undefined;
}

/** Notebook drivers by lowercase file name (the first imported wins when several share a name). */
export interface NotebookDriverKey {
  id: number;
  fileName: string;
  timeDateStamp: number | null;
  sizeOfImage: number | null;
}

/** The notebook's drivers with one of these file names (case-insensitive), oldest first. */
export function driversByFileName(db: Db, fileNames: readonly string[]): Map<string, NotebookDriverKey[]> {
  const wanted = new Set(fileNames.map((name) => name.toLowerCase()));
  const found = new Map<string, NotebookDriverKey[]>();
  if (wanted.size === 0) return found;
  // COLLATE NOCASE matches the drivers_file_name index, so this stays an index lookup per name.
  const rows = db
    .prepare(
      `SELECT id, file_name AS fileName, time_date_stamp AS timeDateStamp, size_of_image AS sizeOfImage FROM drivers
       WHERE file_name COLLATE NOCASE IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(JSON.stringify([...wanted])) as NotebookDriverKey[];
  for (const row of rows) {
    const key = row.fileName.toLowerCase();
    if (wanted.has(key)) found.set(key, [...(found.get(key) ?? []), row]);
  }
  return found;
}
