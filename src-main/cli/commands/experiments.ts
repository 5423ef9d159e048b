import {
  LOAD_METHODS,
  OUTCOME_KINDS,
  PROCESS_CONTEXTS,
  type ExperimentInput,
  type LoadMethod,
  type OutcomeKind,
  type ProcessContext,
} from '../../contract';
import { JSON_OPTION, NOTEBOOK_OPTION, stringOption, type Command, type OptionValues } from '../command';
import { json, table } from '../format';
import { UsageError } from '../io';
import { withNotebook } from '../notebook';

function pick<T extends string>(values: OptionValues, name: string, allowed: readonly T[]): T | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const match = allowed.find((entry) => entry.toLowerCase() === value.toLowerCase());
  if (!match) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return match;
}

function intOption(values: OptionValues, name: string): number | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw new UsageError(`--${name} must be a positive whole number`);
  return number;
}

export const experimentsListCommand: Command = {
  name: 'experiments list',
  summary: 'List experiments',
  usage: 'driverlab experiments list [--search TEXT] [--outcome KIND] [--build N] [--notebook PATH] [--json]',
  options: { ...NOTEBOOK_OPTION, ...JSON_OPTION, search: { type: 'string' }, outcome: { type: 'string' }, build: { type: 'string' } },
  run: ({ io, values }) =>
    withNotebook(values, io, async (core) => {
      const experiments = await core.api.call('experiments.list', {
        search: stringOption(values, 'search'),
        outcome: pick<OutcomeKind>(values, 'outcome', OUTCOME_KINDS),
        windowsBuild: intOption(values, 'build'),
        sort: 'created',
        direction: 'asc',
      });
      if (values.json) io.stdout(json(experiments));
      else
        io.stdout(
          table(
            ['ID', 'Title', 'Driver', 'Build', 'Method', 'Outcome'],
            experiments.map((e) => [
              e.id,
              e.title,
              e.driverName,
              e.windowsBuild,
              e.loadMethod,
              e.outcome === 'bugcheck' ? `bugcheck ${e.bugcheckCode ?? ''} ${e.bugcheckName ?? ''}`.trim() : e.outcome === 'ntstatus' ? `ntstatus ${e.ntstatus ?? ''}` : e.outcome,
            ]),
          ),
        );
      return 0;
    }),
};

export const experimentsAddCommand: Command = {
  name: 'experiments add',
  summary: 'Record an experiment',
  usage:
    'driverlab experiments add --title TEXT [--driver NAME] [--build N] [--method NtLoadDriver|…] [--context SystemProcess|…]\n' +
    '                          [--outcome pending|loaded|ntstatus|bugcheck|hang] [--status 0x…] [--bugcheck 0x… [--param 0x… ×4]]\n' +
    '                          [--notes TEXT] [--tag T…] [--notebook PATH] [--json]',
  options: {
    ...NOTEBOOK_OPTION,
    ...JSON_OPTION,
    title: { type: 'string' },
    driver: { type: 'string' },
    build: { type: 'string' },
    method: { type: 'string' },
    context: { type: 'string' },
    outcome: { type: 'string' },
    status: { type: 'string' },
    bugcheck: { type: 'string' },
    param: { type: 'string', multiple: true },
    notes: { type: 'string' },
    tag: { type: 'string', multiple: true },
  },
  run: ({ io, values }) => {
    const title = stringOption(values, 'title');
    if (!title) throw new UsageError('--title is required');
    const input: ExperimentInput = {
      title,
      driverName: stringOption(values, 'driver'),
      windowsBuild: intOption(values, 'build'),
      loadMethod: pick<LoadMethod>(values, 'method', LOAD_METHODS),
      processContext: pick<ProcessContext>(values, 'context', PROCESS_CONTEXTS),
      outcome: pick<OutcomeKind>(values, 'outcome', OUTCOME_KINDS),
      ntstatus: stringOption(values, 'status'),
      bugcheckCode: stringOption(values, 'bugcheck'),
      bugcheckParams: Array.isArray(values.param) ? values.param.map(String) : undefined,
      notes: stringOption(values, 'notes'),
      tags: Array.isArray(values.tag) ? values.tag.map(String) : undefined,
    };
    return withNotebook(values, io, async (core) => {
      const experiment = await core.api.call('experiments.create', { input });
      io.stdout(values.json ? json(experiment) : `Recorded experiment ${experiment.id}: ${experiment.title}\n`);
      return 0;
    });
  },
};

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Fill an empty notebook with the demo (the win32k import experiment)',
  usage: 'driverlab demo [--notebook PATH]',
  options: { ...NOTEBOOK_OPTION },
  run: ({ io, values }) =>
    withNotebook(values, io, async (core) => {
      const info = await core.api.call('app.info', {});
      if (info.counts.experiments > 0) {
        io.stdout(`${info.notebookPath} already has experiments; nothing added.\n`);
        return 0;
      }
      const result = await core.api.call('notebook.seedDemo', {});
      io.stdout(
        `Added ${result.experiments} experiments, ${result.drivers} drivers, ${result.stacks} stack and ${result.notes} note to ${info.notebookPath}\n`,
      );
      return 0;
    }),
};
