import { createHash } from 'node:crypto';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Numbered `NNNN_name.sql` files, bundled at build time so the packaged app and the tests apply the very same SQL. */
const files = import.meta.glob('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

export function parseMigrations(sources: Record<string, string>): Migration[] {
  const migrations = Object.entries(sources).map(([path, sql]) => {
    const match = /(\d{4})_([a-z0-9_]+)\.sql$/.exec(path);
    if (!match) throw new Error(`Migration file ${path} is not named NNNN_name.sql`);
    return {
      version: Number(match[1]),
      name: match[2],
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(`Migrations must be numbered 1, 2, 3 … without gaps; found ${migration.version} at position ${index + 1}`);
  });
  return migrations;
}

export const MIGRATIONS: readonly Migration[] = parseMigrations(files);
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
