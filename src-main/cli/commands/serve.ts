import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../server/http';
import { NOTEBOOK_OPTION, stringOption, type Command } from '../command';
import { UsageError } from '../io';
import { openNotebookFor } from '../notebook';

/** The built renderer sits beside the bundled CLI: out/main/cli.js -> out/renderer. */
/**
 * The built renderer is out/renderer; this code runs from out/main/cli.js or from a shared chunk in out/main/chunks/,
 * depending on how the bundler splits it, so look one and two levels up.
 */
export function builtRendererDir(): string {
  const candidates = ['../renderer', '../../renderer'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0];
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the DriverLab app to a browser on 127.0.0.1 (for machines without a display)',
  usage: 'driverlab serve [--notebook PATH] [--port N]',
  options: { ...NOTEBOOK_OPTION, port: { type: 'string', short: 'p' }, renderer: { type: 'string' } },
  async run({ io, values }) {
    const portText = stringOption(values, 'port');
    const port = portText === undefined ? 0 : Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${portText}`);
    const rendererDir = stringOption(values, 'renderer') ?? builtRendererDir();
    if (!existsSync(join(rendererDir, 'index.html')))
      throw new UsageError(`The app is not built (no ${join(rendererDir, 'index.html')}); run \`npm run build\` first.`);
    const { core, created } = openNotebookFor(values, io);
    try {
      if (created) await core.api.call('notebook.seedDemo', {});
      const server = await startServer({ api: core.api, rendererDir, port });
      io.stdout(`DriverLab is serving ${core.notebookPath}\nOpen ${server.url}\nPress Ctrl+C to stop.\n`);
      await io.interrupted;
      await server.close();
      return 0;
    } finally {
      core.close();
    }
  },
};
