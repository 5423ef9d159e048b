import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import { nextTick } from 'vue';
import { ApiError, type Experiment } from '../../src-main/contract';
import ExperimentEditor from '../../src-renderer/components/experiments/ExperimentEditor.vue';
import { setTransport } from '../../src-renderer/api';
import { useExperiments } from '../../src-renderer/stores/experiments';
import { fakeTransport } from './fake-transport';

const experiment: Experiment = {
  id: 7,
  title: 'win32k via sc start',
  driverName: 'w32kimp.sys',
  driverId: null,
  windowsBuild: 19045,
  windowsRevision: null,
  windowsName: 'Windows 10 22H2',
  loadMethod: 'NtLoadDriver',
  processContext: 'SystemProcess',
  outcome: 'bugcheck',
  ntstatus: null,
  bugcheckCode: '0x7e',
  bugcheckName: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED',
  bugcheckParams: ['0xffffffffc0000005', '0x0', '0x0', '0x0'],
  notes: '**bold**',
  tags: ['win32k'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

beforeEach(() => {
  setActivePinia(createPinia());
  setTransport(fakeTransport({ 'drivers.list': () => [] }).transport);
});

describe('ExperimentEditor', () => {
  test('emits a clean request from what the user typed', async () => {
    const wrapper = mount(ExperimentEditor, { props: { experiment: null, windows: [] }, global: { stubs: { RouterLink: true } } });
    await wrapper.find('[name="title"]').setValue('  new one ');
    await wrapper.find('[name="windowsBuild"]').setValue('7601');
    await wrapper.find('[name="outcome"]').setValue('bugcheck');
    await wrapper.find('[name="bugcheckCode"]').setValue('3B');
    await wrapper.find('[name="tags"]').setValue('a, b,, c ');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('save')?.[0][0]).toMatchObject({
      title: 'new one',
      windowsBuild: 7601,
      outcome: 'bugcheck',
      bugcheckCode: '0x3B',
      bugcheckParams: ['0x0', '0x0', '0x0', '0x0'],
      tags: ['a', 'b', 'c'],
      ntstatus: null,
    });
  });

  test('refuses bad values before they leave the page', async () => {
    const wrapper = mount(ExperimentEditor, { props: { experiment: experiment, windows: [] }, global: { stubs: { RouterLink: true } } });
    await wrapper.find('[name="bugcheckParam2"]').setValue('not hex');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('save')).toBeUndefined();
    expect(wrapper.find('[data-testid="editor-error"]').text()).toMatch(/not hex is not a hexadecimal value/);
    await wrapper.find('[name="bugcheckParam2"]').setValue('');
    await wrapper.find('[name="windowsBuild"]').setValue('19045.1');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-testid="editor-error"]').text()).toMatch(/whole number/);
  });

  test('explains values it cannot take, in words, before and after they reach core', async () => {
    const wrapper = mount(ExperimentEditor, { props: { experiment, windows: [] }, global: { stubs: { RouterLink: true } } });
    await wrapper.find('[name="bugcheckParam3"]').setValue('0x10000000000000000');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-testid="editor-error"]').text()).toBe('Arg3: 0x10000000000000000 does not fit in 64 bits');
    await wrapper.find('[name="bugcheckParam3"]').setValue('0x0');
    await wrapper.find('[name="tags"]').setValue(`a, a, ${'t'.repeat(61)}`);
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-testid="editor-error"]').text()).toMatch(/^Tags are at most 60 characters/);
    expect(wrapper.emitted('save')).toBeUndefined();
    (wrapper.vm as unknown as { showError(e: unknown): void }).showError(
      new ApiError('INVALID_REQUEST', 'Invalid request for experiments.update: patch.title: must be at most 200 characters', 'patch.title'),
    );
    await nextTick();
    expect(wrapper.find('[data-testid="editor-error"]').text()).toBe('Title must be at most 200 characters');
  });

  test('previews notes as sanitised Markdown', async () => {
    const wrapper = mount(ExperimentEditor, { props: { experiment: { ...experiment, notes: '**bold** <img src=x onerror=alert(1)>' }, windows: [] }, global: { stubs: { RouterLink: true } } });
    await wrapper.findAll('[role="tab"]')[1].trigger('click');
    await nextTick();
    const html = wrapper.find('[data-testid="markdown"]').html();
    expect(html).toContain('<strong>bold</strong>');
    expect(wrapper.find('[data-testid="markdown"] img').exists()).toBe(false);
  });
});

test('the driver field tells what the notebook analysis predicts for the chosen load method', async () => {
  setTransport(
    fakeTransport({
      'drivers.list': () => [
        { id: 3, fileName: 'w32kimp.sys', sha256: 'a'.repeat(64), size: 3584, machine: 'AMD64', timeDateStamp: 1, signed: false, sessionImports: ['win32k.sys'], importsCount: 3, exportsCount: 0, pdbKey: null, warningsCount: 0, createdAt: '2026-01-01T00:00:00.000Z' },
      ],
    }).transport,
  );
  const wrapper = mount(ExperimentEditor, { props: { experiment, windows: [] }, global: { stubs: { RouterLink: true } } });
  await flushPromises();
  expect(wrapper.find('[data-testid="driver-hint"]').text()).toMatch(/win32k.sys: predicted bugcheck in MiSessionLookupImage/);
  await wrapper.find('[name="loadMethod"]').setValue('SystemLoadGdiDriverInformation');
  expect(wrapper.find('[data-testid="driver-hint"]').text()).toMatch(/expected to load/);
  await wrapper.find('[name="driverName"]').setValue('other.sys');
  expect(wrapper.find('[data-testid="driver-hint"]').exists()).toBe(false);
});

describe('experiments store', () => {
  test('loads through the transport with its filters and reloads on pushed changes', async () => {
    const fake = fakeTransport({ 'experiments.list': () => [experiment] });
    setTransport(fake.transport);
    const store = useExperiments();
    store.search = ' win32k ';
    store.outcome = 'bugcheck';
    await store.load();
    expect(store.items).toEqual([experiment]);
    expect(fake.calls[0]).toEqual({ method: 'experiments.list', request: { search: 'win32k', outcome: 'bugcheck', sort: 'updated', direction: 'desc' } });
    fake.emit('experiments.changed', { id: 7, action: 'updated' });
    await nextTick();
    expect(fake.calls.length).toBe(2);
    store.sortBy('title');
    expect(store.direction).toBe('asc');
    store.sortBy('title');
    expect(store.direction).toBe('desc');
  });

  test('delete then undo sends the deleted record back with its id', async () => {
    const fake = fakeTransport({
      'experiments.list': () => [],
      'experiments.delete': () => ({ ...experiment, observations: [{ stepId: 8, status: 'failed' as const, note: '' }], stackIds: [3], dumpIds: [] }),
      'experiments.restore': () => experiment,
    });
    setTransport(fake.transport);
    const store = useExperiments();
    const deleted = await store.remove(7);
    await store.restore(deleted);
    const restore = fake.calls.find((call) => call.method === 'experiments.restore');
    expect(restore?.request).toMatchObject({
      id: 7,
      createdAt: experiment.createdAt,
      input: { title: experiment.title, tags: ['win32k'], bugcheckCode: '0x7e' },
      observations: [{ stepId: 8, status: 'failed', note: '' }],
      stackIds: [3],
      dumpIds: [],
    });
  });
});
