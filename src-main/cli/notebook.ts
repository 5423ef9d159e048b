import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openCore, type Core } from '../core/api';
import { defaultNotebookPath } from '../core/paths';
import type { CliIo } from './io';
import { stringOption, type OptionValues } from './command';

/**
 * Opens the notebook named by --notebook, or the user's default one. A default notebook that does not exist yet is
 * created with the demo content, so a first start shows a worked example instead of an empty screen.
 */
export function openNotebookFor(values: OptionValues, io: CliIo): { core: Core; created: boolean } {
  const given = stringOption(values, 'notebook');
  const path = given ? resolve(io.cwd, given) : defaultNotebookPath(io.env);
  const created = !existsSync(path);
  const core = openCore(path);
  if (core.backupPath) io.stderr(`Notebook migrated; a backup of the previous version is at ${core.backupPath}\n`);
  return { core, created: created && !given };
}

export async function withNotebook<T>(values: OptionValues, io: CliIo, work: (core: Core) => Promise<T>): Promise<T> {
  const { core, created } = openNotebookFor(values, io);
  try {
    if (created) await core.api.call('notebook.seedDemo', {});
    return await work(core);
  } finally {
    core.close();
  }
}
