import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Stack, StackSummary } from '../../src-main/contract';
import { parseDebuggerText } from '../../src-main/core/windbg';
import { cli } from '../support/cli';
import { useTempDir } from '../support/temp';
import { FIXTURE_DIR, readFixture } from './windbg/fixtureLoader';

const tempDir = useTempDir();

describe('driverlab stack', () => {
  test('stack parse FILE --json prints exactly the ParsedPaste of the file', async () => {
    for (const name of ['mixed-0x50-driver-insightengineering.txt', 'kv-x64-x64dbg-issue2603.txt', 'bluescreenview-btrfs-issue80.txt']) {
      const { code, stdout } = await cli(['stack', 'parse', join(FIXTURE_DIR, name), '--json']);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual(parseDebuggerText(readFixture(name)));
    }
  });

  test('stack parse - reads standard input', async () => {
    const text = readFixture('analyze-gen3-0x7e-evildriver.txt');
    const { code, stdout } = await cli(['stack', 'parse', '-', '--json'], {}, text);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(parseDebuggerText(text));
    const noStdin = await cli(['stack', 'parse', '-']);
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toMatch(/standard input is not available/);
  });

  test('stack parse without --json prints a readable summary with the frames table', async () => {
    const { code, stdout } = await cli(['stack', 'parse', join(FIXTURE_DIR, 'mixed-0x50-driver-insightengineering.txt')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Bug check: 0x50 PAGE_FAULT_IN_NONPAGED_AREA \(/m);
    expect(stdout).toMatch(/^OS: +build 22621/m);
    expect(stdout).toMatch(/^Caused by: Driver\.sys$/m);
    // The faulting frame is marked, the dispatch chain too.
    expect(stdout).toMatch(/^04\s+>>\s+0xfffff90fb6d8ef78\s+0xfffff801197f1176\s+Driver\+0x1d1e$/m);
    expect(stdout).toMatch(/^00\s+\.\.\s+\S+\s+\S+\s+nt!KeBugCheckEx$/m);
  });

  test('a UTF-16 log (WinDbg .logopen /u) parses like its UTF-8 original', async () => {
    const text = readFixture('kn-x64-inline-source-echo-lab.txt');
    const file = join(tempDir(), 'windbg.log');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { stdout } = await cli(['stack', 'parse', file, '--json']);
    expect(JSON.parse(stdout)).toEqual(parseDebuggerText(text));
  });

  test('stack add stores a file (optionally in an experiment) and stack list shows it', async () => {
    const notebook = join(tempDir(), 'stacks.driverlab');
    const experiment = JSON.parse((await cli(['experiments', 'add', '-n', notebook, '--title', 'sc start', '--json'])).stdout) as { id: number };
    const added = await cli(['stack', 'add', join(FIXTURE_DIR, 'mixed-0x50-driver-insightengineering.txt'), '--experiment', String(experiment.id), '--title', 'first crash', '--notebook', notebook, '--json']);
    expect(added.code).toBe(0);
    const stack = JSON.parse(added.stdout) as Stack;
    expect(stack).toMatchObject({ title: 'first crash', experimentId: experiment.id, sourceKind: 'file', bugcheckCode: '0x50', faultingPosition: 4 });

    const fromStdin = await cli(['stack', 'add', '-', '-n', notebook], {}, readFixture('kp-x86-dynamorio-issue1154.txt'));
    expect(fromStdin.stdout).toMatch(/^Stored stack 2: Pasted stack \(13 frames\)$/m);

    const listed = JSON.parse((await cli(['stack', 'list', '-n', notebook, '--json'])).stdout) as StackSummary[];
    expect(listed.map((s) => [s.id, s.title, s.experimentId])).toEqual([[2, 'Pasted stack', null], [1, 'first crash', experiment.id]]);
    const text = await cli(['stack', 'list', '-n', notebook, '--experiment', String(experiment.id)]);
    expect(text.stdout).toMatch(/^1\s+first crash\s+0x50 PAGE_FAULT_IN_NONPAGED_AREA\s+22621\s+Driver\.sys\s+15\s+1$/m);
    expect(text.stdout).not.toMatch(/Pasted stack/);
  });

  test('mistakes: no file, a missing file, an empty file, a bad experiment', async () => {
    const notebook = join(tempDir(), 'bad.driverlab');
    expect((await cli(['stack', 'parse'])).stderr).toMatch(/give a FILE to read/);
    const missing = await cli(['stack', 'parse', join(tempDir(), 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.txt/);
    const empty = join(tempDir(), 'empty.txt');
    writeFileSync(empty, '\n\n');
    const emptyRun = await cli(['stack', 'add', empty, '-n', notebook]);
    expect(emptyRun.code).toBe(1);
    expect(emptyRun.stderr).toMatch(/The pasted text is empty/);
    const badExperiment = await cli(['stack', 'add', join(FIXTURE_DIR, 'lm-x86-docs.txt'), '-n', notebook, '--experiment', '99']);
    expect(badExperiment.code).toBe(1);
    expect(badExperiment.stderr).toMatch(/Experiment 99 is not in this notebook/);
  });
});
