import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { STACK_TEXT_MAX, type ParsedFrame } from '../../contract';
import { parsePaste } from '../../core/services/stacks';
import { annotateFrames } from '../../core/windbg';
import { JSON_OPTION, NOTEBOOK_OPTION, stringOption, type Command, type OptionValues } from '../command';
import { json, table } from '../format';
import { UsageError, type CliIo } from '../io';
import { withNotebook } from '../notebook';

/** Bytes read from a file: enough for STACK_TEXT_MAX characters even as UTF-16. */
const MAX_FILE_BYTES = STACK_TEXT_MAX * 2 + 2;

/** WinDbg's `.logopen /u` writes UTF-16LE with a BOM; everything else it writes is ANSI/UTF-8. */
function decode(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('utf8');
}

function readHead(path: string): Buffer {
  const size = statSync(path).size;
  const buffer = Buffer.alloc(Math.min(size, MAX_FILE_BYTES));
  const fd = openSync(path, 'r');
  try {
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** The text of FILE, or of stdin for `-`, cut to the size the contract accepts. */
async function readInput(io: CliIo, file: string | undefined): Promise<{ text: string; name: string; cut: boolean }> {
  if (!file) throw new UsageError('give a FILE to read, or - for standard input');
  let text: string;
  if (file === '-') {
    if (!io.readStdin) throw new UsageError('standard input is not available here; give a FILE');
    text = await io.readStdin();
  } else {
    const path = resolve(io.cwd, file);
    try {
      if (!statSync(path).isFile()) throw new UsageError(`${file} is not a file`);
      text = decode(readHead(path));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const cut = text.length > STACK_TEXT_MAX;
  return { text: cut ? text.slice(0, STACK_TEXT_MAX) : text, name: file === '-' ? 'stdin' : basename(file), cut };
}

function positiveInt(values: OptionValues, name: string): number | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw new UsageError(`--${name} must be a positive whole number`);
  return number;
}

function callSite(frame: ParsedFrame): string {
  if (frame.module === null) return frame.address ?? frame.raw.trim();
  const fn = frame.function === null ? '' : `!${frame.function}`;
  return `${frame.module}${fn}${frame.offset === null ? '' : `+${frame.offset}`}`;
}

export const stackParseCommand: Command = {
  name: 'stack parse',
  summary: 'Parse WinDbg / kd / BlueScreenView output (a file or - for stdin) without storing it',
  usage: 'driverlab stack parse FILE|- [--json]',
  // --notebook is accepted like everywhere else, though parsing never opens one.
  options: { ...NOTEBOOK_OPTION, ...JSON_OPTION },
  run: async ({ io, values, positionals }) => {
    const { text } = await readInput(io, positionals[0]);
    const parsed = parsePaste(text);
    if (values.json) {
      io.stdout(json(parsed));
      return 0;
    }
    const roles = annotateFrames(parsed);
    const b = parsed.bugcheck;
    const os = parsed.os;
    const lines = [
      `Bug check: ${b ? `${b.code} ${b.name ?? ''} (${b.params.map((p) => p ?? '?').join(', ')})`.trim() : 'none'}`,
      `OS:        ${os ? [`build ${os.build}${os.revision !== undefined ? `.${os.revision}` : ''}`, os.release, os.arch, os.branch].filter(Boolean).join(', ') : 'unknown'}`,
      `Caused by: ${parsed.causedBy ?? 'unknown'}`,
      `Frames:    ${parsed.frames.length}, modules: ${parsed.modules.length}, unparsed lines: ${parsed.unparsed.length + parsed.unparsedOmitted}`,
      ...parsed.limits.map((limit) => `Limit:     ${limit}`),
      '',
    ];
    io.stdout(lines.join('\n'));
    if (parsed.frames.length > 0)
      io.stdout(
        table(
          ['#', '', 'Child-SP', 'RetAddr', 'Call site'],
          parsed.frames.map((f, i) => {
            const a = roles.frames[i];
            const mark = a.faulting ? '>>' : a.firstNonMicrosoft ? '3p' : a.dispatch ? '..' : '';
            return [f.index.toString(16).padStart(2, '0'), mark, f.childSp, f.retAddr, callSite(f)];
          }),
        ),
      );
    return 0;
  },
};

export const stackAddCommand: Command = {
  name: 'stack add',
  summary: 'Parse and store a stack (a file or - for stdin), alone or in an experiment',
  usage: 'driverlab stack add FILE|- [--experiment ID] [--title TEXT] [--notebook PATH] [--json]',
  options: { ...NOTEBOOK_OPTION, ...JSON_OPTION, experiment: { type: 'string' }, title: { type: 'string' } },
  run: async ({ io, values, positionals }) => {
    const { text, name, cut } = await readInput(io, positionals[0]);
    const experimentId = positiveInt(values, 'experiment');
    if (cut) io.stderr(`driverlab stack add: only the first ${STACK_TEXT_MAX} characters of ${name} are stored\n`);
    return withNotebook(values, io, async (core) => {
      const stack = await core.api.call('stacks.create', {
        text,
        title: stringOption(values, 'title'),
        experimentId,
        sourceKind: positionals[0] === '-' ? 'paste' : 'file',
      });
      if (values.json) io.stdout(json(stack));
      else
        io.stdout(
          `Stored stack ${stack.id}: ${stack.title} (${stack.frameCount} frames` +
            `${stack.experimentId === null ? '' : `, experiment ${stack.experimentId}`})\n`,
        );
      return 0;
    });
  },
};

export const stackListCommand: Command = {
  name: 'stack list',
  summary: 'List stored stacks',
  usage: 'driverlab stack list [--search TEXT] [--experiment ID] [--notebook PATH] [--json]',
  options: { ...NOTEBOOK_OPTION, ...JSON_OPTION, search: { type: 'string' }, experiment: { type: 'string' } },
  run: ({ io, values }) =>
    withNotebook(values, io, async (core) => {
      const stacks = await core.api.call('stacks.list', {
        search: stringOption(values, 'search'),
        experimentId: positiveInt(values, 'experiment'),
      });
      if (values.json) io.stdout(json(stacks));
      else
        io.stdout(
          table(
            ['ID', 'Title', 'Bug check', 'Build', 'Caused by', 'Frames', 'Experiment'],
            stacks.map((s) => [
              s.id,
              s.title,
              s.bugcheckCode ? `${s.bugcheckCode} ${s.bugcheckName ?? ''}`.trim() : '',
              s.osBuild,
              s.causedBy,
              s.frameCount,
              s.experimentId,
            ]),
          ),
        );
      return 0;
    }),
};
