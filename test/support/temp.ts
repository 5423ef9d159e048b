import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh folder per test, removed afterwards: tests run on real SQLite files, never on shared state. */
export function useTempDir(prefix = 'driverlab-'): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

export function fixedClock(start = '2026-01-02T03:04:05.000Z'): () => Date {
  let tick = 0;
  const base = Date.parse(start);
  return () => new Date(base + 1000 * tick++);
}
