import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiError } from '../../contract/errors';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/** 'DRLB': marks the SQLite file as a DriverLab notebook (PRAGMA application_id). */
export const NOTEBOOK_APPLICATION_ID = 0x44524c42;

export interface OpenedNotebook {
  db: Db;
  path: string;
  schemaVersion: number;
  /** Copy made before migrating an existing notebook, if any. */
  backupPath: string | null;
}

export interface OpenOptions {
  migrations?: readonly Migration[];
  /** Apply migrations only up to this version (tests build every earlier version this way). */
  upTo?: number;
  now?: () => Date;
}

function appliedMigrations(db: Db): { version: number; checksum: string }[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  return db.prepare('SELECT version, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    checksum: string;
  }[];
}

function unreadable(path: string, reason: string): ApiError {
  return new ApiError('NOTEBOOK_UNREADABLE', `Cannot open ${path} as a DriverLab notebook: ${reason}`);
}

/**
 * Opens (creating if needed) a notebook file: WAL, foreign keys on, pending migrations applied in one transaction each
 * with their history recorded and checked. A notebook from a newer DriverLab is refused rather than half-understood.
 */
export function openNotebook(path: string, options: OpenOptions = {}): OpenedNotebook {
  const migrations = options.migrations ?? MIGRATIONS;
  const target = Math.min(options.upTo ?? migrations.length, migrations.length);
  const now = options.now ?? (() => new Date());
  const existed = path !== ':memory:' && existsSync(path) && statSync(path).size > 0;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw unreadable(path, error instanceof Error ? error.message : String(error));
  }
  try {
    let applied: { version: number; checksum: string }[];
    try {
      const applicationId = db.pragma('application_id', { simple: true }) as number;
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (applicationId !== NOTEBOOK_APPLICATION_ID && tables.n > 0)
        throw unreadable(path, 'it is an SQLite database of another program');
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      // Safe with WAL: a power cut can lose the last commits but never corrupts the notebook.
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      applied = appliedMigrations(db);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw unreadable(path, error instanceof Error ? error.message : String(error));
    }

    const current = applied.length === 0 ? 0 : applied[applied.length - 1].version;
    if (current > migrations.length) {
      throw new ApiError(
        'NOTEBOOK_TOO_NEW',
        `${path} was written by a newer DriverLab (notebook schema version ${current}; this version understands up to ${migrations.length}). Update DriverLab to open it; the file was not changed.`,
      );
    }
    for (const record of applied) {
      const known = migrations[record.version - 1];
      if (!known || known.checksum !== record.checksum)
        throw unreadable(path, `its migration history does not match this DriverLab (migration ${record.version} differs)`);
    }

    let backupPath: string | null = null;
    const pending = migrations.filter((migration) => migration.version > current && migration.version <= target);
    if (pending.length > 0 && existed && current > 0) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      backupPath = `${path}.v${current}-${stamp}.bak`;
      copyFileSync(path, backupPath);
    }
    if (pending.length > 0) db.pragma(`application_id = ${NOTEBOOK_APPLICATION_ID}`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
    for (const migration of pending) {
      db.transaction(() => {
        db.exec(migration.sql);
        record.run(migration.version, migration.name, migration.checksum, now().toISOString());
      })();
    }
    const violations = db.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) throw unreadable(path, `${violations.length} broken references between records`);
    return { db, path, schemaVersion: pending.length > 0 ? pending[pending.length - 1].version : current, backupPath };
  } catch (error) {
    db.close();
    throw error;
  }
}
