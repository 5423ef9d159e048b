import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  io: CliIo;
  values: OptionValues;
  positionals: string[];
}

export interface Command {
  /** e.g. `experiments list`. */
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  run(context: CommandContext): Promise<number>;
}

/** Every command that opens a notebook takes this option. */
export const NOTEBOOK_OPTION: OptionSpec = {
  notebook: { type: 'string', short: 'n' },
};
export const JSON_OPTION: OptionSpec = { json: { type: 'boolean' } };

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
