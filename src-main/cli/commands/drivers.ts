import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { JobProgress, PeAnalysis } from '../../contract';
import { analyzePe } from '../../core/pe';
import { sessionImages } from '../../core/services/drivers';
import { JSON_OPTION, NOTEBOOK_OPTION, stringOption, type Command } from '../command';
import { json, table } from '../format';
import { UsageError } from '../io';
import { withNotebook } from '../notebook';

/** Larger files are not driver images anyone analyses; reading them whole would only exhaust memory. */
const MAX_PE_BYTES = 1024 * 1024 * 1024;

function analyzeFile(file: string, images?: string[]): PeAnalysis {
  try {
    const size = statSync(file).size;
    if (size > MAX_PE_BYTES) return { ...analyzePe(new Uint8Array(), { fileName: file }), size, error: `larger than ${MAX_PE_BYTES / 1024 / 1024} MB; not read` };
    return analyzePe(readFileSync(file), { fileName: file, sessionImages: images });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder (use `driverlab import` for folders)' : `cannot be read (${code ?? (error as Error).message})`;
    return { ...analyzePe(new Uint8Array(), { fileName: file }), error: reason };
  }
}

function describe(a: PeAnalysis): string {
  if (a.error) return `${a.file}: ${a.error}\n`;
  const lines = [
    `${a.file}`,
    `  ${a.machine} ${a.subsystem}  timestamp 0x${(a.timeDateStamp ?? 0).toString(16).padStart(8, '0')}  size of image 0x${(a.sizeOfImage ?? 0).toString(16)}  ${a.signature.present ? `signed (${a.signature.size} bytes)` : 'not signed'}`,
    `  sha256 ${a.sha256}`,
    `  imphash ${a.imphash ?? '-'}  authentihash ${a.authentihash ?? '-'}`,
    `  pdb ${a.debug.codeView?.symbolServerKey ?? '-'}   image ${a.imageKey ?? '-'}`,
    `  imports: ${a.imports.map((m) => `${m.module}${m.delayLoad ? ' (delay)' : ''} ×${m.functions.length}`).join(', ') || 'none'}`,
    `  exports: ${a.exports.length}   sections: ${a.sections.map((s) => s.name).join(' ')}`,
  ];
  if (a.sessionImports.length) lines.push(`  SESSION IMPORTS: ${a.sessionImports.join(', ')} — loading with NtLoadDriver is predicted to bugcheck in MiSessionLookupImage`);
  for (const warning of a.warnings) lines.push(`  warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

export const peCommand: Command = {
  name: 'pe',
  summary: 'Analyse PE files (drivers, DLLs, EXEs) without storing them',
  usage: 'driverlab pe FILE... [--json] [--notebook PATH (for its session image list)]',
  options: { ...JSON_OPTION, ...NOTEBOOK_OPTION },
  async run({ io, values, positionals }) {
    if (positionals.length === 0) throw new UsageError('name at least one file');
    const images = stringOption(values, 'notebook') ? await withNotebook(values, io, async (core) => sessionImages(core.db)) : undefined;
    const results = positionals.map((file) => analyzeFile(file, images));
    io.stdout(values.json ? json(results) : results.map(describe).join('\n'));
    return results.some((r) => r.error !== undefined) ? 1 : 0;
  },
};

export const importCommand: Command = {
  name: 'import',
  summary: 'Store driver images from files and folders (recursively) in the notebook',
  usage: 'driverlab import PATH... [--notebook PATH] [--json]',
  options: { ...NOTEBOOK_OPTION, ...JSON_OPTION },
  async run({ io, values, positionals }) {
    if (positionals.length === 0) throw new UsageError('name at least one file or folder');
    return withNotebook(values, io, async (core) => {
      const jobId = `cli-${randomUUID()}`;
      // On a terminal one line redraws; in a log, a line per tenth of the files.
      let lastTenth = -1;
      const unsubscribe = core.api.events.subscribe((name, payload) => {
        if (name !== 'jobs.progress') return;
        const p = payload as JobProgress;
        if (p.jobId !== jobId || p.state !== 'running' || !p.current) return;
        if (io.stderrIsTTY) io.stderr(`\r\x1b[K[${p.done}/${p.total}] ${basename(p.current)}`);
        else if (Math.floor((p.done * 10) / p.total) > lastTenth || p.done === p.total) {
          lastTenth = Math.floor((p.done * 10) / p.total);
          io.stderr(`[${p.done}/${p.total}] ${basename(p.current)}\n`);
        }
      });
      const result = await core.api.call('drivers.importPaths', { paths: positionals, jobId });
      unsubscribe();
      if (io.stderrIsTTY) io.stderr('\r\x1b[K');
      if (values.json) io.stdout(json(result));
      else {
        if (result.imported.length)
          io.stdout(table(['ID', 'Driver', 'Machine', 'Imports', 'Session imports'], result.imported.map((d) => [d.id, d.fileName, d.machine, d.importsCount, d.sessionImports.join(', ')])));
        for (const f of result.failed) io.stderr(`failed: ${f.file}: ${f.reason}\n`);
      }
      io.stderr(
        `Imported ${result.imported.length}, already in the notebook ${result.duplicates.length}, failed ${result.failed.length}` +
          `${result.skipped ? `, skipped ${result.skipped} non-PE file(s) in folders` : ''}.\n`,
      );
      return result.failed.length > 0 ? 1 : 0;
    });
  },
};

export const driversListCommand: Command = {
  name: 'drivers list',
  summary: 'List the drivers in the notebook',
  usage: 'driverlab drivers list [--search TEXT] [--session] [--notebook PATH] [--json]',
  options: { ...NOTEBOOK_OPTION, ...JSON_OPTION, search: { type: 'string' }, session: { type: 'boolean' } },
  run: ({ io, values }) =>
    withNotebook(values, io, async (core) => {
      const drivers = await core.api.call('drivers.list', { search: stringOption(values, 'search'), sessionOnly: values.session === true });
      io.stdout(
        values.json
          ? json(drivers)
          : table(
              ['ID', 'Driver', 'Machine', 'Timestamp', 'Signed', 'Imports', 'Session imports'],
              drivers.map((d) => [d.id, d.fileName, d.machine, d.timeDateStamp === null ? '' : new Date(d.timeDateStamp * 1000).toISOString().slice(0, 10), d.signed ? 'yes' : 'no', d.importsCount, d.sessionImports.join(', ')]),
            ),
      );
      return 0;
    }),
};
