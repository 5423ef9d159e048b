import { parseArgs } from 'node:util';
import { ApiError } from '../contract';
import { APP_VERSION } from '../core/api';
import type { Command } from './command';
import { COMMANDS } from './commands';
import { UsageError, type CliIo } from './io';

function help(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return (
    `DriverLab ${APP_VERSION}: a lab notebook for studying how Windows loads kernel drivers.\n\n` +
    `Usage: driverlab <command> [options]\n\nCommands:\n` +
    commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n`).join('') +
    `\nEvery command takes --notebook PATH (default: the notebook in your DriverLab data folder);\n` +
    `commands that report data take --json. \`driverlab help <command>\` shows a command's options.\n`
  );
}

function findCommand(args: string[], commands: readonly Command[]): { command: Command; rest: string[] } | null {
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((word, index) => args[index] === word)) return { command, rest: args.slice(words.length) };
  }
  return null;
}

/** Runs one CLI invocation in-process and returns its exit code; it never calls process.exit itself. */
export async function runCli(args: string[], io: CliIo, commands: readonly Command[] = COMMANDS): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    io.stdout(help(commands));
    return 0;
  }
  if (args[0] === '--version' || args[0] === '-v') {
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  const wantsHelp = args[0] === 'help';
  const found = findCommand(wantsHelp ? args.slice(1) : args, commands);
  if (!found) {
    io.stderr(`driverlab: unknown command "${args.join(' ')}"\n\n${help(commands)}`);
    return 2;
  }
  const { command, rest } = found;
  if (wantsHelp || rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    return await command.run({ io, values, positionals });
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`driverlab ${command.name}: ${error.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof ApiError) {
      io.stderr(`driverlab ${command.name}: ${error.message}\n`);
      return 1;
    }
    io.stderr(`driverlab ${command.name}: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
