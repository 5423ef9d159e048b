import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import { ApiError, type DumpDetail, type DumpDriverRow, type DumpImportResult, type Experiment } from '../../src-main/contract';
import { setTransport } from '../../src-renderer/api';
import DumpDetailView from '../../src-renderer/components/dumps/DumpDetail.vue';
import { addressText, bugcheckCodeText, bytesText, stampDate } from '../../src-renderer/components/dumps/format';
import { bugcheckText } from '../../src-renderer/format';
import { useDumps } from '../../src-renderer/stores/dumps';
import { fakeTransport } from './fake-transport';

function driver(index: number, name: string, base: string, extra: Partial<DumpDriverRow> = {}): DumpDriverRow {
  return {
    index,
    name,
    path: `\\SystemRoot\\system32\\drivers\\${name}`,
    base,
    size: 0x1000 * (5 - index),
    end: base,
    timeDateStamp: 0x5f7e1b2c,
    sessionSpace: false,
    driverId: null,
    notebookMatch: null,
    ...extra,
  };
}

const drivers: DumpDriverRow[] = [
  driver(0, 'ntoskrnl.exe', '0xfffff8047ba00000'),
  driver(1, 'win32kbase.sys', '0xffff9c8a40000000', { sessionSpace: true }),
  driver(2, 'injdrv.sys', '0xfffff8048b580000', { driverId: 42, notebookMatch: 'exact' }),
  driver(3, 'acpi.sys', '0xfffff80479950000', { driverId: 43, notebookMatch: 'same-name' }),
];

const dump: DumpDetail = {
  id: 3,
  sha256: 'ab'.repeat(32),
  fileName: 'Mini011926-01.dmp',
  size: 10596,
  dumpType: 'triage',
  machine: 'x64',
  build: 19041,
  windowsLabel: 'Windows 10 2004–22H2 (19041)',
  bugcheckCode: '0x1000007e',
  bugcheckName: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M',
  causedBy: 'injdrv.sys',
  experimentId: null,
  experimentTitle: null,
  stackId: 9,
  warningCount: 1,
  createdAt: '2026-01-02T03:04:05.000Z',
  analysis: {
    bugcheckSummary: 'A system thread raised an exception that no handler caught.',
    paramMeanings: ['The exception code that was not handled', 'The address where the exception occurred', null, null],
    windowsLabel: 'Windows 10 2004–22H2 (19041)',
    drivers,
    report: {
      file: 'Mini011926-01.dmp',
      dumpType: 'triage',
      dumpTypeCode: 4,
      dumpTypeLabel: 'Small memory dump (triage)',
      signature: 'PAGEDU64',
      pointerSize: 8,
      machine: 'x64',
      machineCode: '0x8664',
      build: 19041,
      majorVersion: 15,
      checkedBuild: false,
      processors: 16,
      bugcheck: {
        code: '0x1000007e',
        name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M',
        params: ['0xffffffffc0000005', '0xfffff8048b581772', '0x0', '0x0'],
      },
      psLoadedModuleList: '0xfffff8047c62a390',
      psActiveProcessHead: '0xfffff8047c61e200',
      directoryTableBase: '0x1ad000',
      kdDebuggerDataBlock: '0xfffff8047c600b20',
      kernelBase: '0xfffff8047ba00000',
      paeEnabled: null,
      comment: null,
      systemTime: '2026-01-19T10:11:12.000Z',
      systemUpTimeSeconds: 3725,
      context: null,
      exception: null,
      drivers: drivers.map(({ name, path, base, size, end, timeDateStamp }) => ({ name, path, base, size, end, timeDateStamp })),
      unloadedDrivers: [{ name: 'dam.sys', start: '0xfffff8047b900000', end: '0xfffff8047b91c000', timeDateStamp: null }],
      causedBy: {
        module: 'injdrv.sys',
        address: '0xfffff8048b581772',
        offset: '0x1772',
        reason: 'first non-core module at the faulting address',
      },
      frames: [
        { address: '0xfffff8048b581772', module: 'injdrv.sys', offset: '0x1772', source: 'context' },
        {
          address: '0xfffff8047be0f4e1',
          module: 'ntoskrnl.exe',
          offset: '0x40f4e1',
          source: 'stack',
          stackAddress: '0xffff850429890ef0',
        },
        { address: '0x1234', module: null, offset: null, source: 'stack', stackAddress: '0xffff850429890ef8' },
      ],
      triage: null,
      bitmap: null,
      warnings: ['Driver entry 7 points outside the file.'],
    },
  },
};

const experiments = [{ id: 5, title: 'injdrv via sc start' }] as Experiment[];

beforeEach(() => setActivePinia(createPinia()));

describe('DumpDetail', () => {
  function mountDetail(stackHref: string | null = '#/stacks/9') {
    return mount(DumpDetailView, { props: { dump, experiments, stackHref } });
  }

  test('shows the bug check with its documented parameters, the culprit and why, the frames and the warnings', () => {
    const wrapper = mountDetail();
    const bugcheck = wrapper.find('[data-testid="dump-bugcheck"]').text();
    expect(bugcheck).toContain('0x1000007E');
    expect(bugcheck).toContain('SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M');
    expect(bugcheck).toMatch(/0xffffffffc0000005\s*The exception code that was not handled/);
    expect(bugcheck).toMatch(/Arg3\s*0x0\s*not documented/);
    const causedBy = wrapper.find('[data-testid="dump-caused-by"]').text();
    expect(causedBy).toMatch(/injdrv\.sys\+0x1772 \(fffff804`8b581772\)/);
    expect(causedBy).toContain('Decided by: first non-core module at the faulting address');
    const facts = wrapper.find('[data-testid="dump-facts"]').text();
    expect(facts).toContain('Windows 10 2004–22H2 (19041)');
    expect(facts).toContain('16 processors');
    expect(facts).toContain('Small memory dump (triage)');
    expect(facts).toContain('up 1 h 2 min');
    const frames = wrapper.findAll('[data-testid="dump-frame"]');
    expect(frames.map((f) => f.findAll('td')[1].text())).toEqual(['injdrv.sys+0x1772', 'ntoskrnl.exe+0x40f4e1', '(no module)']);
    expect(frames[0].classes()).toContain('culprit');
    expect(frames[1].text()).toContain('stack @ ffff8504`29890ef0');
    expect(wrapper.find('[data-testid="dump-warnings"]').text()).toContain('Driver entry 7 points outside the file.');
    expect(wrapper.find('[data-testid="dump-open-stack"]').attributes('href')).toBe('#/stacks/9');
    expect(mountDetail(null).find('[data-testid="dump-open-stack"]').exists()).toBe(false);
  });

  test('the driver list marks session images, links notebook drivers, sorts and filters', async () => {
    const wrapper = mountDetail();
    const names = () => wrapper.findAll('[data-testid="dump-driver"]').map((row) => row.findAll('td')[1].find('.mono').text());
    expect(names()).toEqual(['ntoskrnl.exe', 'win32kbase.sys', 'injdrv.sys', 'acpi.sys']);
    const rows = wrapper.findAll('[data-testid="dump-driver"]');
    expect(rows[1].find('.badge.session').exists()).toBe(true);
    expect(rows[0].find('.badge.session').exists()).toBe(false);
    expect(rows[2].find('[data-testid="dump-driver-in-notebook"]').attributes('href')).toBe('#/drivers/42');
    // Only the name matches: another build, said so rather than passed off as the loaded image.
    expect(rows[3].find('[data-testid="dump-driver-in-notebook"]').exists()).toBe(false);
    expect(rows[3].find('[data-testid="dump-driver-other-build"]').text()).toBe('other build in notebook');
    expect(rows[2].classes()).toContain('culprit');

    const sortButton = (label: string) =>
      wrapper.findAll('[data-testid="dump-drivers"] button.sort').find((b) => b.text().startsWith(label))!;
    await sortButton('Driver').trigger('click');
    expect(names()).toEqual(['acpi.sys', 'injdrv.sys', 'ntoskrnl.exe', 'win32kbase.sys']);
    await sortButton('Driver').trigger('click');
    expect(names()).toEqual(['win32kbase.sys', 'ntoskrnl.exe', 'injdrv.sys', 'acpi.sys']);
    await sortButton('Base').trigger('click');
    expect(names()).toEqual(['win32kbase.sys', 'acpi.sys', 'ntoskrnl.exe', 'injdrv.sys']);
    await sortButton('Size').trigger('click');
    expect(names()).toEqual(['acpi.sys', 'injdrv.sys', 'win32kbase.sys', 'ntoskrnl.exe']);

    await wrapper.find('input[aria-label="Filter drivers"]').setValue('.SYS');
    expect(names()).toHaveLength(3);
    await wrapper.find('input[aria-label="Filter drivers"]').setValue('inj');
    expect(names()).toEqual(['injdrv.sys']);
    await wrapper.find('input[aria-label="Filter drivers"]').setValue('');
    await wrapper.find('.dump-drivers input[type="checkbox"]').setValue(true);
    expect(names()).toEqual(['win32kbase.sys']);
  });

  test('a long stack scan shows its first 32 frames until asked for all', async () => {
    const frames = Array.from({ length: 40 }, (_, i) => ({
      address: `0x${(0x1000 + i).toString(16)}`,
      module: null,
      offset: null,
      source: 'stack' as const,
    }));
    const long = { ...dump, analysis: { ...dump.analysis, report: { ...dump.analysis.report, frames } } };
    const wrapper = mount(DumpDetailView, { props: { dump: long, experiments, stackHref: null } });
    expect(wrapper.findAll('[data-testid="dump-frame"]')).toHaveLength(32);
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Show all 40 frames')!
      .trigger('click');
    expect(wrapper.findAll('[data-testid="dump-frame"]')).toHaveLength(40);
  });

  test('choosing an experiment asks to attach, choosing none to detach', async () => {
    const wrapper = mountDetail();
    await wrapper.find('select[name="experimentId"]').setValue('5');
    await wrapper.setProps({ dump: { ...dump, experimentId: 5, experimentTitle: 'injdrv via sc start' } });
    expect((wrapper.find('select[name="experimentId"]').element as HTMLSelectElement).value).toBe('5');
    await wrapper.find('select[name="experimentId"]').setValue('');
    expect(wrapper.emitted('attach')).toEqual([[5], [null]]);
  });
});

describe('dump formatting', () => {
  test('writes codes, addresses, sizes and timestamps the way debugger users read them', () => {
    expect(bugcheckCodeText('0xd1')).toBe('0x000000D1');
    // One notation in every section: the dumps view uses the shared formatter.
    expect(bugcheckCodeText).toBe(bugcheckText);
    expect(addressText('0xfffff8048b581772', 8)).toBe('fffff804`8b581772');
    expect(addressText('0x8053cf20', 4)).toBe('8053cf20');
    expect(bytesText(5000)).toBe('4.9 KB');
    expect(bytesText(10596)).toBe('10 KB');
    expect(bytesText(1024 ** 3)).toBe('1.0 GB');
    expect(stampDate(0x5f7e1b2c)).toBe('2020-10-07');
    // Reproducible-build hashes are not dates.
    expect(stampDate(0x0d8333e6)).toBeNull();
    expect(stampDate(0xf1234567)).toBeNull();
  });
});

describe('dumps store', () => {
  test('imports dropped paths from disk and browser files as uploads, each with its own outcome', async () => {
    const result: DumpImportResult = { created: true, dump };
    const fake = fakeTransport({
      'dumps.list': () => [dump],
      'dumps.importPath': ({ path }) => {
        if (path.endsWith('bad.dmp')) throw new ApiError('UNSUPPORTED_FORMAT', 'bad.dmp: Not a Windows kernel crash dump');
        return result;
      },
      'dumps.importUpload': () => result,
    });
    setTransport(fake.transport);
    const store = useDumps();
    const bytes = new Uint8Array([0x50, 0x41, 0x47, 0x45]);
    const file = new File([bytes], 'Mini.dmp');
    // jsdom's File has no arrayBuffer(); browsers do.
    Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.resolve(bytes.buffer) });
    const outcomes = await store.importFiles([
      { name: 'MEMORY.DMP', path: 'C:\\Windows\\MEMORY.DMP', file: null },
      { name: 'bad.dmp', path: '/tmp/bad.dmp', file: null },
      { name: 'Mini.dmp', path: null, file },
    ]);
    expect(fake.calls.map((c) => c.method)).toEqual(['dumps.importPath', 'dumps.importPath', 'dumps.importUpload', 'dumps.list']);
    expect(fake.calls[2].request).toEqual({ upload: { name: 'Mini.dmp', dataBase64: 'UEFHRQ==' } });
    expect(outcomes.map((o) => ('result' in o ? 'ok' : (o.error as Error).message))).toEqual([
      'ok',
      'bad.dmp: Not a Windows kernel crash dump',
      'ok',
    ]);
    expect(store.items).toEqual([dump]);
    expect(store.importing).toBeNull();
  });

  test('reloads when a dump changes elsewhere and searches through the transport', async () => {
    const fake = fakeTransport({ 'dumps.list': () => [] });
    setTransport(fake.transport);
    const store = useDumps();
    store.search = ' injdrv ';
    await store.load();
    expect(fake.calls[0].request).toEqual({ search: 'injdrv' });
    fake.emit('dumps.changed', { id: 1, action: 'imported' });
    await Promise.resolve();
    expect(fake.calls.filter((c) => c.method === 'dumps.list')).toHaveLength(2);
  });
});
