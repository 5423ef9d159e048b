import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { DumpImportResult, DumpReport } from '../../src-main/contract';
import { cli } from '../support/cli';
import { writeSyntheticDump } from '../support/dump-writer';
import { useTempDir } from '../support/temp';
import { triageSpec } from './dumps/synthetic-scenarios';

const tempDir = useTempDir();

function dumpFile(name = 'Mini011926-01.dmp', bytes: Uint8Array = writeSyntheticDump(triageSpec(64)).bytes): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

describe('driverlab dump FILE', () => {
  test('--json prints the stable report and stores nothing', async () => {
    const home = tempDir();
    const path = dumpFile();
    const { code, stdout, stderr } = await cli(['dump', path, '--json'], { DRIVERLAB_HOME: home });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DumpReport;
    expect(report).toMatchObject({
      file: path,
      dumpType: 'triage',
      machine: 'x64',
      build: 19041,
      checkedBuild: false,
      processors: 16,
      bugcheck: { code: '0x1000007e', name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M' },
      psLoadedModuleList: '0xfffff8047c62a390',
      causedBy: { module: 'injdrv.sys', address: '0xfffff8048b581772', offset: '0x1772' },
      warnings: [],
    });
    expect(report.bugcheck.params).toHaveLength(4);
    expect(report.drivers.map((d) => d.name)).toEqual(['ntoskrnl.exe', 'hal.dll', 'Wdf01000.sys', 'injdrv.sys']);
    expect(report.drivers[0]).toMatchObject({ base: '0xfffff8047ba00000', size: 0x1046000, timeDateStamp: 0x0d8333e6 });
    expect(report.unloadedDrivers.map((d) => d.name)).toEqual(['dam.sys', 'averyveryver']);
    expect(report.causedBy?.reason).toMatch(/\w/);
    expect(report.frames[0]).toMatchObject({ address: '0xfffff8048b581772', module: 'injdrv.sys', offset: '0x1772' });
    // Without --notebook no notebook is created, not even the default one.
    expect(existsSync(join(home, 'notebook.driverlab'))).toBe(false);
  });

  test('text output names the bug check, the OS, the culprit and its reason, the top frames and the driver count', async () => {
    const { code, stdout } = await cli(['dump', dumpFile()]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Bug check\s+0x1000007E SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M$/m);
    expect(stdout).toMatch(/^\s+P1 0xffffffffc0000005\s+.*exception code/im);
    expect(stdout).toMatch(/^OS\s+Windows 10 2004–22H2 \(19041\), x64, 16 processors$/m);
    expect(stdout).toMatch(/^Dump\s+Small memory dump \(triage\)$/m);
    expect(stdout).toMatch(/^Caused by\s+injdrv\.sys\+0x1772: first non-core module/m);
    expect(stdout).toMatch(/^\s+0 {2}injdrv\.sys\+0x1772 \(fffff804`8b581772\)$/m);
    expect(stdout).toMatch(/^Drivers\s+4 loaded, 2 unloaded$/m);
  });

  test('--notebook stores the dump once and prints what was stored', async () => {
    const notebook = join(tempDir(), 'cli.driverlab');
    const path = dumpFile();
    const stored = await cli(['dump', path, '--notebook', notebook, '--json']);
    expect(stored.code).toBe(0);
    const result = JSON.parse(stored.stdout) as DumpImportResult;
    expect(result.created).toBe(true);
    expect(result.dump).toMatchObject({
      id: 1,
      fileName: 'Mini011926-01.dmp',
      causedBy: 'injdrv.sys',
      bugcheckCode: '0x1000007e',
    });
    expect(result.dump.stackId).toBeTypeOf('number');

    const again = await cli(['dump', path, '-n', notebook]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Already in the notebook as crash dump 1; nothing added\./);
    expect(again.stdout).toMatch(/^Caused by\s+injdrv\.sys/m);

    const other = await cli(['dump', dumpFile('other.dmp', writeSyntheticDump({ bugcheckCode: 0xd1 }).bytes), '-n', notebook]);
    expect(other.stdout).toMatch(/^Stored as crash dump 2 with stack \d+\./);
    const info = JSON.parse((await cli(['info', '-n', notebook, '--json'])).stdout) as { notebookPath: string };
    expect(info.notebookPath).toBe(notebook);
  });

  test('--experiment attaches the stored dump', async () => {
    const notebook = join(tempDir(), 'exp.driverlab');
    expect((await cli(['experiments', 'add', '-n', notebook, '--title', 'crash run'])).code).toBe(0);
    const stored = await cli(['dump', dumpFile(), '-n', notebook, '--experiment', '1', '--json']);
    expect((JSON.parse(stored.stdout) as DumpImportResult).dump).toMatchObject({ experimentId: 1, experimentTitle: 'crash run' });
    const missing = await cli(['dump', dumpFile('b.dmp', writeSyntheticDump().bytes), '-n', notebook, '--experiment', '9']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Experiment 9 is not in this notebook/);
  });

  test('non-dumps and mistakes get a clear message and a non-zero exit code', async () => {
    const notebook = join(tempDir(), 'bad.driverlab');
    const text = dumpFile('notes.dmp', new TextEncoder().encode('just some notes\n'.repeat(1000)));
    const refused = await cli(['dump', text, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^driverlab dump: notes\.dmp: Not a Windows kernel crash dump/);

    const refusedStore = await cli(['dump', text, '-n', notebook, '--json']);
    expect(refusedStore.code).toBe(1);
    const info = JSON.parse((await cli(['info', '-n', notebook, '--json'])).stdout) as { counts: Record<string, number> };
    expect(Object.values(info.counts).every((n) => n === 0)).toBe(true);

    const missing = await cli(['dump', join(tempDir(), 'gone.dmp')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no file at .*gone\.dmp/);

    const noFile = await cli(['dump']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/name the dump file\nUsage: driverlab dump FILE/);
    expect((await cli(['dump', 'a.dmp', 'b.dmp'])).stderr).toMatch(/one dump file at a time/);
    expect((await cli(['dump', 'a.dmp', '--experiment', '1'])).stderr).toMatch(/--experiment needs --notebook/);
    expect((await cli(['dump', 'a.dmp', '--experiment', 'x', '-n', notebook])).code).toBe(2);
  });

  test('a truncated dump still prints a partial report with its warnings', async () => {
    const full = writeSyntheticDump(triageSpec(64));
    const { code, stdout } = await cli(['dump', dumpFile('cut.dmp', full.bytes.subarray(0, full.offsets.driverList + 8))]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Bug check\s+0x1000007E/m);
    expect(stdout).toMatch(/^Warning\s+\S/m);
  });
});
