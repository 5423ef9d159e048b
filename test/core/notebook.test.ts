import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../src-main/contract';
import { MIGRATIONS, LATEST_SCHEMA_VERSION, parseMigrations } from '../../src-main/core/db/migrations';
import { openNotebook } from '../../src-main/core/db/notebook';
import { fixedClock, useTempDir } from '../support/temp';

const tempDir = useTempDir();

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('notebook file', () => {
  test('a new notebook gets every migration, WAL and foreign keys', () => {
    const path = join(tempDir(), 'new.driverlab');
    const { db, schemaVersion, backupPath } = openNotebook(path);
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(backupPath).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const history = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
    expect(history).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
    for (const table of ['experiments', 'drivers', 'driver_imports', 'driver_exports', 'driver_sections', 'loader_paths', 'loader_steps', 'step_observations', 'stacks', 'frames', 'modules', 'notes', 'attachments', 'writeups', 'tags', 'taggings', 'links', 'windows_versions', 'dumps'])
      expect(tables(db)).toContain(table);
    db.close();
  });

  test.each(Array.from({ length: LATEST_SCHEMA_VERSION - 1 }, (_, i) => i + 1))(
    'a notebook at schema version %i migrates to the latest, keeping its data and a backup',
    (version) => {
      const path = join(tempDir(), 'old.driverlab');
      const old = openNotebook(path, { upTo: version });
      expect(old.schemaVersion).toBe(version);
      old.db.prepare("INSERT INTO notes (title, body, created_at, updated_at) VALUES ('kept', 'body', 'x', 'x')").run();
      old.db.close();

      const opened = openNotebook(path, { now: fixedClock() });
      expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(opened.db.prepare('SELECT title FROM notes').all()).toEqual([{ title: 'kept' }]);
      expect(opened.backupPath).not.toBeNull();
      expect(existsSync(opened.backupPath!)).toBe(true);
      const backup = new Database(opened.backupPath!, { readonly: true });
      expect((backup.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(version);
      backup.close();
      opened.db.close();
    },
  );

  test('reopening an up-to-date notebook changes nothing and makes no backup', () => {
    const path = join(tempDir(), 'same.driverlab');
    openNotebook(path).db.close();
    const again = openNotebook(path);
    expect(again.backupPath).toBeNull();
    expect((again.db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(LATEST_SCHEMA_VERSION);
    again.db.close();
  });

  test('a notebook written by a newer DriverLab is refused and left untouched', () => {
    const path = join(tempDir(), 'newer.driverlab');
    const { db } = openNotebook(path);
    db.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, 'future', 'x', 'now')").run(LATEST_SCHEMA_VERSION + 1);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(path);
    let caught: unknown;
    try {
      openNotebook(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).code).toBe('NOTEBOOK_TOO_NEW');
    expect((caught as ApiError).message).toMatch(/newer DriverLab/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test('a changed migration history is refused', () => {
    const path = join(tempDir(), 'tampered.driverlab');
    const { db } = openNotebook(path);
    db.prepare("UPDATE schema_migrations SET checksum = 'different' WHERE version = 1").run();
    db.close();
    expect(() => openNotebook(path)).toThrow(/migration history/);
  });

  test('files that are not notebooks get a clear error', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'this is not a database at all, just some text that is long enough to not be empty');
    expect(() => openNotebook(text)).toThrow(ApiError);
    expect(() => openNotebook(text)).toThrow(/Cannot open .* as a DriverLab notebook/);

    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    expect(() => openNotebook(other)).toThrow(/another program/);
  });

  test('foreign keys are enforced', () => {
    const { db } = openNotebook(join(tempDir(), 'fk.driverlab'));
    expect(() =>
      db.prepare("INSERT INTO frames (stack_id, position, raw) VALUES (999, 0, 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO step_observations (experiment_id, step_id, status) VALUES (1, 1, 'reached')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  test('migration files must be numbered without gaps', () => {
    expect(() => parseMigrations({ './migrations/0001_a.sql': '', './migrations/0003_b.sql': '' })).toThrow(/without gaps/);
    expect(() => parseMigrations({ './migrations/first.sql': '' })).toThrow(/NNNN_name/);
  });
});
