import { describe, expect, test } from 'vitest';
import { useCore } from '../support/core';

const newCore = useCore();

describe('loader steps and the outcome matrix', () => {
  test('every notebook has the session-image import path from MiResolveImageReferences to the bugcheck', async () => {
    const { api } = newCore();
    const [path] = await api.call('loader.paths', {});
    expect(path.steps.map((s) => s.functionName)).toEqual([
      'RtlImageDirectoryEntryToData',
      'MiResolveImageReferences',
      'RtlEqualUnicodeString',
      'MiSessionReferenceImage',
      'MiSessionLookupImage',
      'PsGetCurrentProcess',
      'PsInitialSystemProcess',
      'KeBugCheckEx',
    ]);
  });

  test('observations aggregate per step and Windows build, filtered by load method', async () => {
    const { api } = newCore();
    const [path] = await api.call('loader.paths', {});
    const a = await api.call('experiments.create', { input: { title: 'a', windowsBuild: 19045, loadMethod: 'NtLoadDriver' } });
    const b = await api.call('experiments.create', { input: { title: 'b', windowsBuild: 19045, loadMethod: 'SystemLoadGdiDriverInformation', outcome: 'loaded' } });
    const c = await api.call('experiments.create', { input: { title: 'c', windowsBuild: 7601 } });
    await api.call('experiments.create', { input: { title: 'no build' } });
    const step = (n: number) => path.steps[n - 1].id;
    await api.call('observations.set', { experimentId: a.id, stepId: step(8), status: 'failed', note: 'Session + 0x58' });
    await api.call('observations.set', { experimentId: b.id, stepId: step(8), status: 'not_reached' });
    await api.call('observations.set', { experimentId: a.id, stepId: step(5), status: 'reached' });
    await api.call('observations.set', { experimentId: b.id, stepId: step(5), status: 'reached' });
    await api.call('observations.set', { experimentId: c.id, stepId: step(5), status: 'reached' });
    // Setting again replaces the status and keeps the note unless a new one is given.
    expect(await api.call('observations.set', { experimentId: a.id, stepId: step(8), status: 'failed' })).toEqual({ experimentId: a.id, stepId: step(8), status: 'failed', note: 'Session + 0x58' });

    const matrix = await api.call('matrix.get', {});
    expect(matrix.columns.map((c) => [c.build, c.experiments.map((e) => e.title)])).toEqual([[7601, ['c']], [19045, ['a', 'b']]]);
    expect(matrix.withoutBuild).toBe(1);
    const cell = (build: number, n: number) => matrix.cells.find((x) => x.build === build && x.stepId === step(n));
    expect(cell(19045, 8)).toEqual({ stepId: step(8), build: 19045, reached: 0, failed: 1, notReached: 1 });
    expect(cell(19045, 5)).toMatchObject({ reached: 2 });
    expect(cell(7601, 8)).toBeUndefined();

    const onlyNtLoad = await api.call('matrix.get', { loadMethod: 'NtLoadDriver' });
    expect(onlyNtLoad.cells.find((x) => x.build === 19045 && x.stepId === step(8))).toMatchObject({ failed: 1, notReached: 0 });
    expect(await api.call('observations.list', { experimentId: a.id })).toHaveLength(2);
    await expect(api.call('observations.set', { experimentId: 999, stepId: step(1), status: 'reached' })).rejects.toThrow(/Experiment 999/);
  });

  test('the demo records where each experiment stopped', async () => {
    const { api } = newCore();
    await api.call('notebook.seedDemo', {});
    const matrix = await api.call('matrix.get', {});
    const last = matrix.path.steps[7].id;
    expect(matrix.cells.find((x) => x.build === 19045 && x.stepId === last)).toEqual({ stepId: last, build: 19045, reached: 0, failed: 1, notReached: 2 });
    // Each experiment's driver prediction for its load method travels with it, ready to set against the outcome.
    const predicted = Object.fromEntries(matrix.columns.flatMap((c) => c.experiments).map((e) => [e.title, [e.predicted, e.outcome]]));
    expect(predicted).toEqual({
      'win32k-only driver via sc start on Windows 7 SP1': ['bugcheck', 'pending'],
      'win32k-only driver via sc start on Windows 10 22H2': ['bugcheck', 'bugcheck'],
      'win32k-only driver via SystemLoadGdiDriverInformation from a session process': ['loads', 'loaded'],
      'Control: ntoskrnl-only driver via sc start': ['loads', 'loaded'],
      'win32k-only driver via sc start on Windows 11 24H2': ['bugcheck', 'ntstatus'],
    });
  });
});
