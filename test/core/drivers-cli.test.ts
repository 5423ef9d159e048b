import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { DriverImportResult, PeAnalysis } from '../../src-main/contract';
import { analyzePe } from '../../src-main/core/pe';
import { cli } from '../support/cli';
import { useTempDir } from '../support/temp';
import { tinyPe } from '../support/tiny-pe';

const tempDir = useTempDir();

describe('driverlab pe and import', () => {
  test('pe --json prints one analysis per file, in argument order, without storing', async () => {
    const dir = tempDir();
    const a = join(dir, 'w32kimp.sys');
    const b = join(dir, 'missing.sys');
    const c = join(dir, 'notes.txt');
    writeFileSync(a, tinyPe({ imports: { 'win32k.sys': ['EngCreateBitmap'] } }));
    writeFileSync(c, 'not a driver');
    const { code, stdout } = await cli(['pe', a, b, c, '--json'], { DRIVERLAB_HOME: dir });
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as PeAnalysis[];
    expect(results.map((r) => r.file)).toEqual([a, b, c]);
    expect(results[0]).toEqual(JSON.parse(JSON.stringify(analyzePe(tinyPe({ imports: { 'win32k.sys': ['EngCreateBitmap'] } }), { fileName: a }))));
    expect(results[0].sessionImports).toEqual(['win32k.sys']);
    expect(results[1].error).toBe('file not found');
    expect(results[2].error).toMatch(/MZ|PE/);
    expect(results[2].sha256).toMatch(/^[0-9a-f]{64}$/);

    const text = await cli(['pe', a]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/SESSION IMPORTS: win32k.sys/);
  });

  test('import stores files and folders, reports progress on stderr and fails when a file fails', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'drivers'));
    writeFileSync(join(dir, 'drivers', 'one.sys'), tinyPe({ imports: { 'ntoskrnl.exe': ['DbgPrint'] } }));
    writeFileSync(join(dir, 'drivers', 'two.sys'), tinyPe({ imports: { 'win32kbase.sys': ['W32GetSessionState'] } }));
    writeFileSync(join(dir, 'bad.sys'), 'MZ but nothing else');
    const notebook = join(dir, 'n.driverlab');
    const ok = await cli(['import', join(dir, 'drivers'), '-n', notebook, '--json']);
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as DriverImportResult;
    expect(result.imported.map((d) => d.fileName)).toEqual(['one.sys', 'two.sys']);
    expect(ok.stderr).toMatch(/Imported 2, already in the notebook 0, failed 0\./);

    const withBad = await cli(['import', join(dir, 'bad.sys'), join(dir, 'drivers', 'one.sys'), '-n', notebook]);
    expect(withBad.code).toBe(1);
    expect(withBad.stderr).toMatch(/failed: .*bad.sys: /);
    expect(withBad.stderr).toMatch(/Imported 0, already in the notebook 1, failed 1\./);

    const list = await cli(['drivers', 'list', '-n', notebook, '--session']);
    expect(list.stdout).toMatch(/two.sys .*win32kbase.sys/);
    expect(list.stdout).not.toMatch(/one.sys/);
  });
});
