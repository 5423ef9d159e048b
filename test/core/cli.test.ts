import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Experiment } from '../../src-main/contract';
import { cli } from '../support/cli';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

describe('driverlab CLI', () => {
  test('--help lists the commands and the shared options', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const name of ['serve', 'info', 'experiments list', 'experiments add']) expect(stdout).toContain(name);
    expect(stdout).toContain('--notebook');
    expect((await cli(['help', 'experiments', 'add'])).stdout).toMatch(/Usage: driverlab experiments add --title/);
  });

  test('records and lists experiments in the notebook given by --notebook', async () => {
    const notebook = join(tempDir(), 'cli.driverlab');
    const added = await cli(['experiments', 'add', '--notebook', notebook, '--title', 'via CLI', '--build', '19045', '--outcome', 'bugcheck', '--bugcheck', '0x3b', '--param', '0xc0000005', '--tag', 'cli', '--json']);
    expect(added.code).toBe(0);
    const experiment = JSON.parse(added.stdout) as Experiment;
    expect(experiment).toMatchObject({ title: 'via CLI', windowsBuild: 19045, bugcheckName: 'SYSTEM_SERVICE_EXCEPTION', tags: ['cli'] });

    const listed = await cli(['experiments', 'list', '-n', notebook, '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([experiment]);
    const text = await cli(['experiments', 'list', '-n', notebook]);
    expect(text.stdout).toMatch(/via CLI\s+19045\s+NtLoadDriver\s+bugcheck 0x3b SYSTEM_SERVICE_EXCEPTION/);
    const info = JSON.parse((await cli(['info', '-n', notebook, '--json'])).stdout);
    expect(info.counts.experiments).toBe(1);
  });

  test('the default notebook lives in the user data folder and starts with the demo', async () => {
    const home = tempDir();
    const { code, stdout } = await cli(['info', '--json'], { DRIVERLAB_HOME: home });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ notebookPath: join(home, 'notebook.driverlab'), counts: { experiments: 5 } });
    expect(existsSync(join(home, 'notebook.driverlab'))).toBe(true);
  });

  test('mistakes get a clear message and a non-zero exit code', async () => {
    const notebook = join(tempDir(), 'err.driverlab');
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const missing = await cli(['experiments', 'add', '-n', notebook]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--title is required/);
    const badOption = await cli(['experiments', 'list', '-n', notebook, '--colour']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/Unknown option '--colour'/);
    const invalid = await cli(['experiments', 'add', '-n', notebook, '--title', 'x', '--outcome', 'bugcheck', '--bugcheck', 'zz']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/bugcheckCode: expected a hexadecimal value/);
    const badMethod = await cli(['experiments', 'add', '-n', notebook, '--title', 'x', '--method', 'teleport']);
    expect(badMethod.stderr).toMatch(/--method must be one of NtLoadDriver/);
  });

  test('serve refuses to start when the app is not built', async () => {
    const result = await cli(['serve', '-n', join(tempDir(), 's.driverlab'), '--renderer', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/npm run build/);
  });
});
