import { statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import {
  ApiError,
  type DumpAnalysis,
  type DumpDetail,
  type DumpImportResult,
  type DumpReport,
  type DumpSummary,
  type DumpTypeName,
  type dumpsMethods,
} from '../../contract';
import type { Db } from '../db/notebook';
import type { ServiceDeps } from '../deps';
import { bytesSource, DumpFormatError, readDump, readDumpFile } from '../dumps';
import { dumpStackText, dumpToParsedStack, markSessionDrivers } from '../dumps/to-parsed-stack';
import type { StoredAttachment } from '../files/attachments';
import type { Handlers } from '../handlers';
import { bugcheckInfo, bugcheckName } from '../reference/bugchecks';
import { buildLabel } from '../reference/windows-builds';
import * as repo from '../repos/dumps';
import { defaultStackTitle, saveStack } from './stack-store';

/** No registered media type exists for Windows crash dumps; this one names what the attachment is. */
const DUMP_MEDIA_TYPE = 'application/x-windows-crash-dump';

function fileSystemError(error: unknown, path: string): ApiError | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ApiError('NOT_FOUND', `There is no file at ${path}.`, 'path');
  if (code === 'EACCES' || code === 'EPERM')
    return new ApiError('NOT_FOUND', `DriverLab may not read ${path} (permission denied).`, 'path');
  if (code === 'EISDIR') return new ApiError('UNSUPPORTED_FORMAT', `${path} is a folder; pick a .dmp file in it.`, 'path');
  return null;
}

/** The reader's refusal (not a kernel dump, empty, truncated header) as the error users see; nothing is stored. */
function unsupported(error: unknown, name: string): unknown {
  return error instanceof DumpFormatError ? new ApiError('UNSUPPORTED_FORMAT', `${name}: ${error.message}`) : error;
}

/**
 * Reads a dump from disk without storing it. Only the header and the sections it points to are read, so a
 * multi-gigabyte MEMORY.DMP costs a few kilobytes of I/O. Throws ApiError with a message a user can read.
 */
export function readDumpAtPath(path: string): DumpReport {
  if (!isAbsolute(path)) throw new ApiError('INVALID_REQUEST', `Give the full path of the dump file (got “${path}”).`, 'path');
  try {
    if (statSync(path).isDirectory())
      throw new ApiError('UNSUPPORTED_FORMAT', `${path} is a folder; pick a .dmp file in it.`, 'path');
    return readDumpFile(path);
  } catch (error) {
    throw fileSystemError(error, path) ?? unsupported(error, basename(path));
  }
}

/** What the report means: bug check documentation, Windows release, session-space and notebook links of the drivers. */
export function analyseDump(db: Db, report: DumpReport): DumpAnalysis {
  const info = bugcheckInfo(BigInt(report.bugcheck.code));
  const sessions = markSessionDrivers(report.drivers);
  const known = repo.driversByFileName(
    db,
    report.drivers.map((d) => d.name),
  );
  // The image the dump loaded is the notebook's driver only when TimeDateStamp and SizeOfImage agree too (the
  // symbol server's image key); a driver that only shares the name is another build of it.
  const match = (driver: DumpReport['drivers'][number]) => {
    const candidates = known.get(driver.name.toLowerCase()) ?? [];
    const exact = candidates.find((c) => c.timeDateStamp === driver.timeDateStamp && c.sizeOfImage === driver.size);
    if (exact) return { driverId: exact.id, notebookMatch: 'exact' as const };
    return candidates.length ? { driverId: candidates[0].id, notebookMatch: 'same-name' as const } : { driverId: null, notebookMatch: null };
  };
  return {
    report,
    bugcheckSummary: info.summary ?? null,
    paramMeanings: info.params,
    windowsLabel: buildLabel(report.build),
    drivers: report.drivers.map((driver, index) => ({
      ...driver,
      index,
      sessionSpace: sessions[index],
      ...match(driver),
    })),
  };
}

function toSummary(row: repo.DumpRow): DumpSummary {
  return {
    id: row.id,
    sha256: row.sha256,
    fileName: row.file_name,
    size: row.size,
    dumpType: (row.dump_type ?? 'unknown') as DumpTypeName,
    machine: row.machine ?? 'unknown',
    build: row.build,
    windowsLabel: row.build === null ? null : buildLabel(row.build),
    bugcheckCode: row.bugcheck_code,
    bugcheckName: row.bugcheck_code ? bugcheckName(BigInt(row.bugcheck_code)) : null,
    causedBy: row.caused_by,
    experimentId: row.experiment_id,
    experimentTitle: row.experiment_title,
    stackId: row.stack_id,
    warningCount: row.warning_count,
    createdAt: row.created_at,
  };
}

interface PendingImport {
  report: DumpReport;
  fileName: string;
  experimentId: number | null;
  /** Records the stored bytes (placing them first when they are in memory); runs inside the import transaction. */
  store: () => StoredAttachment;
}

export function dumpsService(deps: ServiceDeps): Handlers<keyof typeof dumpsMethods> {
  const { db } = deps;

  function row(id: number): repo.DumpRow {
    const found = repo.getDumpRow(db, id);
    if (!found) throw new ApiError('NOT_FOUND', `Crash dump ${id} is not in this notebook (it may have been deleted).`);
    return found;
  }

  function detail(id: number): DumpDetail {
    const found = row(id);
    const report = JSON.parse(found.report_json) as DumpReport;
    return { ...toSummary(found), analysis: analyseDump(db, report) };
  }

  function checkExperiment(experimentId: number | null): void {
    if (experimentId !== null && !repo.experimentExists(db, experimentId))
      throw new ApiError('NOT_FOUND', `Experiment ${experimentId} is not in this notebook.`, 'experimentId');
  }

  /**
   * Stores the dump, its row and a stack made from it in one transaction: if anything fails nothing is half-stored
   * (the content-addressed copy may stay on disk, where it is harmless and reused by the next import).
   * The same bytes twice give back the existing dump.
   */
  function importDump(pending: PendingImport): DumpImportResult {
    const { report, experimentId } = pending;
    const outcome = db.transaction(() => {
      checkExperiment(experimentId);
      const stored = pending.store();
      const existing = repo.findDumpIdBySha256(db, stored.sha256);
      if (existing !== null) {
        if (experimentId !== null && row(existing).experiment_id === null) repo.setDumpExperiment(db, existing, experimentId);
        return { id: existing, created: false, stackId: null };
      }
      const id = repo.insertDump(db, {
        sha256: stored.sha256,
        fileName: pending.fileName,
        size: stored.size,
        dumpType: report.dumpType,
        machine: report.machine,
        build: report.build,
        bugcheckCode: report.bugcheck.code,
        causedBy: report.causedBy?.module ?? null,
        reportJson: JSON.stringify(report),
        experimentId,
        createdAt: deps.now().toISOString(),
      });
      const parsed = dumpToParsedStack(report);
      const stackId = saveStack(deps, {
        title: `${defaultStackTitle(parsed)} (${pending.fileName})`,
        sourceKind: 'dump',
        sourceText: dumpStackText(report),
        parsed,
        experimentId,
        dumpId: id,
      });
      return { id, created: true, stackId };
    })();
    deps.events.emit('dumps.changed', { id: outcome.id, action: outcome.created ? 'imported' : 'updated' });
    if (outcome.stackId !== null) deps.events.emit('stacks.changed', { id: outcome.stackId, action: 'created' });
    return { created: outcome.created, dump: detail(outcome.id) };
  }

  return {
    'dumps.importPath': async ({ path, experimentId }) => {
      const report = readDumpAtPath(path);
      checkExperiment(experimentId ?? null);
      let placed: { sha256: string; size: number };
      try {
        placed = await deps.files.placeFile(path);
      } catch (error) {
        throw fileSystemError(error, path) ?? error;
      }
      return importDump({
        report,
        fileName: basename(path),
        experimentId: experimentId ?? null,
        store: () => ({ ...placed, added: deps.files.record(placed.sha256, placed.size, DUMP_MEDIA_TYPE, path) }),
      });
    },

    'dumps.importUpload': ({ upload, experimentId }) => {
      const fileName = basename(upload.name.replace(/\\/g, '/')) || 'upload.dmp';
      const bytes = Buffer.from(upload.dataBase64, 'base64');
      let report: DumpReport;
      try {
        report = readDump(bytesSource(bytes), { fileName });
      } catch (error) {
        throw unsupported(error, fileName);
      }
      return importDump({
        report,
        fileName,
        experimentId: experimentId ?? null,
        store: () => deps.files.putBytes(bytes, fileName, DUMP_MEDIA_TYPE),
      });
    },

    'dumps.inspectPath': ({ path }) => analyseDump(db, readDumpAtPath(path)),

    'dumps.list': (filter) => repo.listDumpRows(db, filter).map(toSummary),

    'dumps.get': ({ id }) => detail(id),

    'dumps.update': ({ id, experimentId }) => {
      db.transaction(() => {
        row(id);
        checkExperiment(experimentId);
        repo.setDumpExperiment(db, id, experimentId);
      })();
      deps.events.emit('dumps.changed', { id, action: 'updated' });
      const stackId = row(id).stack_id;
      if (stackId !== null) deps.events.emit('stacks.changed', { id: stackId, action: 'updated' });
      return detail(id);
    },

    'dumps.delete': ({ id }) => {
      const deleted = toSummary(row(id));
      repo.deleteDump(db, id);
      deps.events.emit('dumps.changed', { id, action: 'deleted' });
      return deleted;
    },
  };
}
