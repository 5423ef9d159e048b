import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userDataDir } from '../core/paths';

const MAX_RECENT = 10;

function recentFile(): string {
  return join(userDataDir(), 'recent-notebooks.json');
}

export function readRecent(): string[] {
  try {
    const value: unknown = JSON.parse(readFileSync(recentFile(), 'utf8'));
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function rememberRecent(path: string): string[] {
  const list = [path, ...readRecent().filter((entry) => entry !== path)].slice(0, MAX_RECENT);
  mkdirSync(dirname(recentFile()), { recursive: true });
  writeFileSync(recentFile(), JSON.stringify(list, null, 2));
  return list;
}
