import { describe, expect, test } from 'vitest';
import type { EventMap } from '../../src-main/contract';
import type { Db } from '../../src-main/core/db/notebook';
import type { ServiceDeps } from '../../src-main/core/deps';
import { AttachmentStore } from '../../src-main/core/files/attachments';
import { JobRegistry } from '../../src-main/core/jobs';
import { saveStack } from '../../src-main/core/services/stack-store';
import { parseDebuggerText } from '../../src-main/core/windbg';
import { useCore } from '../support/core';
import { rejection } from '../support/errors';
import { readFixture } from './windbg/fixtureLoader';

const newCore = useCore();

/** A driver image row with a (hypothetical) export table, as the drivers import will store it. */
function insertDriver(db: Db, fileName: string, exports: { ordinal: number; name: string; rva: number }[]): void {
  const sha = fileName.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a').slice(0, 64);
  const now = '2026-01-01T00:00:00.000Z';
  db.prepare('INSERT INTO attachments (sha256, size, media_type, original_name, created_at) VALUES (?, 1, ?, ?, ?)').run(sha, 'application/octet-stream', fileName, now);
  const driver = db
    .prepare(`INSERT INTO drivers (sha256, file_name, size, analysis_json, analyzer_version, created_at, updated_at) VALUES (?, ?, 1, '{}', 1, ?, ?)`)
    .run(sha, fileName, now, now);
  const insert = db.prepare('INSERT INTO driver_exports (driver_id, ordinal, name, rva) VALUES (?, ?, ?, ?)');
  for (const e of exports) insert.run(driver.lastInsertRowid, e.ordinal, e.name, e.rva);
}

function insertLoaderStep(db: Db): number {
  const path = db.prepare("INSERT INTO loader_paths (name) VALUES ('stacks-test path')").run();
  return Number(
    db.prepare("INSERT INTO loader_steps (path_id, position, function_name, title) VALUES (?, 1, 'MiResolveImageReferences', 'Resolve imports')").run(path.lastInsertRowid).lastInsertRowid,
  );
}

describe('stacks service', () => {
  test('parse previews exactly what parseDebuggerText returns, without storing', async () => {
    const { api } = newCore();
    const text = readFixture('analyze-gen3-0x7e-evildriver.txt');
    expect(await api.call('stacks.parse', { text })).toEqual(parseDebuggerText(text));
    expect(await api.call('stacks.list', {})).toEqual([]);
  });

  test('stores several real pastes and lists their summaries', async () => {
    const { api } = newCore();
    const events: EventMap['stacks.changed'][] = [];
    api.events.subscribe((name, payload) => {
      if (name === 'stacks.changed') events.push(payload as EventMap['stacks.changed']);
    });
    const names = ['mixed-0x50-driver-insightengineering.txt', 'analyze-gen3-0x7e-evildriver.txt', 'bluescreenview-btrfs-issue80.txt', 'kp-x86-dynamorio-issue1154.txt'];
    const created = [];
    for (const name of names) created.push(await api.call('stacks.create', { text: readFixture(name) }));
    expect(events.map((e) => e.action)).toEqual(['created', 'created', 'created', 'created']);

    const [x50, x7e, bsv, kp] = created;
    expect(x50).toMatchObject({ bugcheckCode: '0x50', bugcheckName: 'PAGE_FAULT_IN_NONPAGED_AREA', osBuild: 22621, causedBy: 'Driver.sys', frameCount: 15 });
    expect(x50.title).toBe('PAGE_FAULT_IN_NONPAGED_AREA in Driver.sys');
    expect(x7e).toMatchObject({ bugcheckCode: '0x7e', causedBy: 'EvilDriver.sys', frameCount: 13 });
    // The `_M` variant is named from the table.
    expect(bsv).toMatchObject({ bugcheckCode: '0x1000007e', bugcheckName: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M', osBuild: 7601 });
    expect(kp).toMatchObject({ bugcheckCode: null, title: 'Pasted stack', frameCount: 13 });

    const list = await api.call('stacks.list', {});
    expect(list.map((s) => s.id)).toEqual([kp.id, bsv.id, x7e.id, x50.id]);
    expect(list.find((s) => s.id === x50.id)).toEqual({
      id: x50.id, title: x50.title, bugcheckCode: '0x50', bugcheckName: 'PAGE_FAULT_IN_NONPAGED_AREA', osBuild: 22621, osRevision: x50.osRevision,
      process: x50.process, causedBy: 'Driver.sys', frameCount: 15, experimentId: null, experimentTitle: null, dumpId: null, sourceKind: 'paste',
      createdAt: x50.createdAt, updatedAt: x50.updatedAt,
    });
    expect((await api.call('stacks.list', { search: 'evildriver' })).map((s) => s.id)).toEqual([x7e.id]);
    // Search reaches frame modules and functions too.
    expect((await api.call('stacks.list', { search: 'MmAccessFault' })).map((s) => s.id)).toEqual([x50.id]);
    expect((await api.call('stacks.list', { search: 'IopLoadDriver' })).map((s) => s.id)).toEqual([x7e.id, x50.id]);
  });

  test('get: bug check with parameter meanings, annotated frames, modules and unparsed lines', async () => {
    const { api } = newCore();
    const text = readFixture('mixed-0x50-driver-insightengineering.txt');
    const parsed = parseDebuggerText(text);
    const { id } = await api.call('stacks.create', { text, title: '  0x50 in Driver.sys  ' });
    const stack = await api.call('stacks.get', { id });
    expect(stack.title).toBe('0x50 in Driver.sys');
    expect(stack.bugcheck?.name).toBe('PAGE_FAULT_IN_NONPAGED_AREA');
    expect(stack.bugcheck?.params.map((p) => p.value)).toEqual(parsed.bugcheck?.params);
    expect(stack.bugcheck?.params[0].meaning).toMatch(/memory address referenced/i);
    expect(stack.os?.build).toBe(22621);
    expect(stack.frames.map((f) => f.parsed)).toEqual(parsed.frames);
    expect(stack.faultingPosition).toBe(4);
    expect(stack.firstNonMicrosoftPosition).toBe(4);
    expect(stack.frames.map((f) => f.annotation.dispatch).slice(0, 5)).toEqual([true, true, true, true, false]);
    expect(stack.frames[4].annotation).toMatchObject({ module: 'Driver', offset: '0x1d1e', faulting: true, microsoft: false, nearestExport: null });
    expect(stack.unparsed).toEqual(parsed.unparsed);
    expect(stack.unparsed.length).toBeGreaterThan(0);
    expect(stack.sourceChars).toBe(text.length);
  });

  test('raw addresses resolve through the pasted lm list; module+offset finds the nearest export of a notebook driver', async () => {
    const { api, db } = newCore();
    const text = [
      '0: kd> lm',
      'start             end                 module name',
      'fffff801`197f0000 fffff801`197f7000   injdrv     (no symbols)',
      '0: kd> k',
      ' # Child-SP          RetAddr               Call Site',
      '00 fffff90f`b6d8ef78 fffff801`197f1176     0xfffff801`197f1d1e',
      '01 fffff90f`b6d8ef80 fffff801`197f1255     injdrv+0x1176',
      '02 fffff90f`b6d8f180 fffff801`16764727     nt!IopLoadDriver+0x523',
    ].join('\n');
    const before = await api.call('stacks.create', { text });
    expect(before.frames[0].annotation).toMatchObject({ module: 'injdrv', offset: '0x1d1e', resolvedFrom: 'modules', nearestExport: null });
    expect(before.modules.map((m) => m.name)).toEqual(['injdrv']);

    // The drivers import is another domain; its rows are written directly here.
    insertDriver(db, 'injdrv.sys', [
      { ordinal: 1, name: 'InjStart', rva: 0x1000 },
      { ordinal: 2, name: 'InjCopy', rva: 0x1c00 },
    ]);
    insertDriver(db, 'other.sys', [{ ordinal: 1, name: 'Unrelated', rva: 0x1000 }]);
    const after = await api.call('stacks.get', { id: before.id });
    expect(after.frames[0].annotation.nearestExport).toEqual({ driver: 'injdrv.sys', name: 'InjCopy', displacement: '0x11e' });
    expect(after.frames[1].annotation.nearestExport).toEqual({ driver: 'injdrv.sys', name: 'InjStart', displacement: '0x176' });
    expect(after.frames[2].annotation.nearestExport).toBeNull();
  });

  test('frame annotations: Markdown note, tags and a loader step, kept across reads; bad targets are refused', async () => {
    const { api, db } = newCore();
    const stepId = insertLoaderStep(db);
    const { id } = await api.call('stacks.create', { text: readFixture('analyze-gen3-0x7e-evildriver.txt') });
    const frame = await api.call('frames.annotate', { stackId: id, position: 3, note: '**culprit**', tags: ['culprit', ' gs ', 'culprit'], stepId });
    expect(frame).toMatchObject({ position: 3, note: '**culprit**', tags: ['culprit', 'gs'], stepId, step: { id: stepId, functionName: 'MiResolveImageReferences' } });
    // A partial update keeps what it does not name.
    await api.call('frames.annotate', { stackId: id, position: 3, tags: ['gs'] });
    const stack = await api.call('stacks.get', { id });
    expect(stack.frames[3]).toMatchObject({ note: '**culprit**', tags: ['gs'], stepId });
    expect(stack.frames[2]).toMatchObject({ note: '', tags: [], stepId: null, step: null });
    expect((await api.call('frames.annotate', { stackId: id, position: 3, stepId: null })).stepId).toBeNull();

    expect(await rejection(api.call('frames.annotate', { stackId: id, position: 99, note: 'x' }))).toMatchObject({ code: 'NOT_FOUND', field: 'position' });
    expect(await rejection(api.call('frames.annotate', { stackId: id, position: 0, stepId: 9999 }))).toMatchObject({ code: 'NOT_FOUND', field: 'stepId' });
    expect(await rejection(api.call('frames.annotate', { stackId: 9999, position: 0, note: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('experiment link: create in an experiment, filter, move out; deleting the experiment keeps the stack', async () => {
    const { api } = newCore();
    const experiment = await api.call('experiments.create', { input: { title: 'win32k import via sc start' } });
    const text = readFixture('stacktext-x64-doublefault-ksm-issue19.txt');
    const inside = await api.call('stacks.create', { text, experimentId: experiment.id });
    const alone = await api.call('stacks.create', { text });
    expect(inside).toMatchObject({ experimentId: experiment.id, experimentTitle: 'win32k import via sc start' });
    expect((await api.call('stacks.list', { experimentId: experiment.id })).map((s) => s.id)).toEqual([inside.id]);

    const moved = await api.call('stacks.update', { id: alone.id, experimentId: experiment.id, title: 'second try' });
    expect(moved).toMatchObject({ title: 'second try', experimentId: experiment.id });
    expect((await api.call('stacks.update', { id: alone.id, experimentId: null })).experimentId).toBeNull();
    expect(await rejection(api.call('stacks.create', { text, experimentId: 4242 }))).toMatchObject({ code: 'NOT_FOUND', field: 'experimentId' });
    expect(await rejection(api.call('stacks.update', { id: alone.id, experimentId: 4242 }))).toMatchObject({ code: 'NOT_FOUND' });

    await api.call('experiments.delete', { id: experiment.id });
    expect((await api.call('stacks.get', { id: inside.id })).experimentId).toBeNull();
  });

  test('delete returns what was deleted and removes frames, modules and frame tags', async () => {
    const { api, db } = newCore();
    const { id } = await api.call('stacks.create', { text: readFixture('vertarget-lm-echo-lab.txt') + '\n' + readFixture('kn-x64-inline-source-echo-lab.txt') });
    await api.call('frames.annotate', { stackId: id, position: 0, tags: ['gone'] });
    const deleted = await api.call('stacks.delete', { id });
    expect(deleted.id).toBe(id);
    expect(deleted.frames[0].tags).toEqual(['gone']);
    expect(deleted.modules.length).toBe(12);
    for (const table of ['frames', 'modules']) expect(db.prepare(`SELECT count(*) AS n FROM ${table} WHERE stack_id = ?`).get(id)).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM taggings WHERE entity_type = 'frame'").get()).toEqual({ n: 0 });
    expect(await rejection(api.call('stacks.get', { id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('bad input: empty text is refused clearly; binary garbage and huge pastes give a bounded, partial result', async () => {
    const { api } = newCore();
    for (const text of ['', '  \n\t\n']) {
      const error = await rejection(api.call('stacks.create', { text }));
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'text' });
      expect(error.message).toMatch(/empty/);
      expect(await rejection(api.call('stacks.parse', { text }))).toMatchObject({ code: 'INVALID_REQUEST' });
    }
    const bytes = new Uint8Array(200_000);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = seed = (seed * 1103515245 + 12345) & 0xff;
    const garbage = await api.call('stacks.create', { text: Buffer.from(bytes).toString('latin1') });
    expect(garbage.frameCount).toBe(0);
    expect(garbage.unparsed.length + garbage.unparsedOmitted).toBeGreaterThan(0);
    expect(garbage.unparsed.length).toBeLessThanOrEqual(500);

    // ~10 MB: the real stack repeated; the frame cap and the unparsed cap bound the stored result.
    const row = 'fffff90f`b6d8ef78 fffff801`197f1176 : 00000000`00000474 fffff801`197f3001 ffffa508`4147a690 00000000`0000003b : Driver+0x1d1e\n';
    const huge = 'STACK_TEXT:\n' + row.repeat(Math.ceil(10_000_000 / row.length));
    const big = await api.call('stacks.create', { text: huge });
    expect(big.frameCount).toBe(20_000);
    expect(big.limits.join(' ')).toMatch(/20000 frames/);
    const tooBig = await rejection(api.dispatch('stacks.parse', { text: 'x'.repeat(16 * 1024 * 1024 + 1) }));
    expect(tooBig).toMatchObject({ code: 'INVALID_REQUEST', field: 'text' });
  });

  test('saveStack stores a dump-shaped parse inside the caller transaction and rolls back with it', async () => {
    const core = newCore();
    const now = () => new Date('2026-02-03T04:05:06.000Z');
    const deps: ServiceDeps = {
      db: core.db,
      notebookPath: core.notebookPath,
      events: core.api.events,
      now,
      appVersion: 'test',
      files: new AttachmentStore(core.db, core.notebookPath, now),
      jobs: new JobRegistry(core.api.events),
    };
    const parsed = parseDebuggerText(readFixture('analyze-gen3-0x7e-evildriver.txt'));
    const id = saveStack(deps, { title: 'from a dump', sourceKind: 'dump', sourceText: '', parsed });
    const stack = await core.api.call('stacks.get', { id });
    expect(stack).toMatchObject({ title: 'from a dump', sourceKind: 'dump', frameCount: 13, createdAt: '2026-02-03T04:05:06.000Z' });
    expect(stack.frames.map((f) => f.parsed)).toEqual(parsed.frames);

    expect(() =>
      core.db.transaction(() => {
        saveStack(deps, { title: 'rolled back', sourceKind: 'dump', sourceText: '', parsed });
        throw new Error('caller failed');
      })(),
    ).toThrow('caller failed');
    expect((await core.api.call('stacks.list', {})).map((s) => s.title)).toEqual(['from a dump']);
    expect(() => saveStack(deps, { title: 'x', sourceKind: 'dump', sourceText: '', parsed, dumpId: 77 })).toThrow(/dump 77/);
  });
});
