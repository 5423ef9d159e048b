import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type {
  Driver,
  DriverImportResult,
  DriverSummary,
  LoadPrediction,
  Method,
  PeAnalysis,
  Req,
  Res,
  Transport,
} from '../../src-main/contract';
import { setTransport } from '../../src-renderer/api';
import DriverPage from '../../src-renderer/components/drivers/DriverPage.vue';
import DriverTable from '../../src-renderer/components/drivers/DriverTable.vue';
import DriverImportPanel from '../../src-renderer/components/drivers/DriverImportPanel.vue';
import SessionImagesEditor from '../../src-renderer/components/drivers/SessionImagesEditor.vue';
import { entropyHue, sectionAccess, sectionFlagNames, stampUtc } from '../../src-renderer/components/drivers/format';
import type { PickedFile } from '../../src-renderer/composables/useFileDrop';
import { UPLOAD_BATCH_BYTES, UPLOAD_BATCH_FILES, useDrivers } from '../../src-renderer/stores/drivers';
import { fakeTransport } from './fake-transport';

function summary(id: number, fileName: string, extra: Partial<DriverSummary> = {}): DriverSummary {
  return {
    id,
    fileName,
    sha256: String(id).padStart(2, '0').repeat(32),
    size: 4096,
    machine: 'AMD64',
    timeDateStamp: 0x5f000000,
    signed: false,
    sessionImports: [],
    importsCount: 2,
    exportsCount: 0,
    pdbKey: null,
    warningsCount: 0,
    createdAt: '2026-01-02T03:04:05.000Z',
    ...extra,
  };
}

const analysis: PeAnalysis = {
  file: 'gdidrv.sys',
  size: 4096,
  sha256: 'a1'.repeat(32),
  sha1: 'b2'.repeat(20),
  md5: 'c3'.repeat(16),
  imphash: 'd4'.repeat(16),
  authentihash: 'e5'.repeat(32),
  machine: 'AMD64',
  subsystem: 'NATIVE',
  timeDateStamp: 0x5f000000,
  sizeOfImage: 0x2000,
  imageBase: '0x140000000',
  entryPointRva: 0x1010,
  dllCharacteristics: ['HIGH_ENTROPY_VA', 'DYNAMIC_BASE', 'NX_COMPAT'],
  checksum: { stored: 0x1234, computed: 0x5678 },
  sections: [
    { name: '.text', virtualAddress: 0x1000, virtualSize: 0x800, rawSize: 0x800, characteristics: 0x60000020, entropy: 6.1 },
    { name: '.packed', virtualAddress: 0x2000, virtualSize: 0x400, rawSize: 0x400, characteristics: 0xe0000040, entropy: 7.9 },
  ],
  imports: [
    { module: 'ntoskrnl.exe', delayLoad: false, functions: [{ name: 'DbgPrint', hint: 3 }, { ordinal: 12 }] },
    { module: 'WIN32K.SYS', delayLoad: false, functions: [{ name: 'EngCreateBitmap', hint: 0 }] },
    { module: 'helper.dll', delayLoad: true, functions: [{ name: 'HelperInit', hint: 1 }] },
  ],
  exports: [{ name: 'GdiEntry', ordinal: 1, rva: 0x1020, forwarder: null }],
  debug: {
    codeView: {
      pdbPath: 'C:\\build\\gdidrv.pdb',
      guid: 'A30C7413C3EAF4C899AC95798321BE65',
      age: 1,
      symbolServerKey: 'gdidrv.pdb/A30C7413C3EAF4C899AC95798321BE651/gdidrv.pdb',
    },
  },
  imageKey: 'gdidrv.sys/5F0000002000/gdidrv.sys',
  signature: { present: false, size: 0 },
  version: null,
  sessionImports: ['WIN32K.SYS'],
  warnings: ['The debug directory points past the end of the file.'],
};

const predictions: LoadPrediction[] = [
  {
    loadMethod: 'NtLoadDriver',
    context: 'System process worker thread',
    predicted: 'bugcheck',
    reason:
      'The image imports from session image(s) WIN32K.SYS. Predicted bugcheck:\n1. nt!MiResolveImageReferences finds the imports.\n2. It takes WIN32K.SYS.\nOlder Windows versions may behave differently.',
    modules: ['WIN32K.SYS'],
  },
  {
    loadMethod: 'SystemLoadGdiDriverInformation',
    context: 'csrss-like session process',
    predicted: 'loads',
    reason: 'Session is valid.',
    modules: ['WIN32K.SYS'],
  },
  {
    loadMethod: 'ManualMap',
    context: 'a loader tool',
    predicted: 'unknown',
    reason: 'Depends on the tool.',
    modules: ['WIN32K.SYS'],
  },
];

const driver: Driver = {
  ...summary(7, 'gdidrv.sys', { sessionImports: ['WIN32K.SYS'], importsCount: 4, warningsCount: 1 }),
  analysis,
  predictions,
  experiments: [{ id: 3, title: 'gdidrv via sc start', windowsBuild: 19045, outcome: 'bugcheck' }],
  storedPath: '/notebooks/lab.driverlab-files/a1/a1a1',
};

const Blank = defineComponent({ template: '<div />' });
function router() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/drivers/:id?', component: Blank },
      { path: '/experiments/:id?', component: Blank },
    ],
  });
}

function picked(name: string, bytes: Uint8Array<ArrayBuffer>): PickedFile {
  return { name, path: null, file: new File([bytes], name.split('/').pop() ?? name) };
}
const MZ = new Uint8Array([0x4d, 0x5a, 0x90, 0]);

function result(part: Partial<DriverImportResult> = {}): DriverImportResult {
  return { imported: [], duplicates: [], failed: [], skipped: 0, cancelled: false, ...part };
}

beforeEach(() => setActivePinia(createPinia()));

// jsdom's Blob has no arrayBuffer(); browsers and Electron do. Read through FileReader, which jsdom implements.
if (typeof Blob.prototype.arrayBuffer !== 'function') {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}
afterEach(() => vi.useRealTimers());

describe('drivers store', () => {
  test('lists with the search, session filter and sort; clicking a sorted column flips the direction', async () => {
    const fake = fakeTransport({ 'drivers.list': () => [summary(1, 'a.sys')] });
    setTransport(fake.transport);
    const store = useDrivers();
    store.search = '  win32k ';
    store.sessionOnly = true;
    await store.load();
    expect(fake.calls.at(-1)).toEqual({
      method: 'drivers.list',
      request: { search: 'win32k', sessionOnly: true, sort: 'name', direction: 'asc' },
    });
    store.sortBy('name');
    await flushPromises();
    expect(fake.calls.at(-1)?.request).toMatchObject({ sort: 'name', direction: 'desc' });
    store.sortBy('imports');
    await flushPromises();
    expect(fake.calls.at(-1)?.request).toMatchObject({ sort: 'imports', direction: 'desc' });
  });

  test('browser uploads go in batches with overall progress, skip non-PE files inside folders and merge the results', async () => {
    const seen: { names: string[]; jobId: string | undefined; progressDone: number | undefined }[] = [];
    const store = useDrivers();
    const fake = fakeTransport({
      'drivers.list': () => [],
      'drivers.importUploads': ({ files, jobId }) => {
        // Core reports progress over the event channel while the call runs.
        fake.emit('jobs.progress', {
          jobId: jobId!,
          kind: 'drivers.import',
          done: files.length,
          total: files.length,
          failed: 0,
          current: files.at(-1)!.name,
          state: 'running',
        });
        seen.push({ names: files.map((f) => f.name), jobId, progressDone: store.progress?.done });
        const [first, ...rest] = files;
        return result({
          imported: rest.map((f, i) => summary(100 + seen.length * 50 + i, f.name)),
          duplicates: first.name === 'drivers/d00.sys' ? [summary(1, first.name)] : [],
          failed: first.name === 'drivers/d00.sys' ? [] : [{ file: first.name, reason: 'Not a PE image' }],
        });
      },
    });
    setTransport(fake.transport);
    const files = Array.from({ length: 45 }, (_, i) => picked(`drivers/d${String(i).padStart(2, '0')}.sys`, MZ));
    files.push(
      picked('drivers/readme.txt', new TextEncoder().encode('hello')),
      picked('drivers/x.cat', new Uint8Array([0x30, 0x82])),
    );
    const outcome = await store.importFiles(files);

    expect(seen.map((s) => s.names.length)).toEqual([UPLOAD_BATCH_FILES, UPLOAD_BATCH_FILES, 5]);
    expect(new Set(seen.map((s) => s.jobId)).size).toBe(3);
    // Progress counts across batches: the second batch's event lands at 20 + 20.
    expect(seen.map((s) => s.progressDone)).toEqual([20, 40, 45]);
    expect(outcome.skipped).toBe(2);
    expect(outcome.duplicates.map((d) => d.fileName)).toEqual(['drivers/d00.sys']);
    expect(outcome.failed.map((f) => f.file)).toEqual(['drivers/d20.sys', 'drivers/d40.sys']);
    expect(outcome.imported).toHaveLength(42);
    expect(outcome.cancelled).toBe(false);
    expect(store.lastImport).toEqual(outcome);
    expect(store.progress).toBeNull();
  });

  test('large files go in smaller requests, each file read natively while the progress names it', async () => {
    const store = useDrivers();
    const sent: number[] = [];
    const fake = fakeTransport({
      'drivers.list': () => [],
      'drivers.importUploads': ({ files }) => {
        sent.push(files.length);
        return result({ imported: files.map((f, i) => summary(200 + sent.length * 10 + i, f.name)) });
      },
    });
    setTransport(fake.transport);
    const reading: (string | null | undefined)[] = [];
    const readAsDataURL = FileReader.prototype.readAsDataURL;
    const spy = vi.spyOn(FileReader.prototype, 'readAsDataURL').mockImplementation(function (this: FileReader, blob: Blob) {
      reading.push(store.progress?.current);
      readAsDataURL.call(this, blob);
    });
    // Each file is 40% of a request's byte budget: two per request, however many the file cap would allow.
    const big = new Uint8Array(Math.ceil(UPLOAD_BATCH_BYTES * 0.4));
    big.set(MZ);
    const names = ['a.sys', 'b.sys', 'c.sys', 'd.sys', 'e.sys'];
    const outcome = await store.importFiles(names.map((name) => picked(name, big)));
    spy.mockRestore();
    expect(sent).toEqual([2, 2, 1]);
    expect(outcome.imported).toHaveLength(5);
    expect(reading).toEqual(names);
  });

  test('Cancel stops the running job through jobs.cancel and sends no further batch', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    const fake = fakeTransport({
      'drivers.list': () => [],
      'jobs.cancel': () => ({ cancelled: true }),
      'drivers.importUploads': ({ files }) =>
        result({ imported: files.slice(0, 3).map((f, i) => summary(i + 1, f.name)), cancelled: true }),
    });
    // The first batch is still running on the server when the user presses Cancel.
    const transport: Transport = {
      kind: 'memory',
      on: fake.transport.on,
      async call<M extends Method>(method: M, request: Req<M>): Promise<Res<M>> {
        if (method === 'drivers.importUploads') {
          started.push((request as Req<'drivers.importUploads'>).jobId ?? '');
          await gate;
        }
        return fake.transport.call(method, request);
      },
    };
    setTransport(transport);
    const store = useDrivers();
    const running = store.importFiles(Array.from({ length: 30 }, (_, i) => picked(`d${i}.sys`, MZ)));
    await vi.waitFor(() => expect(started).toHaveLength(1));
    await store.cancelImport();
    expect(store.progress?.cancelling).toBe(true);
    expect(fake.calls.at(-1)).toEqual({ method: 'jobs.cancel', request: { jobId: started[0] } });
    release();
    const outcome = await running;
    expect(started).toHaveLength(1);
    expect(outcome.cancelled).toBe(true);
    expect(outcome.imported).toHaveLength(3);
  });

  test('inside Electron picked paths go to drivers.importPaths, and a picked folder is sent as its root', async () => {
    const fake = fakeTransport({ 'drivers.list': () => [], 'drivers.importPaths': () => result({ skipped: 4 }) });
    setTransport(fake.transport);
    const store = useDrivers();
    const file = new File([MZ], 'x');
    await store.importFiles([
      { name: 'one.sys', path: '/lab/one.sys', file },
      { name: 'drivers/acpi.sys', path: '/copy/drivers/acpi.sys', file },
      { name: 'drivers/sub/cdd.dll', path: '/copy/drivers/sub/cdd.dll', file },
    ]);
    const call = fake.calls.find((c) => c.method === 'drivers.importPaths')!;
    expect(call.request).toMatchObject({ paths: ['/lab/one.sys', '/copy/drivers'] });
    expect(store.lastImport?.skipped).toBe(4);
  });
});

describe('DriverTable', () => {
  const items = [
    summary(1, 'acpi.sys', { signed: true, timeDateStamp: 0x637b7fad }),
    summary(2, 'gdidrv.sys', { sessionImports: ['win32k.sys'], timeDateStamp: 0xf2a3b4c5 }),
  ];

  test('shows the session badge, signature, UTC date with the hex on hover; headers sort; keys move and open', async () => {
    const wrapper = mount(DriverTable, {
      props: { items, selectedId: 1, sort: 'name', direction: 'asc' },
      attachTo: document.body,
    });
    const rows = wrapper.findAll('[data-testid="driver-row"]');
    expect(rows[1].find('[data-testid="session-badge"]').text()).toBe('win32k.sys');
    expect(rows[0].find('[data-testid="session-badge"]').exists()).toBe(false);
    expect(rows[0].text()).toContain('signed');
    expect(rows[1].text()).toContain('unsigned');
    const stampCell = rows[0].findAll('td')[2];
    expect(stampCell.text()).toBe('2022-11-21');
    expect(stampCell.attributes('title')).toContain('0x637b7fad');
    // A reproducible-build hash is not shown as a date from 2098.
    expect(rows[1].findAll('td')[2].text()).toBe('0xf2a3b4c5');
    expect(wrapper.find('th[aria-sort="ascending"]').text()).toContain('Driver');

    await wrapper
      .findAll('button.sort')
      .find((b) => b.text().startsWith('Imports'))!
      .trigger('click');
    expect(wrapper.emitted('sort')).toEqual([['imports']]);
    await rows[0].trigger('keydown', { key: 'ArrowDown' });
    expect(wrapper.emitted('select')?.at(-1)).toEqual([2]);
    await rows[0].trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('open')).toEqual([[1]]);
    await rows[0].trigger('keydown', { key: 'Delete' });
    expect(wrapper.emitted('remove')).toEqual([[1]]);
    wrapper.unmount();
  });
});

describe('DriverPage', () => {
  async function mountPage() {
    const r = router();
    await r.push('/drivers/7');
    return mount(DriverPage, { props: { driver, busy: false }, global: { plugins: [r] } });
  }

  test('puts the NtLoadDriver bugcheck with its numbered loader steps first', async () => {
    const wrapper = await mountPage();
    const sections = wrapper.findAll('section').map((s) => s.attributes('data-testid'));
    expect(sections.indexOf('driver-predictions')).toBeLessThan(sections.indexOf('driver-keys'));
    const nt = wrapper.find('[data-testid="prediction-NtLoadDriver"]');
    expect(nt.classes()).toContain('predicted-bugcheck');
    expect(nt.text()).toContain('predicted bugcheck');
    expect(nt.findAll('.loader-steps li').map((li) => li.text())).toEqual([
      'nt!MiResolveImageReferences finds the imports.',
      'It takes WIN32K.SYS.',
    ]);
    expect(nt.text()).toContain('Older Windows versions may behave differently.');
    expect(wrapper.find('[data-testid="prediction-SystemLoadGdiDriverInformation"]').text()).toContain('expected to load');
  });

  test('groups imports with session modules first and highlighted, ordinals as #N, delay-load marked, and filters them', async () => {
    const wrapper = await mountPage();
    const modules = () => wrapper.findAll('[data-testid="import-module"]');
    expect(modules().map((m) => m.attributes('data-module'))).toEqual(['WIN32K.SYS', 'ntoskrnl.exe', 'helper.dll']);
    expect(modules()[0].classes()).toContain('session');
    expect(modules()[1].classes()).not.toContain('session');
    expect(
      modules()[1]
        .findAll('li')
        .map((li) => li.text()),
    ).toEqual(['DbgPrint', '#12']);
    expect(modules()[2].text()).toContain('delay-load');

    await wrapper.find('input[aria-label="Filter imports"]').setValue('bitmap');
    expect(modules().map((m) => m.attributes('data-module'))).toEqual(['WIN32K.SYS']);
    await wrapper.find('input[aria-label="Filter imports"]').setValue('ntos');
    expect(modules()[0].findAll('li')).toHaveLength(2);
  });

  test('facts: checksum mismatch, chips, PDB; sections flag high entropy and W+X; warnings and experiments are shown', async () => {
    const wrapper = await mountPage();
    const facts = wrapper.find('[data-testid="driver-facts"]');
    expect(facts.find('[data-testid="driver-checksum"]').text()).toMatch(/0x00001234 stored · 0x00005678 computed\s*mismatch/);
    expect(facts.findAll('.chips .chip').map((c) => c.text())).toEqual(['HIGH_ENTROPY_VA', 'DYNAMIC_BASE', 'NX_COMPAT']);
    expect(facts.text()).toContain('RVA 0x00001010');
    expect(facts.text()).toContain('A30C7413C3EAF4C899AC95798321BE65 · 1');
    const rows = wrapper.findAll('[data-testid="driver-section"]');
    expect(rows[0].text()).not.toContain('packed?');
    expect(rows[1].text()).toContain('packed?');
    expect(rows[1].find('.danger-text').text()).toBe('RWX');
    expect(wrapper.find('[data-testid="driver-warnings"]').text()).toContain('points past the end');
    expect(wrapper.find('[data-testid="driver-experiments"] a').attributes('href')).toBe('/experiments/3');
  });

  test('copy buttons put the value on the clipboard and say so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const wrapper = await mountPage();
    const row = wrapper.find('[data-key="imphash"]');
    await row.find('button').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('d4'.repeat(16));
    expect(row.find('button').text()).toBe('Copied');
    expect(wrapper.find('[data-key="PDB key"] td').text()).toBe(analysis.debug.codeView!.symbolServerKey);
  });

  test('Esc in the imports filter clears and leaves it, so the next Esc reaches the page (back to the list)', async () => {
    const r = router();
    await r.push('/drivers/7');
    const wrapper = mount(DriverPage, { props: { driver, busy: false }, global: { plugins: [r] }, attachTo: document.body });
    wrapper.vm.focusImportFilter();
    const box = wrapper.find<HTMLInputElement>('input[aria-label="Filter imports"]');
    expect(document.activeElement).toBe(box.element);
    await box.setValue('bitmap');
    expect(wrapper.findAll('[data-testid="import-module"]')).toHaveLength(1);
    await box.trigger('keydown', { key: 'Escape' });
    expect(box.element.value).toBe('');
    expect(wrapper.findAll('[data-testid="import-module"]')).toHaveLength(3);
    // Focus is back on the page: DriversView's window shortcut ignores keys typed in inputs, so it now sees Esc.
    expect(document.activeElement).toBe(document.body);
    wrapper.unmount();
  });

  test('Delete asks first and emits only when confirmed', async () => {
    const wrapper = await mountPage();
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Delete')!
      .trigger('click');
    const dialog = wrapper.find('[role="alertdialog"]');
    expect(dialog.text()).toContain('stored original stays');
    await dialog
      .findAll('button')
      .find((b) => b.text() === 'Keep it')!
      .trigger('click');
    expect(wrapper.emitted('remove')).toBeUndefined();
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Delete')!
      .trigger('click');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Remove driver')!
      .trigger('click');
    expect(wrapper.emitted('remove')).toHaveLength(1);
  });
});

describe('import summary and session images', () => {
  test('the summary counts imports, duplicates, failures with reasons and skipped files', async () => {
    const r = router();
    const wrapper = mount(DriverImportPanel, {
      props: {
        progress: null,
        result: result({
          imported: [summary(1, 'gdidrv.sys', { sessionImports: ['win32k.sys'] })],
          duplicates: [summary(2, 'acpi.sys')],
          failed: [{ file: 'notes.sys', reason: 'Not a PE image (no MZ header)' }],
          skipped: 3,
        }),
      },
      global: { plugins: [r] },
    });
    expect(wrapper.find('[data-testid="import-imported"]').text()).toBe('1 imported');
    expect(wrapper.find('[data-testid="import-duplicates"]').text()).toBe('1 already in the notebook');
    expect(wrapper.find('[data-testid="import-skipped"]').text()).toBe('3 non-PE files skipped');
    expect(wrapper.find('[data-testid="import-failure"]').text()).toMatch(/notes\.sys\s*Not a PE image/);
    await wrapper.setProps({ progress: { total: 40, done: 10, failed: 1, current: 'x.sys', cancelling: false } });
    expect(wrapper.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('10');
    expect(wrapper.text()).toContain('10 / 40 files');
    await wrapper.find('button').trigger('click');
    expect(wrapper.emitted('cancel')).toHaveLength(1);
  });

  test('the session image editor refuses paths and duplicates, resets to the defaults and saves the list', async () => {
    const wrapper = mount(SessionImagesEditor, { props: { names: ['win32k.sys'] } });
    const input = wrapper.find('input[aria-label="Add a session image"]');
    await input.setValue('C:\\x\\tsddd.dll');
    expect(wrapper.find('.error').text()).toContain('A file name only');
    await input.setValue('WIN32K.SYS');
    expect(wrapper.find('.error').text()).toContain('already in the list');
    await input.setValue('tsddd.dll');
    await wrapper.find('form').trigger('submit');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Save')!
      .trigger('click');
    expect(wrapper.emitted('save')).toEqual([[['win32k.sys', 'tsddd.dll']]]);
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Reset to defaults')!
      .trigger('click');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Save')!
      .trigger('click');
    expect(wrapper.emitted('save')?.at(-1)).toEqual([['win32k.sys', 'win32kbase.sys', 'win32kfull.sys', 'cdd.dll']]);
  });
});

describe('format', () => {
  test('section flags, access and plausible stamps', () => {
    expect(sectionFlagNames(0x68000020)).toEqual(['CODE', 'NOT_PAGED']);
    expect(sectionAccess(0x60000020)).toBe('R-X');
    expect(sectionAccess(0xc0000040)).toBe('RW-');
    expect(stampUtc(0x5f000000)).toBe('2020-07-04 04:05:20 UTC');
    expect(stampUtc(0x10)).toBeNull();
    expect(entropyHue(0)).toBe(130);
    expect(entropyHue(8)).toBe(0);
    expect(entropyHue(6.4)).toBeGreaterThan(entropyHue(7.5) + 20);
  });
});
