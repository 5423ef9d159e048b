import { JSON_OPTION, NOTEBOOK_OPTION, type Command } from '../command';
import { json } from '../format';
import { withNotebook } from '../notebook';

export const infoCommand: Command = {
  name: 'info',
  summary: 'Show which notebook is used and what it holds',
  usage: 'driverlab info [--notebook PATH] [--json]',
  options: { ...NOTEBOOK_OPTION, ...JSON_OPTION },
  run: ({ io, values }) =>
    withNotebook(values, io, async (core) => {
      const info = await core.api.call('app.info', {});
      if (values.json) io.stdout(json(info));
      else
        io.stdout(
          `Notebook: ${info.notebookPath} (schema ${info.schemaVersion})\n` +
            Object.entries(info.counts)
              .map(([name, n]) => `  ${name.padEnd(12)} ${n}\n`)
              .join(''),
        );
      return 0;
    }),
};
