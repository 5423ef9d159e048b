import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ImportFailure } from '../../contract';

export const MAX_FILES_PER_IMPORT = 50_000;
const MAX_DEPTH = 32;

export interface CollectedFiles {
  files: string[];
  failed: ImportFailure[];
  /** Files found inside folders that do not start with `MZ`. */
  skipped: number;
}

function startsWithMz(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x4d && head[1] === 0x5a;
  } finally {
    closeSync(fd);
  }
}

/**
 * Expands the paths a user dropped: files are taken as they are (a non-PE file is then reported with its reason),
 * folders are walked recursively and only their PE images (`MZ`) are taken, so a copy of System32\drivers with its
 * .mui and .cat files imports cleanly. Symbolic links are not followed, so a link loop cannot trap the walk.
 */
export function collectFiles(paths: readonly string[]): CollectedFiles {
  const out: CollectedFiles = { files: [], failed: [], skipped: 0 };
  const seen = new Set<string>();
  const visit = (path: string, depth: number, explicit: boolean): void => {
    if (out.files.length >= MAX_FILES_PER_IMPORT) return;
    let stat;
    try {
      stat = statSync(path, { throwIfNoEntry: false });
    } catch (error) {
      out.failed.push({ file: path, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (!stat) {
      out.failed.push({ file: path, reason: 'does not exist' });
      return;
    }
    if (stat.isDirectory()) {
      if (depth >= MAX_DEPTH) {
        out.failed.push({ file: path, reason: `is nested more than ${MAX_DEPTH} folders deep; not walked` });
        return;
      }
      let entries;
      try {
        entries = readdirSync(path, { withFileTypes: true });
      } catch (error) {
        out.failed.push({ file: path, reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
        return;
      }
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (entry.isSymbolicLink()) continue;
        if (entry.isDirectory() || entry.isFile()) visit(join(path, entry.name), depth + 1, false);
      }
      return;
    }
    if (!stat.isFile()) {
      if (explicit) out.failed.push({ file: path, reason: 'is not a regular file' });
      return;
    }
    const absolute = resolve(path);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    if (!explicit) {
      try {
        if (!startsWithMz(path)) {
          out.skipped++;
          return;
        }
      } catch {
        out.failed.push({ file: path, reason: 'cannot be read' });
        return;
      }
    }
    out.files.push(path);
  };
  for (const path of paths) visit(path, 0, true);
  if (out.files.length >= MAX_FILES_PER_IMPORT)
    out.failed.push({ file: paths.join(', '), reason: `more than ${MAX_FILES_PER_IMPORT} files; the rest were not imported` });
  return out;
}
