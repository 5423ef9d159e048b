import type { Db } from '../db/notebook';
import type { ParsedFrame, ParsedModule, ParsedPaste } from '../windbg/types';

export interface StackRow {
  id: number;
  title: string;
  experiment_id: number | null;
  experiment_title: string | null;
  dump_id: number | null;
  source_kind: 'paste' | 'dump' | 'file';
  source_text: string;
  bugcheck_code: string | null;
  bugcheck_params: string;
  os_build: number | null;
  os_revision: number | null;
  process_name: string | null;
  caused_by: string | null;
  parsed_json: string;
  created_at: string;
  updated_at: string;
}

/** A list row: the stack without its (possibly large) texts, plus its frame count. */
export type StackSummaryRow = Omit<StackRow, 'source_text' | 'parsed_json'> & { frame_count: number };

export interface FrameRow {
  id: number;
  stack_id: number;
  position: number;
  frame_index: number | null;
  child_sp: string | null;
  ret_addr: string | null;
  args: string;
  module: string | null;
  function: string | null;
  offset: string | null;
  inline: number;
  source_file: string | null;
  source_line: number | null;
  raw: string;
  note: string;
  step_id: number | null;
}

export interface ModuleRow {
  id: number;
  stack_id: number;
  name: string;
  start: string;
  end: string;
  time_date_stamp: number | null;
  session_space: number;
}

export interface NewStack {
  title: string;
  experimentId: number | null;
  dumpId: number | null;
  sourceKind: 'paste' | 'dump' | 'file';
  sourceText: string;
  parsed: ParsedPaste;
  createdAt: string;
}

export function experimentExists(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM experiments WHERE id = ?').get(id) !== undefined;
}

export function dumpExists(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM dumps WHERE id = ?').get(id) !== undefined;
}

export function insertStack(db: Db, stack: NewStack): number {
  const { parsed } = stack;
  const result = db
    .prepare(
      `INSERT INTO stacks (title, experiment_id, dump_id, source_kind, source_text, bugcheck_code, bugcheck_params,
        os_build, os_revision, process_name, caused_by, parsed_json, created_at, updated_at)
       VALUES (@title, @experiment_id, @dump_id, @source_kind, @source_text, @bugcheck_code, @bugcheck_params,
        @os_build, @os_revision, @process_name, @caused_by, @parsed_json, @created_at, @created_at)`,
    )
    .run({
      title: stack.title,
      experiment_id: stack.experimentId,
      dump_id: stack.dumpId,
      source_kind: stack.sourceKind,
      source_text: stack.sourceText,
      bugcheck_code: parsed.bugcheck?.code ?? null,
      bugcheck_params: JSON.stringify(parsed.bugcheck?.params ?? []),
      os_build: parsed.os?.build ?? null,
      os_revision: parsed.os?.revision ?? null,
      process_name: parsed.process,
      caused_by: parsed.causedBy,
      parsed_json: JSON.stringify(parsed),
      created_at: stack.createdAt,
    });
  return Number(result.lastInsertRowid);
}

export function insertFrames(db: Db, stackId: number, frames: readonly ParsedFrame[]): void {
  const insert = db.prepare(
    `INSERT INTO frames (stack_id, position, frame_index, child_sp, ret_addr, args, module, function, offset, inline,
      source_file, source_line, raw)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  frames.forEach((f, position) =>
    insert.run(
      stackId,
      position,
      f.index,
      f.childSp,
      f.retAddr,
      JSON.stringify(f.args),
      f.module,
      f.function,
      f.offset,
      f.inline ? 1 : 0,
      f.sourceFile,
      f.sourceLine,
      f.raw,
    ),
  );
}

/** lm prints TimeDateStamp as hex; a reproducible-build hash is not a time and is not stored as one. */
function timeDateStamp(module: ParsedModule): number | null {
  if (module.timestamp === undefined || module.timestampIsHash) return null;
  const value = Number.parseInt(module.timestamp.slice(2), 16);
  return Number.isSafeInteger(value) ? value : null;
}

export function insertModules(db: Db, stackId: number, modules: readonly ParsedModule[]): void {
  const insert = db.prepare(
    `INSERT INTO modules (stack_id, name, start, "end", time_date_stamp, session_space) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const m of modules) insert.run(stackId, m.name, m.start, m.end, timeDateStamp(m), m.sessionSpace ? 1 : 0);
}

const SUMMARY = `SELECT s.id, s.title, s.experiment_id, e.title AS experiment_title, s.dump_id, s.source_kind,
    s.bugcheck_code, s.bugcheck_params, s.os_build, s.os_revision, s.process_name, s.caused_by, s.created_at,
    s.updated_at, (SELECT count(*) FROM frames f WHERE f.stack_id = s.id) AS frame_count
  FROM stacks s LEFT JOIN experiments e ON e.id = s.experiment_id`;

export interface StackFilter {
  search?: string;
  experimentId?: number;
}

export function listStackRows(db: Db, filter: StackFilter): StackSummaryRow[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      `(s.title LIKE ? ESCAPE '\\' OR s.caused_by LIKE ? ESCAPE '\\' OR s.bugcheck_code LIKE ? ESCAPE '\\'
        OR s.process_name LIKE ? ESCAPE '\\' OR CAST(s.os_build AS TEXT) LIKE ? ESCAPE '\\'
        OR s.id IN (SELECT f.stack_id FROM frames f WHERE f.module LIKE ? ESCAPE '\\' OR f.function LIKE ? ESCAPE '\\'))`,
    );
    params.push(like, like, like, like, like, like, like);
  }
  if (filter.experimentId !== undefined) {
    where.push('s.experiment_id = ?');
    params.push(filter.experimentId);
  }
  const sql = `${SUMMARY} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.created_at DESC, s.id DESC`;
  return db.prepare(sql).all(...params) as StackSummaryRow[];
}

export function getStackRow(db: Db, id: number): StackRow | undefined {
  return db
    .prepare(
      `SELECT s.*, e.title AS experiment_title FROM stacks s LEFT JOIN experiments e ON e.id = s.experiment_id
       WHERE s.id = ?`,
    )
    .get(id) as StackRow | undefined;
}

export function frameRows(db: Db, stackId: number): FrameRow[] {
  return db.prepare('SELECT * FROM frames WHERE stack_id = ? ORDER BY position').all(stackId) as FrameRow[];
}

export function frameRow(db: Db, stackId: number, position: number): FrameRow | undefined {
  return db.prepare('SELECT * FROM frames WHERE stack_id = ? AND position = ?').get(stackId, position) as
    | FrameRow
    | undefined;
}

export function moduleRows(db: Db, stackId: number): ModuleRow[] {
  return db.prepare('SELECT * FROM modules WHERE stack_id = ? ORDER BY id').all(stackId) as ModuleRow[];
}

export function updateStack(
  db: Db,
  id: number,
  fields: { title: string; experimentId: number | null },
  updatedAt: string,
): void {
  db.prepare('UPDATE stacks SET title = ?, experiment_id = ?, updated_at = ? WHERE id = ?').run(
    fields.title,
    fields.experimentId,
    updatedAt,
    id,
  );
}

export function touchStack(db: Db, id: number, updatedAt: string): void {
  db.prepare('UPDATE stacks SET updated_at = ? WHERE id = ?').run(updatedAt, id);
}

export function updateFrame(db: Db, frameId: number, fields: { note: string; stepId: number | null }): void {
  db.prepare('UPDATE frames SET note = ?, step_id = ? WHERE id = ?').run(fields.note, fields.stepId, frameId);
}

/** Tags of every frame of a stack in one query (a stack can hold thousands of frames), by frame id. */
export function frameTags(db: Db, stackId: number): Map<number, string[]> {
  const rows = db
    .prepare(
      `SELECT g.entity_id AS frame_id, t.name FROM taggings g JOIN tags t ON t.id = g.tag_id
       JOIN frames f ON f.id = g.entity_id
       WHERE g.entity_type = 'frame' AND f.stack_id = ? ORDER BY t.name COLLATE NOCASE`,
    )
    .all(stackId) as { frame_id: number; name: string }[];
  const tags = new Map<number, string[]>();
  for (const row of rows) tags.set(row.frame_id, [...(tags.get(row.frame_id) ?? []), row.name]);
  return tags;
}

/** Frame ids of a stack, so their taggings (which have no foreign key) can be cleared with it. */
export function frameIds(db: Db, stackId: number): number[] {
  return (db.prepare('SELECT id FROM frames WHERE stack_id = ?').all(stackId) as { id: number }[]).map((r) => r.id);
}

export function deleteStack(db: Db, id: number): void {
  db.prepare('DELETE FROM stacks WHERE id = ?').run(id);
}

export interface LoaderStepRow {
  id: number;
  function_name: string;
  title: string;
}

/** The loader steps linked from a stack's frames, by id. */
export function linkedStepRows(db: Db, stackId: number): LoaderStepRow[] {
  return db
    .prepare(
      `SELECT DISTINCT s.id, s.function_name, s.title FROM loader_steps s JOIN frames f ON f.step_id = s.id
       WHERE f.stack_id = ?`,
    )
    .all(stackId) as LoaderStepRow[];
}

export function loaderStepExists(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM loader_steps WHERE id = ?').get(id) !== undefined;
}

export interface DriverExportRow {
  driver_id: number;
  file_name: string;
  name: string | null;
  ordinal: number;
  rva: number | null;
}

/**
 * Exports of the notebook's drivers whose file name matches one of `moduleNames` (`injdrv` matches `injdrv.sys`),
 * so annotating a stack reads only the drivers it can use.
 */
export function driverExportsFor(db: Db, moduleNames: readonly string[]): DriverExportRow[] {
  if (moduleNames.length === 0) return [];
  const keys = [...new Set(moduleNames.map((n) => n.toLowerCase()))];
  const rows: DriverExportRow[] = [];
  const select = db.prepare(
    `SELECT d.id AS driver_id, d.file_name, x.name, x.ordinal, x.rva FROM drivers d
     LEFT JOIN driver_exports x ON x.driver_id = d.id
     WHERE lower(d.file_name) = ? OR lower(d.file_name) LIKE ? ESCAPE '\\'
     ORDER BY d.id, x.rva`,
  );
  for (const key of keys) {
    const escaped = key.replace(/[\\%_]/g, (c) => `\\${c}`);
    rows.push(...(select.all(key, `${escaped}.%`) as DriverExportRow[]));
  }
  return rows;
}
