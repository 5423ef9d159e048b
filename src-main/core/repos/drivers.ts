import type { DriverSummary, LoadPrediction, PeAnalysis } from '../../contract';
import { predictLoadOutcomes } from '../pe';
import type Database from 'better-sqlite3';
import type { Db } from '../db/notebook';

export interface DriverRow {
  id: number;
  sha256: string;
  file_name: string;
  size: number;
  machine: string | null;
  time_date_stamp: number | null;
  signed: number;
  session_imports: number;
  imports_count: number;
  pdb_key: string | null;
  analysis_json: string;
  created_at: string;
  exports_count: number;
}

/** Prepared once per connection: an import writes hundreds of drivers with the same few statements. */
type Statement = Database.Statement<unknown[]>;
const cache = new WeakMap<Db, Map<string, Statement>>();
function statement(db: Db, sql: string): Statement {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  let prepared = byDb.get(sql);
  if (!prepared) byDb.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

const SELECT = `SELECT d.*, (SELECT count(*) FROM driver_exports x WHERE x.driver_id = d.id) AS exports_count FROM drivers d`;

/** A driver's list entry, straight from its analysis (what an import has in hand) or from its row. */
export function summaryFromAnalysis(id: number, fileName: string, analysis: PeAnalysis, createdAt: string): DriverSummary {
  return {
    id,
    fileName,
    sha256: analysis.sha256,
    size: analysis.size,
    machine: analysis.machine,
    timeDateStamp: analysis.timeDateStamp,
    signed: analysis.signature.present,
    sessionImports: analysis.sessionImports,
    importsCount: analysis.imports.reduce((sum, module) => sum + module.functions.length, 0),
    exportsCount: analysis.exports.length,
    pdbKey: analysis.debug.codeView?.symbolServerKey ?? null,
    warningsCount: analysis.warnings.length,
    createdAt,
  };
}

export function toSummary(row: DriverRow): DriverSummary {
  return summaryFromAnalysis(row.id, row.file_name, JSON.parse(row.analysis_json) as PeAnalysis, row.created_at);
}

export function getDriverRow(db: Db, id: number): DriverRow | undefined {
  return statement(db, `${SELECT} WHERE d.id = ?`).get(id) as DriverRow | undefined;
}

export function findDriverBySha(db: Db, sha256: string): DriverRow | undefined {
  return statement(db, `${SELECT} WHERE d.sha256 = ?`).get(sha256) as DriverRow | undefined;
}

const SORTS = {
  name: 'd.file_name COLLATE NOCASE',
  timestamp: 'd.time_date_stamp',
  imports: 'd.imports_count',
  added: 'd.created_at',
  machine: 'd.machine',
  size: 'd.size',
} as const;

export function listDriverRows(
  db: Db,
  filter: { search?: string; sessionOnly?: boolean; sort?: keyof typeof SORTS; direction?: 'asc' | 'desc' },
): DriverRow[] {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (filter.search) {
    params.like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(d.file_name LIKE @like ESCAPE '\\' OR d.sha256 LIKE @like ESCAPE '\\' OR d.pdb_key LIKE @like ESCAPE '\\'
      OR d.id IN (SELECT driver_id FROM driver_imports WHERE module LIKE @like ESCAPE '\\' OR name LIKE @like ESCAPE '\\'))`);
  }
  if (filter.sessionOnly) where.push('d.session_imports > 0');
  const direction = filter.direction === 'desc' ? 'DESC' : 'ASC';
  return db
    .prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${SORTS[filter.sort ?? 'name']} ${direction} NULLS LAST, d.id`)
    .all(params) as DriverRow[];
}

/** Writes the analysis and its searchable parts (imports, exports, sections); replaces what a driver had. */
export function writeDriver(db: Db, analysis: PeAnalysis, fileName: string, now: string, analyzerVersion: number, id?: number): number {
  const importsCount = analysis.imports.reduce((sum, module) => sum + module.functions.length, 0);
  const values = {
    sha256: analysis.sha256,
    file_name: fileName,
    size: analysis.size,
    machine: analysis.machine,
    time_date_stamp: analysis.timeDateStamp,
    size_of_image: analysis.sizeOfImage,
    signed: analysis.signature.present ? 1 : 0,
    session_imports: analysis.sessionImports.length,
    imports_count: importsCount,
    pdb_key: analysis.debug.codeView?.symbolServerKey ?? null,
    image_key: analysis.imageKey,
    analysis_json: JSON.stringify(analysis),
    analyzer_version: analyzerVersion,
    error: analysis.error ?? null,
    now,
  };
  let driverId: number;
  if (id === undefined) {
    driverId = Number(
      db
        .prepare(
          `INSERT INTO drivers (sha256, file_name, size, machine, time_date_stamp, size_of_image, signed, session_imports,
             imports_count, pdb_key, image_key, analysis_json, analyzer_version, error, created_at, updated_at)
           VALUES (@sha256, @file_name, @size, @machine, @time_date_stamp, @size_of_image, @signed, @session_imports,
             @imports_count, @pdb_key, @image_key, @analysis_json, @analyzer_version, @error, @now, @now)`,
        )
        .run(values).lastInsertRowid,
    );
  } else {
    driverId = id;
    statement(db, 
      `UPDATE drivers SET machine = @machine, time_date_stamp = @time_date_stamp, size_of_image = @size_of_image,
         signed = @signed, session_imports = @session_imports, imports_count = @imports_count, pdb_key = @pdb_key,
         image_key = @image_key, analysis_json = @analysis_json, analyzer_version = @analyzer_version, error = @error,
         updated_at = @now WHERE id = @id`,
    ).run({ ...values, id });
    for (const table of ['driver_imports', 'driver_exports', 'driver_sections'])
      statement(db, `DELETE FROM ${table} WHERE driver_id = ?`).run(id);
  }
  const insertImport = statement(db, 
    'INSERT INTO driver_imports (driver_id, position, module, delay_load, name, ordinal, hint) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  let position = 0;
  for (const module of analysis.imports)
    for (const fn of module.functions)
      insertImport.run(driverId, position++, module.module, module.delayLoad ? 1 : 0, 'name' in fn ? fn.name : null, 'ordinal' in fn ? fn.ordinal : null, 'hint' in fn ? fn.hint : null);
  const insertExport = statement(db, 'INSERT OR IGNORE INTO driver_exports (driver_id, ordinal, name, rva, forwarder) VALUES (?, ?, ?, ?, ?)');
  for (const entry of analysis.exports) insertExport.run(driverId, entry.ordinal, entry.name, entry.rva, entry.forwarder);
  const insertSection = statement(db, 
    'INSERT INTO driver_sections (driver_id, position, name, virtual_address, virtual_size, raw_size, characteristics, entropy) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  analysis.sections.forEach((section, index) =>
    insertSection.run(driverId, index, section.name, section.virtualAddress, section.virtualSize, section.rawSize, section.characteristics, section.entropy),
  );
  writePredictions(db, driverId, analysis);
  return driverId;
}

/** Stores the per-load-method prediction of an analysis, replacing the driver's previous one. */
export function writePredictions(db: Db, driverId: number, analysis: PeAnalysis): void {
  statement(db, 'DELETE FROM driver_predictions WHERE driver_id = ?').run(driverId);
  const insert = statement(db, 
    'INSERT INTO driver_predictions (driver_id, load_method, context, predicted, reason, modules) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const p of predictLoadOutcomes(analysis)) insert.run(driverId, p.loadMethod, p.context, p.predicted, p.reason, JSON.stringify(p.modules));
}

export function readPredictions(db: Db, driverId: number): LoadPrediction[] {
  const rows = db
    .prepare("SELECT * FROM driver_predictions WHERE driver_id = ? ORDER BY CASE load_method WHEN 'NtLoadDriver' THEN 0 WHEN 'SystemLoadGdiDriverInformation' THEN 1 ELSE 2 END")
    .all(driverId) as { load_method: LoadPrediction['loadMethod']; context: string; predicted: LoadPrediction['predicted']; reason: string; modules: string }[];
  return rows.map((r) => ({ loadMethod: r.load_method, context: r.context, predicted: r.predicted, reason: r.reason, modules: JSON.parse(r.modules) as string[] }));
}
