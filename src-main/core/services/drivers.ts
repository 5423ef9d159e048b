import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  ApiError,
  type Driver,
  type DriverImportResult,
  type driversMethods,
  type DriverSummary,
  type ImportFailure,
  type OutcomeKind,
  type PeAnalysis,
} from '../../contract';
import type { ServiceDeps } from '../deps';
import type { Handlers } from '../handlers';
import { AnalyzePool, type AnalyzedFile } from '../drivers/analyze-pool';
import { collectFiles } from '../drivers/collect-files';
import { analyzePe, DEFAULT_SESSION_IMAGES } from '../pe';
import * as repo from '../repos/drivers';
import type { Job } from '../jobs';
import type { Db } from '../db/notebook';

/** Bumped when the analyser learns something new, so stored drivers can be re-analysed. */
export const ANALYZER_VERSION = 1;
const PE_MEDIA_TYPE = 'application/vnd.microsoft.portable-executable';
/**
 * How many files are read and analysed ahead of the one being stored: enough that one large image does not leave the
 * other workers idle. Only analyses travel back (originals are stored by the workers), so this costs little memory.
 */
const IN_FLIGHT = 64;
/** Drivers written per transaction during an import. */
const BATCH = 32;

export function sessionImages(db: Db): string[] {
  const row = db.prepare("SELECT value_json FROM settings WHERE key = 'sessionImages'").get() as { value_json: string } | undefined;
  return row ? (JSON.parse(row.value_json) as string[]) : [...DEFAULT_SESSION_IMAGES];
}

/** What an import source yields: uploads keep their bytes for the main thread to store. */
type AnalyzedSource = (Extract<AnalyzedFile, { ok: true }> & { bytes?: Uint8Array }) | Extract<AnalyzedFile, { ok: false }>;

interface Source {
  name: string;
  analyze(): Promise<AnalyzedSource>;
}

export function driversService(deps: ServiceDeps): Handlers<keyof typeof driversMethods> {
  const { db } = deps;

  function load(id: number): Driver {
    const row = repo.getDriverRow(db, id);
    if (!row) throw new ApiError('NOT_FOUND', `Driver ${id} is not in this notebook.`);
    const analysis = JSON.parse(row.analysis_json) as PeAnalysis;
    const experiments = db
      .prepare('SELECT id, title, windows_build, outcome FROM experiments WHERE driver_id = ? OR (driver_id IS NULL AND driver_name = ? COLLATE NOCASE) ORDER BY id')
      .all(id, row.file_name) as { id: number; title: string; windows_build: number | null; outcome: OutcomeKind }[];
    return {
      ...repo.toSummary(row),
      analysis,
      predictions: repo.readPredictions(db, id),
      experiments: experiments.map((e) => ({ id: e.id, title: e.title, windowsBuild: e.windows_build, outcome: e.outcome })),
      storedPath: deps.files.pathOf(row.sha256),
    };
  }

  /**
   * Stores analysed files in order while later ones are still being read and analysed (on worker threads for path
   * imports). Database writes are grouped into transactions of up to BATCH drivers; each driver still either lands whole
   * or not at all.
   */
  async function importSources(sources: Source[], job: Job | null, skipped: number, failedBefore: ImportFailure[]): Promise<DriverImportResult> {
    const result: DriverImportResult = { imported: [], duplicates: [], failed: [...failedBefore], skipped, cancelled: false };
    const queue: Promise<AnalyzedSource>[] = [];
    let started = 0;
    const fill = () => {
      while (queue.length < IN_FLIGHT && started < sources.length) queue.push(sources[started++].analyze());
    };
    const now = deps.now().toISOString();
    let batch: { name: string; analyzed: Extract<AnalyzedSource, { ok: true }> }[] = [];
    const batchShas = new Set<string>();
    const flush = () => {
      if (batch.length === 0) return;
      const written: DriverSummary[] = [];
      const write = db.transaction((entries: typeof batch) => {
        for (const { name, analyzed } of entries) {
          const { analysis } = analyzed;
          const fileName = basename(name.replace(/\\/g, '/'));
          if (analyzed.stored) deps.files.record(analysis.sha256, analysis.size, PE_MEDIA_TYPE, name);
          else deps.files.putBytes(analyzed.bytes ?? new Uint8Array(), name, PE_MEDIA_TYPE, analysis.sha256);
          const id = repo.writeDriver(db, analysis, fileName, now, ANALYZER_VERSION);
          written.push(repo.summaryFromAnalysis(id, fileName, analysis, now));
        }
      });
      try {
        write(batch);
        result.imported.push(...written);
      } catch {
        // Something in the batch could not be written: store one by one so only the culprit fails.
        for (const entry of batch) {
          try {
            written.length = 0;
            write([entry]);
            result.imported.push(...written);
          } catch (error) {
            result.failed.push({ file: entry.name, reason: `could not be stored (${(error as Error).message})` });
          }
        }
      }
      batch = [];
      batchShas.clear();
    };
    fill();
    for (let index = 0; index < sources.length; index++) {
      if (job?.cancelled) {
        result.cancelled = true;
        break;
      }
      const source = sources[index];
      const analyzed = await queue.shift()!;
      fill();
      job?.progress({ done: index + 1, failed: result.failed.length, current: source.name });
      if (!analyzed.ok) {
        result.failed.push({ file: source.name, reason: `cannot be read (${analyzed.reason})` });
        continue;
      }
      const { analysis } = analyzed;
      if (analysis.error !== undefined) {
        result.failed.push({ file: source.name, reason: analysis.error });
        continue;
      }
      const existing = batchShas.has(analysis.sha256) ? (flush(), repo.findDriverBySha(db, analysis.sha256)) : repo.findDriverBySha(db, analysis.sha256);
      if (existing) {
        result.duplicates.push(repo.toSummary(existing));
        continue;
      }
      batch.push({ name: source.name, analyzed });
      batchShas.add(analysis.sha256);
      if (batch.length >= BATCH) flush();
    }
    flush();
    // Let analyses still running for a cancelled import finish quietly.
    await Promise.allSettled(queue);
    if (result.imported.length) deps.events.emit('drivers.changed', { ids: result.imported.map((d) => d.id) });
    return result;
  }

  async function withJob<T>(jobId: string | undefined, total: number, work: (job: Job | null) => Promise<T>): Promise<T> {
    const job = jobId ? deps.jobs.start(jobId, 'drivers.import', total) : null;
    try {
      return await work(job);
    } finally {
      job?.finish();
    }
  }

  return {
    'drivers.list': (filter) => repo.listDriverRows(db, filter).map(repo.toSummary),

    'drivers.get': ({ id }) => load(id),

    'drivers.importPaths': async ({ paths, jobId }) => {
      const collected = collectFiles(paths);
      const images = sessionImages(db);
      const pool = new AnalyzePool(deps.files.root);
      try {
        const sources: Source[] = collected.files.map((path) => ({ name: path, analyze: () => pool.analyze(path, basename(path), images) }));
        return await withJob(jobId, sources.length, (job) => importSources(sources, job, collected.skipped, collected.failed));
      } finally {
        await pool.close();
      }
    },

    'drivers.importUploads': ({ files, jobId }) => {
      const images = sessionImages(db);
      const sources: Source[] = files.map((file) => ({
        name: file.name,
        analyze: async () => {
          const bytes = Buffer.from(file.dataBase64, 'base64');
          return { ok: true, analysis: analyzePe(bytes, { fileName: basename(file.name), sessionImages: images }), stored: false, bytes };
        },
      }));
      return withJob(jobId, sources.length, (job) => importSources(sources, job, 0, []));
    },

    'drivers.delete': ({ id }) => {
      const driver = load(id);
      db.transaction(() => {
        db.prepare("DELETE FROM taggings WHERE entity_type = 'driver' AND entity_id = ?").run(id);
        db.prepare("DELETE FROM links WHERE (from_type = 'driver' AND from_id = ?) OR (to_type = 'driver' AND to_id = ?)").run(id, id);
        db.prepare('DELETE FROM drivers WHERE id = ?').run(id);
      })();
      deps.events.emit('drivers.changed', { ids: [id] });
      const { analysis: _a, predictions: _p, experiments: _e, storedPath: _s, ...summary } = driver;
      return summary satisfies DriverSummary;
    },

    'drivers.reanalyze': ({ id }) => {
      const rows = (id === undefined ? db.prepare('SELECT id FROM drivers').all() : [{ id }]) as { id: number }[];
      const images = sessionImages(db);
      const failed: ImportFailure[] = [];
      let reanalyzed = 0;
      const now = deps.now().toISOString();
      for (const { id: driverId } of rows) {
        const row = repo.getDriverRow(db, driverId);
        if (!row) throw new ApiError('NOT_FOUND', `Driver ${driverId} is not in this notebook.`);
        let bytes: Buffer;
        try {
          bytes = readFileSync(deps.files.pathOf(row.sha256));
        } catch {
          failed.push({ file: row.file_name, reason: 'its stored original is missing from the notebook folder' });
          continue;
        }
        const analysis = analyzePe(bytes, { fileName: row.file_name, sessionImages: images });
        db.transaction(() => repo.writeDriver(db, analysis, row.file_name, now, ANALYZER_VERSION, driverId))();
        reanalyzed++;
      }
      deps.events.emit('drivers.changed', { ids: rows.map((r) => r.id) });
      return { reanalyzed, failed };
    },

    'settings.sessionImages': () => sessionImages(db),

    'settings.setSessionImages': ({ names }) => {
      const unique = names.filter((name, index) => names.findIndex((n) => n.toLowerCase() === name.toLowerCase()) === index);
      db.prepare(
        "INSERT INTO settings (key, value_json) VALUES ('sessionImages', ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json",
      ).run(JSON.stringify(unique));
      // Re-flag stored drivers from their stored imports: cheap, and keeps the badge and predictions truthful.
      const lower = new Set(unique.map((n) => n.toLowerCase()));
      const rows = db.prepare('SELECT id, analysis_json FROM drivers').all() as { id: number; analysis_json: string }[];
      const update = db.prepare('UPDATE drivers SET analysis_json = ?, session_imports = ? WHERE id = ?');
      db.transaction(() => {
        for (const row of rows) {
          const analysis = JSON.parse(row.analysis_json) as PeAnalysis;
          analysis.sessionImports = [...new Set(analysis.imports.map((m) => m.module).filter((m) => lower.has(m.toLowerCase())))];
          update.run(JSON.stringify(analysis), analysis.sessionImports.length, row.id);
          repo.writePredictions(db, row.id, analysis);
        }
      })();
      deps.events.emit('drivers.changed', { ids: rows.map((r) => r.id) });
      return unique;
    },
  };
}
