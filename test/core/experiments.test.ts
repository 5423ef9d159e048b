import { describe, expect, test } from 'vitest';
import type { EventMap } from '../../src-main/contract';
import { useCore } from '../support/core';
import { rejection } from '../support/errors';

const newCore = useCore();

describe('experiments service', () => {
  test('create, read back, update and list', async () => {
    const { api } = newCore();
    const events: EventMap['experiments.changed'][] = [];
    api.events.subscribe((name, payload) => {
      if (name === 'experiments.changed') events.push(payload as EventMap['experiments.changed']);
    });
    const created = await api.call('experiments.create', {
      input: {
        title: '  win32k import via sc start  ',
        driverName: 'w32kimp.sys',
        windowsBuild: 19045,
        windowsRevision: 3803,
        loadMethod: 'NtLoadDriver',
        processContext: 'SystemProcess',
        outcome: 'bugcheck',
        bugcheckCode: '0x1000007E',
        bugcheckParams: ['0xFFFFFFFFC0000005', '0xfffff805`3903f405'],
        tags: ['win32k', 'session-space', 'win32k'],
      },
    });
    expect(created).toMatchObject({
      title: 'win32k import via sc start',
      windowsName: 'Windows 10 22H2',
      bugcheckCode: '0x1000007e',
      bugcheckName: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M',
      bugcheckParams: ['0xffffffffc0000005', '0xfffff8053903f405', '0x0', '0x0'],
      tags: ['session-space', 'win32k'],
    });
    expect(created.createdAt).toMatch(/^2026-01-02T03:04:\d\d\.000Z$/);
    expect(await api.call('experiments.get', { id: created.id })).toEqual(created);

    const updated = await api.call('experiments.update', { id: created.id, patch: { outcome: 'loaded', notes: 'ok' } });
    expect(updated.outcome).toBe('loaded');
    expect(updated.bugcheckCode).toBeNull();
    expect(updated.bugcheckParams).toEqual([]);
    expect(updated.title).toBe(created.title);
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    expect(events.map((e) => e.action)).toEqual(['created', 'updated']);
  });

  test('filters, searches and sorts', async () => {
    const { api } = newCore();
    await api.call('experiments.create', { input: { title: 'Bravo', windowsBuild: 7601, outcome: 'pending' } });
    await api.call('experiments.create', { input: { title: 'alpha', windowsBuild: 26100, outcome: 'loaded', tags: ['control'] } });
    await api.call('experiments.create', { input: { title: 'Charlie 100%', windowsBuild: 19045, outcome: 'hang', notes: 'MiSessionLookupImage' } });
    const titles = async (request: Parameters<typeof api.call<'experiments.list'>>[1]) =>
      (await api.call('experiments.list', request)).map((e) => e.title);
    expect(await titles({ sort: 'title', direction: 'asc' })).toEqual(['alpha', 'Bravo', 'Charlie 100%']);
    expect(await titles({ sort: 'build', direction: 'desc' })).toEqual(['alpha', 'Charlie 100%', 'Bravo']);
    expect(await titles({ sort: 'created', direction: 'asc' })).toEqual(['Bravo', 'alpha', 'Charlie 100%']);
    expect(await titles({ outcome: 'loaded' })).toEqual(['alpha']);
    expect(await titles({ search: 'sessionlookup' })).toEqual(['Charlie 100%']);
    expect(await titles({ search: 'control' })).toEqual(['alpha']);
    expect(await titles({ search: '%' })).toEqual(['Charlie 100%']);
    expect(await titles({ windowsBuild: 7601 })).toEqual(['Bravo']);
  });

  test('an unknown Windows build is added to the notebook rather than refused', async () => {
    const { api } = newCore();
    await api.call('experiments.create', { input: { title: 'insider', windowsBuild: 27000 } });
    const builds = await api.call('windows.list', {});
    expect(builds.find((w) => w.build === 27000)).toMatchObject({ name: 'Windows build 27000', experimentCount: 1 });
  });

  test('delete returns what it removed and restore puts it back with the same id', async () => {
    const { api } = newCore();
    const created = await api.call('experiments.create', { input: { title: 'to delete', tags: ['x'], outcome: 'ntstatus', ntstatus: '0xC0000263' } });
    const deleted = await api.call('experiments.delete', { id: created.id });
    expect(deleted).toEqual({ ...created, observations: [], stackIds: [], dumpIds: [] });
    expect((await rejection(api.call('experiments.get', { id: created.id }))).code).toBe('NOT_FOUND');
    const restored = await api.call('experiments.restore', {
      id: deleted.id,
      createdAt: deleted.createdAt,
      input: { title: deleted.title, tags: deleted.tags, outcome: deleted.outcome, ntstatus: deleted.ntstatus },
    });
    expect(restored).toMatchObject({ id: created.id, title: 'to delete', tags: ['x'], ntstatus: '0xc0000263', createdAt: created.createdAt });
    expect((await rejection(api.call('experiments.restore', { id: created.id, createdAt: 'x', input: { title: 'dup' } }))).code).toBe('CONFLICT');
  });

  test('undo after delete brings back the loader-step marks and re-attaches stacks and dumps; ids are never reused', async () => {
    const { api } = newCore();
    const [path] = await api.call('loader.paths', {});
    const experiment = await api.call('experiments.create', { input: { title: 'with attachments', windowsBuild: 19045 } });
    await api.call('observations.set', { experimentId: experiment.id, stepId: path.steps[7].id, status: 'failed', note: 'Session + 0x58' });
    const stack = await api.call('stacks.create', { text: 'BugCheck 7E, {ffffffffc0000005, 0, 0, 0}', experimentId: experiment.id });
    const moved = await api.call('stacks.create', { text: 'BugCheck 3B, {c0000005, 0, 0, 0}', experimentId: experiment.id });

    const deleted = await api.call('experiments.delete', { id: experiment.id });
    expect(deleted).toMatchObject({ observations: [{ stepId: path.steps[7].id, status: 'failed', note: 'Session + 0x58' }], stackIds: [stack.id, moved.id], dumpIds: [] });
    expect((await api.call('stacks.get', { id: stack.id })).experimentId).toBeNull();
    const other = await api.call('experiments.create', { input: { title: 'created meanwhile' } });
    expect(other.id).toBeGreaterThan(experiment.id);
    await api.call('stacks.update', { id: moved.id, experimentId: other.id });

    const { observations, stackIds, dumpIds, ...rest } = deleted;
    await api.call('experiments.restore', {
      id: rest.id,
      createdAt: rest.createdAt,
      input: { title: rest.title, windowsBuild: rest.windowsBuild },
      observations,
      stackIds,
      dumpIds,
    });
    expect(await api.call('observations.list', { experimentId: experiment.id })).toEqual([
      { experimentId: experiment.id, stepId: path.steps[7].id, status: 'failed', note: 'Session + 0x58' },
    ]);
    expect((await api.call('stacks.get', { id: stack.id })).experimentId).toBe(experiment.id);
    // A stack the user moved to another experiment meanwhile stays where it was put.
    expect((await api.call('stacks.get', { id: moved.id })).experimentId).toBe(other.id);
  });

  test('invalid requests get typed errors naming the field', async () => {
    const { api } = newCore();
    const cases: [unknown, string, RegExp][] = [
      [{ input: { title: '   ' } }, 'input.title', /must not be empty/],
      [{ input: { title: 'x', windowsBuild: 'ten' } }, 'input.windowsBuild', /whole number/],
      [{ input: { title: 'x', outcome: 'exploded' } }, 'input.outcome', /must be one of/],
      [{ input: { title: 'x', bugcheckCode: '7e' } }, 'input.bugcheckCode', /hexadecimal/],
      [{ input: { title: 'x', colour: 'red' } }, 'input.colour', /not a known field/],
      [{ input: { title: 'x'.repeat(201) } }, 'input.title', /at most 200/],
      [null, '', /expected an object/],
    ];
    for (const [request, field, message] of cases) {
      const error = await rejection(api.dispatch('experiments.create', request));
      expect(error.code).toBe('INVALID_REQUEST');
      expect(error.message).toMatch(message);
      if (field) expect(error.field).toBe(field);
    }
    expect((await rejection(api.dispatch('experiments.explode', {}))).code).toBe('UNKNOWN_METHOD');
    expect((await rejection(api.dispatch('toString', {}))).code).toBe('UNKNOWN_METHOD');
    expect((await rejection(api.call('experiments.update', { id: 99, patch: {} }))).code).toBe('NOT_FOUND');
    expect((await rejection(api.call('experiments.create', { input: { title: 'x', driverId: 5 } }))).message).toMatch(/Driver 5 is not in this notebook/);
    expect(await api.call('experiments.list', {})).toEqual([]);
  });

  test('the demo fills an empty notebook once', async () => {
    const { api } = newCore();
    expect(await api.call('notebook.seedDemo', {})).toEqual({ experiments: 5, notes: 1, drivers: 2, stacks: 1 });
    const info = await api.call('app.info', {});
    expect(info.counts).toMatchObject({ experiments: 5, notes: 1, drivers: 2, stacks: 1 });
    const [w32k] = await api.call('drivers.list', { sessionOnly: true });
    expect(w32k).toMatchObject({ fileName: 'w32kimp.sys', sessionImports: ['win32k.sys'] });
    const [stack] = await api.call('stacks.list', {});
    const full = await api.call('stacks.get', { id: stack.id });
    expect(full.bugcheck?.code).toBe('0x7e');
    const lookup = full.frames.find((f) => f.parsed.function === 'MiSessionLookupImage')!;
    expect(lookup.step?.functionName).toBe('MiSessionLookupImage');
    expect(lookup.note).toMatch(/Session \+ 0x58/);
    expect(full.frames[full.faultingPosition!].parsed.function).toBe('MiSessionLookupImage');
    const experiments = await api.call('experiments.list', { sort: 'created', direction: 'asc' });
    expect(experiments[0]).toMatchObject({ driverId: w32k.id, title: stack.experimentTitle });
    const bugchecked = (await api.call('experiments.list', { outcome: 'bugcheck' }))[0];
    expect(bugchecked.bugcheckName).toBe('SYSTEM_THREAD_EXCEPTION_NOT_HANDLED');
    expect((await rejection(api.call('notebook.seedDemo', {}))).code).toBe('CONFLICT');
  });
});
