import { resolve } from 'node:path';
import type { DumpImportResult, DumpReport } from '../../contract';
import { frameText } from '../../core/dumps/to-parsed-stack';
import { bugcheckInfo } from '../../core/reference/bugchecks';
import { buildLabel } from '../../core/reference/windows-builds';
import { readDumpAtPath } from '../../core/services/dumps';
import { JSON_OPTION, NOTEBOOK_OPTION, stringOption, type Command } from '../command';
import { json } from '../format';
import { UsageError } from '../io';
import { withNotebook } from '../notebook';

/** Frames shown in the text output; --json has them all. */
const TEXT_FRAMES = 12;

function row(label: string, value: string): string {
  return `${label.padEnd(11)} ${value}\n`;
}

/** The readable summary: what a user checks first in a dump (bug check, OS, culprit, top frames, drivers). */
export function dumpText(report: DumpReport): string {
  const { bugcheck } = report;
  const info = bugcheckInfo(BigInt(bugcheck.code));
  const code = `0x${BigInt(bugcheck.code).toString(16).toUpperCase().padStart(8, '0')}`;
  let out = `${report.file ?? 'dump'}\n`;
  out += row('Bug check', `${code} ${bugcheck.name ?? '(unknown code)'}`);
  bugcheck.params.forEach((value, index) => {
    const meaning = info.params[index];
    out += row('', `P${index + 1} ${value.padEnd(18)}${meaning ? `  ${meaning}` : ''}`);
  });
  out += row(
    'OS',
    `${buildLabel(report.build)}${report.checkedBuild ? ' checked build' : ''}, ${report.machine}, ${report.processors} processor${report.processors === 1 ? '' : 's'}`,
  );
  out += row('Dump', report.dumpTypeLabel);
  out += row(
    'Caused by',
    report.causedBy ? `${report.causedBy.module}+${report.causedBy.offset}: ${report.causedBy.reason}` : 'no module identified',
  );
  const shown = report.frames.slice(0, TEXT_FRAMES);
  out += row(
    'Frames',
    report.frames.length > shown.length ? `${report.frames.length} (top ${shown.length})` : String(report.frames.length),
  );
  shown.forEach((frame, index) => (out += row('', `${String(index).padStart(2)}  ${frameText(frame, report.pointerSize)}`)));
  out += row('Drivers', `${report.drivers.length} loaded, ${report.unloadedDrivers.length} unloaded`);
  for (const warning of report.warnings) out += row('Warning', warning);
  return out;
}

function storedText(result: DumpImportResult): string {
  const { dump } = result;
  const head = result.created
    ? `Stored as crash dump ${dump.id}${dump.stackId !== null ? ` with stack ${dump.stackId}` : ''}.`
    : `Already in the notebook as crash dump ${dump.id}; nothing added.`;
  return `${head}\n\n${dumpText(dump.analysis.report)}`;
}

export const dumpCommand: Command = {
  name: 'dump',
  summary: 'Read a Windows crash dump (.dmp); with --notebook, store it and its stack',
  usage: 'driverlab dump FILE [--json] [--notebook PATH [--experiment ID]]',
  options: { ...NOTEBOOK_OPTION, ...JSON_OPTION, experiment: { type: 'string' } },
  run: async ({ io, values, positionals }) => {
    if (positionals.length !== 1)
      throw new UsageError(positionals.length === 0 ? 'name the dump file' : 'give one dump file at a time');
    const path = resolve(io.cwd, positionals[0]);
    const experimentText = stringOption(values, 'experiment');
    const experimentId = experimentText === undefined ? undefined : Number(experimentText);
    if (experimentId !== undefined && (!Number.isSafeInteger(experimentId) || experimentId < 1))
      throw new UsageError('--experiment must be an experiment id (a positive whole number)');
    if (!stringOption(values, 'notebook')) {
      // Reading only: no notebook is opened or created.
      if (experimentId !== undefined) throw new UsageError('--experiment needs --notebook');
      const report = readDumpAtPath(path);
      io.stdout(values.json ? json(report) : dumpText(report));
      return 0;
    }
    return withNotebook(values, io, async (core) => {
      const result = await core.api.call('dumps.importPath', { path, experimentId });
      io.stdout(values.json ? json(result) : storedText(result));
      return 0;
    });
  },
};
