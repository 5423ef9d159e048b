import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ApiError, type EventMap, type EventName } from '../../src-main/contract';
import type { Core } from '../../src-main/core/api';
import { useCore } from '../support/core';
import { writeSparseKernelDump, writeSyntheticDump, type SyntheticDriver } from '../support/dump-writer';
import { useTempDir } from '../support/temp';
import { driversFor, triageSpec } from './dumps/synthetic-scenarios';

const newCore = useCore();
const tempDir = useTempDir();

/** The scenario of the reader's tests (0x1000007E in injdrv.sys), plus win32k and a driver loaded next to it. */
const SESSION_DRIVERS: SyntheticDriver[] = [
  { path: '\\SystemRoot\\System32\\win32kbase.sys', base: 0xffff9c8a40000000n, size: 0x2c7000, timeDateStamp: 7 },
  { path: '\\??\\C:\\lab\\gdidrv.sys', base: 0xffff9c8a40400000n, size: 0x9000, timeDateStamp: 8 },
];

function crashBytes(): Uint8Array {
  const spec = triageSpec(64);
  return writeSyntheticDump({ ...spec, triage: { ...spec.triage, drivers: [...driversFor(64), ...SESSION_DRIVERS] } }).bytes;
}

function writeDump(name: string, bytes: Uint8Array = crashBytes()): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

function upload(name: string, bytes: Uint8Array) {
  return { upload: { name, dataBase64: Buffer.from(bytes).toString('base64') } };
}

function watchEvents(core: Core): { name: EventName; payload: EventMap[EventName] }[] {
  const seen: { name: EventName; payload: EventMap[EventName] }[] = [];
  core.api.events.subscribe((name, payload) => seen.push({ name, payload }));
  return seen;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

function count(core: Core, table: 'dumps' | 'stacks' | 'attachments' | 'frames'): number {
  return (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function storedFiles(core: Core): string[] {
  const root = `${core.notebookPath}-files`;
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => /[0-9a-f]{64}$/.test(p));
}

describe('dumps service: importing', () => {
  test('a dump imported by path is stored content-addressed with its report and a stack made from it', async () => {
    const core = newCore();
    const events = watchEvents(core);
    const path = writeDump('Mini011926-01.dmp');
    const bytes = readFileSync(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    const { created, dump } = await core.api.call('dumps.importPath', { path });
    expect(created).toBe(true);
    expect(dump).toMatchObject({
      sha256,
      fileName: 'Mini011926-01.dmp',
      size: bytes.length,
      dumpType: 'triage',
      machine: 'x64',
      build: 19041,
      windowsLabel: 'Windows 10 2004–22H2 (19041)',
      bugcheckCode: '0x1000007e',
      bugcheckName: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M',
      causedBy: 'injdrv.sys',
      experimentId: null,
      warningCount: 0,
    });
    expect(dump.analysis.report.file).toBe(path);
    expect(dump.analysis.report.processors).toBe(16);
    expect(dump.analysis.paramMeanings[0]).toMatch(/exception code/i);
    expect(dump.analysis.bugcheckSummary).toMatch(/exception/i);

    // The original bytes are kept beside the notebook under their hash.
    expect(storedFiles(core)).toEqual([join(sha256.slice(0, 2), sha256)]);
    expect(readFileSync(join(`${core.notebookPath}-files`, sha256.slice(0, 2), sha256))).toEqual(bytes);
    expect(core.db.prepare('SELECT media_type, original_name FROM attachments').get()).toEqual({
      media_type: 'application/x-windows-crash-dump',
      original_name: 'Mini011926-01.dmp',
    });

    // One stack, sourceKind 'dump', linked to the dump, frames in order as BlueScreenView prints them.
    expect(dump.stackId).not.toBeNull();
    const stack = core.db.prepare('SELECT * FROM stacks WHERE id = ?').get(dump.stackId) as Record<string, unknown>;
    expect(stack).toMatchObject({
      dump_id: dump.id,
      source_kind: 'dump',
      bugcheck_code: '0x1000007e',
      caused_by: 'injdrv.sys',
      os_build: 19041,
    });
    expect(stack.title).toBe('SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M in injdrv.sys (Mini011926-01.dmp)');
    const frames = core.db
      .prepare('SELECT module, offset, raw FROM frames WHERE stack_id = ? ORDER BY position')
      .all(dump.stackId) as {
      module: string;
      offset: string;
      raw: string;
    }[];
    expect(frames.length).toBe(dump.analysis.report.frames.length);
    expect(frames[0]).toEqual({ module: 'injdrv.sys', offset: '0x1772', raw: 'injdrv.sys+0x1772 (fffff804`8b581772)' });
    const modules = core.db.prepare('SELECT name, session_space FROM modules WHERE stack_id = ? ORDER BY id').all(dump.stackId);
    expect(modules).toContainEqual({ name: 'win32kbase.sys', session_space: 1 });
    expect(modules).toContainEqual({ name: 'ntoskrnl.exe', session_space: 0 });

    expect(events.map((e) => e.name)).toEqual(['dumps.changed', 'stacks.changed']);
    expect(events[0].payload).toEqual({ id: dump.id, action: 'imported' });
    expect(await core.api.call('dumps.list', {})).toEqual([
      expect.objectContaining({ id: dump.id, fileName: 'Mini011926-01.dmp', stackId: dump.stackId }),
    ]);
  });

  test('a browser upload is stored the same way, named after the file without its folders', async () => {
    const core = newCore();
    const bytes = crashBytes();
    const { created, dump } = await core.api.call('dumps.importUpload', upload('Minidump/011926-02.dmp', bytes));
    expect(created).toBe(true);
    expect(dump).toMatchObject({ fileName: '011926-02.dmp', size: bytes.length, causedBy: 'injdrv.sys' });
    expect(dump.analysis.report.file).toBe('011926-02.dmp');
    expect(storedFiles(core)).toHaveLength(1);
    expect(count(core, 'stacks')).toBe(1);
    expect(count(core, 'frames')).toBe(dump.analysis.report.frames.length);
  });

  test('the same dump twice (by path, then uploaded under another name) gives back the existing one', async () => {
    const core = newCore();
    const path = writeDump('first.dmp');
    const first = await core.api.call('dumps.importPath', { path });
    const again = await core.api.call('dumps.importPath', { path });
    const uploaded = await core.api.call('dumps.importUpload', upload('renamed.dmp', readFileSync(path)));
    expect(again.created).toBe(false);
    expect(uploaded.created).toBe(false);
    expect(uploaded.dump.id).toBe(first.dump.id);
    expect(uploaded.dump.fileName).toBe('first.dmp');
    expect([count(core, 'dumps'), count(core, 'stacks'), count(core, 'attachments')]).toEqual([1, 1, 1]);
    expect(storedFiles(core)).toHaveLength(1);
  });

  test('a dump can be imported straight into an experiment', async () => {
    const core = newCore();
    const experiment = await core.api.call('experiments.create', { input: { title: 'injdrv on 19041' } });
    const { dump } = await core.api.call('dumps.importPath', { path: writeDump('a.dmp'), experimentId: experiment.id });
    expect(dump).toMatchObject({ experimentId: experiment.id, experimentTitle: 'injdrv on 19041' });
    expect(core.db.prepare('SELECT experiment_id FROM stacks WHERE dump_id = ?').get(dump.id)).toEqual({
      experiment_id: experiment.id,
    });
    expect(await core.api.call('dumps.list', { experimentId: experiment.id })).toHaveLength(1);
    expect(await core.api.call('dumps.list', { experimentId: experiment.id + 1 })).toHaveLength(0);

    const missing = await rejection(
      core.api.call('dumps.importPath', { path: writeDump('b.dmp', writeSyntheticDump().bytes), experimentId: 999 }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/Experiment 999/);
    expect(count(core, 'dumps')).toBe(1);
  });

  test('a partial dump (truncated after the header) is stored with its warnings', async () => {
    const core = newCore();
    const full = writeSyntheticDump(triageSpec(64));
    const truncated = full.bytes.subarray(0, full.offsets.driverList + 10);
    const { dump } = await core.api.call('dumps.importUpload', upload('cut.dmp', truncated));
    expect(dump.warningCount).toBeGreaterThan(0);
    expect(dump.analysis.report.warnings.length).toBe(dump.warningCount);
    expect(dump.bugcheckCode).toBe('0x1000007e');
    const stack = core.db.prepare('SELECT parsed_json FROM stacks WHERE dump_id = ?').get(dump.id) as { parsed_json: string };
    expect((JSON.parse(stack.parsed_json) as { limits: string[] }).limits).toEqual(dump.analysis.report.warnings);
  });
});

describe('dumps service: refusing what is not a dump', () => {
  const notDumps: [string, Uint8Array, RegExp][] = [
    [
      'notes.dmp',
      new TextEncoder().encode('This is a text file renamed to .dmp\r\n'.repeat(300)),
      /notes\.dmp: Not a Windows kernel crash dump/,
    ],
    ['empty.dmp', new Uint8Array(0), /empty\.dmp: The file is empty/],
    ['app.dmp', new TextEncoder().encode(`MDMP${'\0'.repeat(200)}`), /user-mode minidump/],
    ['short.dmp', writeSyntheticDump().bytes.subarray(0, 0x800), /truncated/],
  ];

  test.each(notDumps)('%s is refused with a clear UNSUPPORTED_FORMAT and nothing is stored', async (name, bytes, message) => {
    const core = newCore();
    const byPath = await rejection(core.api.call('dumps.importPath', { path: writeDump(name, bytes) }));
    expect(byPath.code).toBe('UNSUPPORTED_FORMAT');
    expect(byPath.message).toMatch(message);
    const byUpload = await rejection(core.api.call('dumps.importUpload', upload(name, bytes)));
    expect(byUpload.code).toBe('UNSUPPORTED_FORMAT');
    expect(byUpload.message).toMatch(message);
    expect([count(core, 'dumps'), count(core, 'stacks'), count(core, 'attachments')]).toEqual([0, 0, 0]);
    expect(storedFiles(core)).toEqual([]);
  });

  test('paths that are missing, relative or folders get their own messages', async () => {
    const core = newCore();
    const folder = join(tempDir(), 'Minidump');
    mkdirSync(folder);
    const missing = await rejection(core.api.call('dumps.importPath', { path: join(folder, 'nope.dmp') }));
    expect([missing.code, missing.field]).toEqual(['NOT_FOUND', 'path']);
    expect(missing.message).toMatch(/There is no file at .*nope\.dmp/);
    const relative = await rejection(core.api.call('dumps.inspectPath', { path: 'Minidump/x.dmp' }));
    expect(relative.code).toBe('INVALID_REQUEST');
    expect(relative.message).toMatch(/full path/);
    const isFolder = await rejection(core.api.call('dumps.importPath', { path: folder }));
    expect(isFolder.code).toBe('UNSUPPORTED_FORMAT');
    expect(isFolder.message).toMatch(/is a folder/);
    expect(count(core, 'attachments')).toBe(0);
  });
});

describe('dumps service: inspecting, linking, attaching, deleting', () => {
  test('inspectPath reads a 1 GB sparse kernel dump without storing anything', async () => {
    const core = newCore();
    const path = join(tempDir(), 'MEMORY.DMP');
    writeSparseKernelDump(path, 1024 * 1024 * 1024, { build: 22621, processors: 8 });
    const analysis = await core.api.call('dumps.inspectPath', { path });
    expect(analysis.report).toMatchObject({ dumpType: 'bitmap-full', build: 22621, processors: 8, bugcheck: { code: '0xe2' } });
    expect(analysis.windowsLabel).toBe('Windows 11 22H2–23H2 (22621)');
    expect(analysis.bugcheckSummary).not.toBeNull();
    expect([count(core, 'dumps'), count(core, 'attachments')]).toEqual([0, 0]);
  });

  test('drivers are marked as session-space images and linked to notebook drivers: exact image or same name only', async () => {
    const core = newCore();
    const now = '2026-01-01T00:00:00.000Z';
    const analysis0 = await core.api.call('dumps.inspectPath', { path: writeDump('linked.dmp') });
    const injdrv = analysis0.drivers.find((d) => d.name === 'injdrv.sys')!;
    const ntos = analysis0.drivers.find((d) => d.name === 'ntoskrnl.exe')!;
    const addDriver = (id: number, name: string, stamp: number | null, size: number) => {
      core.db.prepare(`INSERT INTO attachments VALUES (?, 1, 'application/octet-stream', ?, ?)`).run(String(id).repeat(64).slice(0, 64), name, now);
      core.db
        .prepare(
          `INSERT INTO drivers (id, sha256, file_name, size, time_date_stamp, size_of_image, analysis_json, analyzer_version, created_at, updated_at)
           VALUES (?, ?, ?, 1, ?, ?, '{}', 1, ?, ?)`,
        )
        .run(id, String(id).repeat(64).slice(0, 64), name, stamp, size, now, now);
    };
    // The very image the dump loaded (same TimeDateStamp and SizeOfImage), and a kernel of another build.
    addDriver(42, 'INJDRV.SYS', injdrv.timeDateStamp, injdrv.size);
    addDriver(7, 'ntoskrnl.exe', 0x12345678, 0x1000);
    const analysis = await core.api.call('dumps.inspectPath', { path: writeDump('linked.dmp') });
    const byName = new Map(analysis.drivers.map((d) => [d.name, d]));
    expect(byName.get('injdrv.sys')).toMatchObject({ driverId: 42, notebookMatch: 'exact', sessionSpace: false, index: 3 });
    expect(byName.get('ntoskrnl.exe')).toMatchObject({ driverId: 7, notebookMatch: 'same-name', sessionSpace: false, index: 0 });
    expect(byName.get('hal.dll')).toMatchObject({ driverId: null, notebookMatch: null });
    expect(ntos.timeDateStamp).not.toBe(0x12345678);
    expect(byName.get('win32kbase.sys')?.sessionSpace).toBe(true);
    // Not a known session image, but loaded in win32k's region: the case DriverLab's users study.
    expect(byName.get('gdidrv.sys')?.sessionSpace).toBe(true);
  });

  test('a stored dump is attached to an experiment and detached again, its stack following it', async () => {
    const core = newCore();
    const experiment = await core.api.call('experiments.create', { input: { title: 'attach me' } });
    const { dump } = await core.api.call('dumps.importPath', { path: writeDump('attach.dmp') });
    const events = watchEvents(core);
    const attached = await core.api.call('dumps.update', { id: dump.id, experimentId: experiment.id });
    expect(attached).toMatchObject({ experimentId: experiment.id, experimentTitle: 'attach me' });
    const stackExperiment = () =>
      (core.db.prepare('SELECT experiment_id FROM stacks WHERE id = ?').get(dump.stackId) as { experiment_id: number | null })
        .experiment_id;
    expect(stackExperiment()).toBe(experiment.id);
    expect(events.map((e) => e.name)).toEqual(['dumps.changed', 'stacks.changed']);

    const detached = await core.api.call('dumps.update', { id: dump.id, experimentId: null });
    expect(detached.experimentId).toBeNull();
    expect(stackExperiment()).toBeNull();

    expect((await rejection(core.api.call('dumps.update', { id: dump.id, experimentId: 555 }))).code).toBe('NOT_FOUND');
    expect((await rejection(core.api.call('dumps.update', { id: 555, experimentId: null }))).message).toMatch(
      /Crash dump 555 is not in this notebook/,
    );
  });

  test('deleting a dump keeps its file and its stack; importing it again stores it anew', async () => {
    const core = newCore();
    const path = writeDump('again.dmp');
    const { dump } = await core.api.call('dumps.importPath', { path });
    const deleted = await core.api.call('dumps.delete', { id: dump.id });
    expect(deleted).toMatchObject({ id: dump.id, fileName: 'again.dmp' });
    expect(await core.api.call('dumps.list', {})).toEqual([]);
    expect((await rejection(core.api.call('dumps.get', { id: dump.id }))).code).toBe('NOT_FOUND');
    expect(storedFiles(core)).toHaveLength(1);
    expect(core.db.prepare('SELECT dump_id, source_kind FROM stacks WHERE id = ?').get(dump.stackId)).toEqual({
      dump_id: null,
      source_kind: 'dump',
    });

    const again = await core.api.call('dumps.importPath', { path });
    expect(again.created).toBe(true);
    expect(again.dump.stackId).not.toBe(dump.stackId);
    expect(count(core, 'attachments')).toBe(1);
  });

  test('list searches file names, culprits and bug check codes', async () => {
    const core = newCore();
    await core.api.call('dumps.importPath', { path: writeDump('one.dmp') });
    await core.api.call('dumps.importUpload', upload('other.dmp', writeSyntheticDump({ bugcheckCode: 0xd1 }).bytes));
    expect((await core.api.call('dumps.list', { search: 'injdrv' })).map((d) => d.fileName)).toEqual(['one.dmp']);
    expect((await core.api.call('dumps.list', { search: '0xd1' })).map((d) => d.fileName)).toEqual(['other.dmp']);
    expect((await core.api.call('dumps.list', { search: '%' })).map((d) => d.fileName)).toEqual([]);
    expect((await core.api.call('dumps.list', {})).map((d) => d.fileName)).toEqual(['other.dmp', 'one.dmp']);
  });
});
