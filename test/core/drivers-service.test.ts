import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { JobProgress } from '../../src-main/contract';
import { useCore } from '../support/core';
import { useTempDir } from '../support/temp';
import { tinyPe, tinyPeBase64 } from '../support/tiny-pe';

const newCore = useCore();
const tempDir = useTempDir();

function driversFolder(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'drivers', 'en-US'), { recursive: true });
  writeFileSync(join(dir, 'drivers', 'w32kimp.sys'), tinyPe({ imports: { 'win32k.sys': ['EngCreateBitmap'], 'ntoskrnl.exe': ['DbgPrint'] } }));
  writeFileSync(join(dir, 'drivers', 'ntonly.sys'), tinyPe({ imports: { 'ntoskrnl.exe': ['DbgPrint', 'IoCreateDevice'] } }));
  writeFileSync(join(dir, 'drivers', 'copy-of-ntonly.sys'), tinyPe({ imports: { 'ntoskrnl.exe': ['DbgPrint', 'IoCreateDevice'] } }));
  writeFileSync(join(dir, 'drivers', 'en-US', 'ntonly.sys.mui'), 'not a PE image');
  writeFileSync(join(dir, 'drivers', 'broken.sys'), Buffer.concat([Buffer.from('MZ'), Buffer.alloc(30)]));
  return dir;
}

describe('drivers service', () => {
  test('imports a folder recursively: PE images stored, duplicates found, bad files reported, others skipped', async () => {
    const { api, notebookPath } = newCore();
    const dir = driversFolder();
    const progress: JobProgress[] = [];
    api.events.subscribe((name, payload) => {
      if (name === 'jobs.progress') progress.push(payload as JobProgress);
    });
    const result = await api.call('drivers.importPaths', { paths: [join(dir, 'drivers')], jobId: 'job-folder-1' });
    expect(result.imported.map((d) => d.fileName).sort()).toEqual(['copy-of-ntonly.sys', 'w32kimp.sys']);
    expect(result.duplicates.map((d) => d.fileName)).toEqual(['copy-of-ntonly.sys']);
    expect(result.failed).toEqual([{ file: join(dir, 'drivers', 'broken.sys'), reason: expect.stringMatching(/PE|header|truncated/i) }]);
    expect(result.skipped).toBe(1);
    expect(progress.at(-1)).toMatchObject({ jobId: 'job-folder-1', state: 'finished', total: 4, done: 4, failed: 1 });

    const w32k = result.imported.find((d) => d.fileName === 'w32kimp.sys')!;
    expect(w32k).toMatchObject({ machine: 'AMD64', sessionImports: ['win32k.sys'], importsCount: 2, signed: false });
    const stored = join(`${notebookPath}-files`, w32k.sha256.slice(0, 2), w32k.sha256);
    expect(readFileSync(stored).equals(readFileSync(join(dir, 'drivers', 'w32kimp.sys')))).toBe(true);

    const again = await api.call('drivers.importPaths', { paths: [join(dir, 'drivers', 'w32kimp.sys')] });
    expect(again.imported).toEqual([]);
    expect(again.duplicates.map((d) => d.id)).toEqual([w32k.id]);
    expect(await api.call('drivers.list', {})).toHaveLength(2);
  });

  test('a driver page holds the analysis, the load predictions and the experiments that used it', async () => {
    const { api } = newCore();
    const { imported } = await api.call('drivers.importUploads', {
      files: [{ name: 'C:\\lab\\w32kimp.sys', dataBase64: tinyPeBase64({ imports: { 'win32k.sys': ['EngCreateBitmap'] } }) }],
    });
    await api.call('experiments.create', { input: { title: 'by name', driverName: 'W32KIMP.SYS' } });
    await api.call('experiments.create', { input: { title: 'by id', driverId: imported[0].id } });
    const driver = await api.call('drivers.get', { id: imported[0].id });
    expect(driver.fileName).toBe('w32kimp.sys');
    expect(driver.analysis.imports[0]).toEqual({ module: 'win32k.sys', delayLoad: false, functions: [{ name: 'EngCreateBitmap', hint: 0 }] });
    expect(driver.predictions.find((p) => p.loadMethod === 'NtLoadDriver')).toMatchObject({ predicted: 'bugcheck', modules: ['win32k.sys'] });
    expect(driver.predictions.find((p) => p.loadMethod === 'SystemLoadGdiDriverInformation')?.predicted).toBe('loads');
    expect(driver.experiments.map((e) => e.title)).toEqual(['by name', 'by id']);
    expect(existsSync(driver.storedPath)).toBe(true);
  });

  test('search, session filter and sort', async () => {
    const { api } = newCore();
    await api.call('drivers.importUploads', {
      files: [
        { name: 'b.sys', dataBase64: tinyPeBase64({ imports: { 'win32kfull.sys': ['NtUserCall'] }, timeDateStamp: 2 }) },
        { name: 'a.sys', dataBase64: tinyPeBase64({ imports: { 'ntoskrnl.exe': ['KeBugCheckEx'] }, timeDateStamp: 3 }) },
        { name: 'c.sys', dataBase64: tinyPeBase64({ imports: { 'HAL.dll': ['KeGetCurrentIrql'] }, timeDateStamp: 1 }) },
      ],
    });
    const names = async (request: Parameters<typeof api.call<'drivers.list'>>[1]) => (await api.call('drivers.list', request)).map((d) => d.fileName);
    expect(await names({})).toEqual(['a.sys', 'b.sys', 'c.sys']);
    expect(await names({ sort: 'timestamp', direction: 'desc' })).toEqual(['a.sys', 'b.sys', 'c.sys']);
    expect(await names({ sort: 'timestamp' })).toEqual(['c.sys', 'b.sys', 'a.sys']);
    expect(await names({ sessionOnly: true })).toEqual(['b.sys']);
    expect(await names({ search: 'KeBugCheck' })).toEqual(['a.sys']);
    expect(await names({ search: 'hal.dll' })).toEqual(['c.sys']);
  });

  test('changing the session image list re-flags stored drivers', async () => {
    const { api } = newCore();
    const { imported } = await api.call('drivers.importUploads', { files: [{ name: 'tsd.sys', dataBase64: tinyPeBase64({ imports: { 'TSDDD.dll': ['x'] } }) }] });
    expect(imported[0].sessionImports).toEqual([]);
    expect(await api.call('settings.setSessionImages', { names: ['win32k.sys', 'tsddd.dll', 'WIN32K.SYS'] })).toEqual(['win32k.sys', 'tsddd.dll']);
    expect((await api.call('drivers.get', { id: imported[0].id })).sessionImports).toEqual(['TSDDD.dll']);
    const reanalyzed = await api.call('drivers.reanalyze', {});
    expect(reanalyzed).toEqual({ reanalyzed: 1, failed: [] });
    expect((await api.call('drivers.get', { id: imported[0].id })).sessionImports).toEqual(['TSDDD.dll']);
    await expect(api.dispatch('settings.setSessionImages', { names: ['../evil'] })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  test('bad files never half-store a driver, and cancelling stops the import', async () => {
    const { api, db } = newCore();
    const result = await api.call('drivers.importUploads', {
      files: [
        { name: 'empty.sys', dataBase64: '' },
        { name: 'text.sys', dataBase64: Buffer.from('hello world').toString('base64') },
      ],
    });
    expect(result.imported).toEqual([]);
    expect(result.failed.map((f) => f.file)).toEqual(['empty.sys', 'text.sys']);
    expect(db.prepare('SELECT count(*) AS n FROM drivers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });

    const dir = tempDir();
    const paths = Array.from({ length: 30 }, (_, i) => {
      const path = join(dir, `d${i}.sys`);
      writeFileSync(path, tinyPe({ imports: { 'ntoskrnl.exe': ['DbgPrint'] }, salt: `n${i}` }));
      return path;
    });
    let cancelled = false;
    api.events.subscribe((name, payload) => {
      if (name === 'jobs.progress' && (payload as JobProgress).done >= 3 && !cancelled) {
        cancelled = true;
        void api.call('jobs.cancel', { jobId: 'job-cancel-1' });
      }
    });
    const partial = await api.call('drivers.importPaths', { paths, jobId: 'job-cancel-1' });
    expect(partial.cancelled).toBe(true);
    expect(partial.imported.length).toBeGreaterThan(0);
    expect(partial.imported.length).toBeLessThan(30);
    expect((db.prepare('SELECT count(*) AS n FROM drivers').get() as { n: number }).n).toBe(partial.imported.length);
  });

  test('missing paths are reported', async () => {
    const { api } = newCore();
    const result = await api.call('drivers.importPaths', { paths: ['/no/such/file.sys'] });
    expect(result.failed).toEqual([{ file: '/no/such/file.sys', reason: 'does not exist' }]);
  });
});
