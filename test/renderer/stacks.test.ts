import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { parseDebuggerText } from '../../src-main/core/windbg';
import type { ParsedFrame, ParsedPaste, Stack, StackFrame, StackSummary } from '../../src-main/contract';
import { setTransport } from '../../src-renderer/api';
import FrameEditor from '../../src-renderer/components/stacks/FrameEditor.vue';
import PasteDialog from '../../src-renderer/components/stacks/PasteDialog.vue';
import StackDetail from '../../src-renderer/components/stacks/StackDetail.vue';
import StackList from '../../src-renderer/components/stacks/StackList.vue';
import { moduleHue } from '../../src-renderer/components/stacks/moduleColor';
import { stackAsText } from '../../src-renderer/components/stacks/frameText';
import { useStacks } from '../../src-renderer/stores/stacks';
import { fakeTransport } from './fake-transport';

function frame(position: number, module: string, fn: string | null, offset: string | null, roles: Partial<StackFrame['annotation']> = {}): StackFrame {
  const parsed: ParsedFrame = {
    index: position,
    childSp: `0xfffff90fb6d8eb${(0xb8 + position * 8).toString(16)}`,
    retAddr: '0xfffff801164a1e1d',
    args: [],
    module,
    function: fn,
    offset,
    inline: false,
    sourceFile: null,
    sourceLine: null,
    raw: `row ${position}`,
    address: null,
    params: null,
    frameDistance: null,
    trapFrame: null,
    notes: [],
  };
  const microsoft = module === 'nt';
  return {
    position,
    parsed,
    annotation: { module, offset, resolvedFrom: 'symbol', nearestExport: null, microsoft, dispatch: false, faulting: false, firstNonMicrosoft: false, ...roles },
    note: '',
    tags: [],
    stepId: null,
    step: null,
  };
}

/** The shape of the 0x50 paste in test/fixtures/windbg/mixed-0x50-driver-insightengineering.txt, cut to six frames. */
function sampleStack(): Stack {
  const frames = [
    frame(0, 'nt', 'KeBugCheckEx', null, { dispatch: true }),
    frame(1, 'nt', 'MiSystemFault', '0x237b4d', { dispatch: true }),
    frame(2, 'nt', 'MmAccessFault', '0x29c', { dispatch: true }),
    frame(3, 'nt', 'KiPageFault', '0x369', { dispatch: true }),
    frame(4, 'Driver', null, '0x1d1e', { faulting: true, firstNonMicrosoft: true }),
    frame(5, 'nt', 'IopLoadDriver', '0x523'),
  ];
  return {
    id: 3,
    title: 'PAGE_FAULT_IN_NONPAGED_AREA in Driver.sys',
    bugcheckCode: '0x50',
    bugcheckName: 'PAGE_FAULT_IN_NONPAGED_AREA',
    osBuild: 22621,
    osRevision: 1928,
    process: 'System',
    causedBy: 'Driver.sys',
    frameCount: frames.length,
    experimentId: null,
    experimentTitle: null,
    dumpId: null,
    sourceKind: 'paste',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    bugcheck: {
      code: '0x50',
      name: 'PAGE_FAULT_IN_NONPAGED_AREA',
      summary: null,
      params: [
        { value: '0xffffe5068d8a4000', meaning: 'Memory address referenced' },
        { value: '0x2', meaning: null },
        { value: '0xfffff801197f1d1e', meaning: null },
        { value: '0x0', meaning: null },
      ],
    },
    os: { build: 22621, revision: 1928, arch: 'x64' },
    faulting: { module: 'Driver', function: null, offset: '0x1d1e' },
    frames,
    faultingPosition: 4,
    firstNonMicrosoftPosition: 4,
    modules: [],
    unparsed: ['something odd'],
    unparsedOmitted: 0,
    warnings: [],
    limits: [],
    otherStacks: 0,
    sourceChars: 1000,
  };
}

function mountDetail(stack = sampleStack()) {
  return mount(StackDetail, { props: { stack, experiments: [], loaderPaths: [] }, attachTo: document.body });
}

const rowsText = (wrapper: ReturnType<typeof mountDetail>) => wrapper.findAll('[data-testid="frame-row"]').map((r) => r.find('.call-site-text').text().replace(/\s+/g, ' '));

beforeEach(() => setActivePinia(createPinia()));

describe('the stack frame list', () => {
  test('collapses the dispatch chain, highlights and selects the faulting frame', async () => {
    const wrapper = mountDetail();
    expect(wrapper.find('[data-testid="dispatch-toggle"]').text()).toMatch(/4 exception-dispatch frames/);
    expect(rowsText(wrapper)).toEqual(['Driver+0x1d1e', 'nt!IopLoadDriver+0x523']);
    const faulting = wrapper.find('tr.faulting');
    expect(faulting.attributes('data-frame')).toBe('4');
    expect(faulting.classes()).toContain('selected');
    expect(faulting.classes()).toContain('third-party');
    expect(faulting.text()).toMatch(/faulting/);

    await wrapper.find('[data-testid="dispatch-toggle"]').trigger('click');
    expect(rowsText(wrapper)).toHaveLength(6);
    expect(wrapper.findAll('tr.dispatch')).toHaveLength(4);
    wrapper.unmount();
  });

  test('module chips keep one colour per module name', () => {
    const wrapper = mountDetail();
    const chips = wrapper.findAll('.module-chip');
    expect(chips.map((c) => c.attributes('style'))).toEqual([
      `--module-hue: ${moduleHue('Driver')};`,
      `--module-hue: ${moduleHue('nt')};`,
    ]);
    expect(moduleHue('Driver.sys')).toBe(moduleHue('driver'));
    wrapper.unmount();
  });

  test('keyboard: j/k move through visible frames, / focuses search, search filters and counts', async () => {
    const wrapper = mountDetail();
    const key = async (k: string) => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: k }));
      await nextTick();
    };
    await key('j');
    expect(wrapper.find('tr.selected').attributes('data-frame')).toBe('5');
    await key('k');
    await key('k');
    expect(wrapper.find('tr.selected').attributes('data-frame')).toBe('4');
    await key('e');
    await key('k');
    expect(wrapper.find('tr.selected').attributes('data-frame')).toBe('3');

    await key('/');
    expect(document.activeElement).toBe(wrapper.find('[data-testid="stack-search"]').element);
    await wrapper.find('[data-testid="stack-search"]').setValue('fault');
    expect(rowsText(wrapper)).toEqual(['nt!MiSystemFault+0x237b4d', 'nt!MmAccessFault+0x29c', 'nt!KiPageFault+0x369']);
    expect(wrapper.find('[data-testid="stack-matches"]').text()).toBe('3 of 6 frames');
    wrapper.unmount();
  });

  test('c copies the stack as WinDbg-like lines', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const stack = sampleStack();
    const wrapper = mountDetail(stack);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'c' }));
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(stackAsText(stack));
    const lines = stackAsText(stack).split('\n');
    expect(lines[0]).toBe(' # Child-SP          RetAddr           Call Site');
    expect(lines[5]).toBe('04 fffff90f`b6d8ebd8 fffff801`164a1e1d Driver+0x1d1e');
    expect(wrapper.emitted('copied')?.[0]).toEqual([6]);
    wrapper.unmount();
  });

  test('the frame editor emits note, tags and step', async () => {
    const stack = sampleStack();
    const paths = [{ id: 1, name: 'NtLoadDriver', description: '', steps: [{ id: 9, pathId: 1, position: 3, functionName: 'MiResolveImageReferences', title: 'Resolve imports', description: '' }] }];
    const wrapper = mount(FrameEditor, { props: { frame: stack.frames[4], loaderPaths: paths } });
    expect(wrapper.find('[data-testid="frame-save"]').attributes('disabled')).toBeDefined();
    await wrapper.find('textarea[name="note"]').setValue('**culprit**');
    await wrapper.find('[name="tags"]').setValue('culprit, , gs ');
    await wrapper.find('[name="step"]').setValue(9);
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('save')?.[0]).toEqual([{ note: '**culprit**', tags: ['culprit', 'gs'], stepId: 9 }]);
  });

  test('the store saves a frame annotation and puts the answer in place', async () => {
    const stack = sampleStack();
    const fake = fakeTransport({
      'stacks.get': () => stack,
      'frames.annotate': (request) => ({ ...stack.frames[request.position], note: request.note ?? '', tags: request.tags ?? [] }),
    });
    setTransport(fake.transport);
    const stacks = useStacks();
    await stacks.open(3);
    await stacks.annotate(3, 4, { note: 'here', tags: ['x'] });
    expect(fake.calls.at(-1)).toEqual({ method: 'frames.annotate', request: { stackId: 3, position: 4, note: 'here', tags: ['x'] } });
    expect(stacks.current?.frames[4]).toMatchObject({ note: 'here', tags: ['x'] });
    expect(stacks.current?.frames[3].note).toBe('');
  });
});

/** What stacks.parse answers for a paste: `hello world` gives only kept lines, a STACK_TEXT gives frames and a code. */
function parsed(part: Partial<ParsedPaste> = {}): ParsedPaste {
  // What the parser itself answers for an empty paste, with the parts a case needs.
  return { ...parseDebuggerText(''), ...part };
}

describe('the paste dialog', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  function mountDialog(props: Partial<InstanceType<typeof PasteDialog>['$props']> = {}, answer = parsed()) {
    return mount(PasteDialog, { props: { experiments: [], parse: async () => answer, ...props }, attachTo: document.body });
  }
  const esc = (wrapper: ReturnType<typeof mountDialog>) => wrapper.find('form').trigger('keydown', { key: 'Escape' });
  const backdrop = (wrapper: ReturnType<typeof mountDialog>) => wrapper.find('.modal-backdrop').trigger('mousedown');

  test('Esc or a backdrop click asks before throwing pasted text away, and stays open when declined', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const wrapper = mountDialog();
    await wrapper.find('textarea').setValue('0: kd> kn');
    await esc(wrapper);
    await backdrop(wrapper);
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(confirm).toHaveBeenLastCalledWith('Discard the pasted text?');
    expect(wrapper.emitted('close')).toBeUndefined();
    expect(document.activeElement).toBe(wrapper.find('textarea').element);

    confirm.mockReturnValue(true);
    await backdrop(wrapper);
    expect(wrapper.emitted('close')).toHaveLength(1);
    await esc(wrapper);
    expect(wrapper.emitted('close')).toHaveLength(2);
    wrapper.unmount();
  });

  test('an empty box, or the untouched text of a dropped file, closes without asking', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const empty = mountDialog();
    await empty.find('textarea').setValue('   \n');
    await esc(empty);
    await backdrop(empty);
    expect(empty.emitted('close')).toHaveLength(2);
    empty.unmount();

    const dropped = mountDialog({ initialText: 'kn output\n', sourceKind: 'file' });
    await esc(dropped);
    expect(dropped.emitted('close')).toHaveLength(1);
    await dropped.find('textarea').setValue('kn output, edited\n');
    await esc(dropped);
    expect(dropped.emitted('close')).toHaveLength(1);
    expect(confirm).toHaveBeenCalledTimes(1);
    dropped.unmount();
  });

  test('a paste with nothing recognised is flagged and stored only through "Add anyway"', async () => {
    vi.useFakeTimers();
    const wrapper = mountDialog({}, parsed({ unparsed: ['hello world'] }));
    await wrapper.find('textarea').setValue('hello world');
    await vi.advanceTimersByTimeAsync(250);
    await flushPromises();
    const preview = wrapper.find('[data-testid="paste-preview"]');
    expect(preview.find('[data-testid="paste-nothing"]').text()).toBe('Nothing DriverLab recognises: no frames, no bug check');
    expect(preview.text()).toContain('1 line not understood (kept)');
    const add = wrapper.find('[data-testid="paste-create"]');
    expect(add.text()).toBe('Add anyway');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('create')?.[0]).toEqual([{ text: 'hello world', title: undefined, experimentId: null, sourceKind: 'paste' }]);
    wrapper.unmount();
  });

  test('a recognised paste previews frames and the bug check in the padded notation, with the plain Add button', async () => {
    vi.useFakeTimers();
    const answer = parsed({
      bugcheck: { code: '0x7e', name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED', params: [null, null, null, null] },
      frames: sampleStack().frames.map((f) => f.parsed),
    });
    const wrapper = mountDialog({}, answer);
    await wrapper.find('textarea').setValue('STACK_TEXT: …');
    await vi.advanceTimersByTimeAsync(250);
    await flushPromises();
    const preview = wrapper.find('[data-testid="paste-preview"]');
    expect(preview.find('[data-testid="paste-nothing"]').exists()).toBe(false);
    expect(preview.text()).toMatch(/6 frames\s*0x0000007E SYSTEM_THREAD_EXCEPTION_NOT_HANDLED/);
    expect(wrapper.find('[data-testid="paste-create"]').text()).toBe('Add stack');
    wrapper.unmount();
  });
});

describe('bug check codes in the stacks section', () => {
  test('the list and the header both write 0x0000007E', async () => {
    const item: StackSummary = { ...sampleStack(), bugcheckCode: '0x7e', bugcheckName: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED' };
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:path(.*)*', component: StackList }] });
    const list = mount(StackList, { props: { items: [item], selectedId: null }, global: { plugins: [router] } });
    expect(list.find('.badge.outcome-bugcheck').text()).toBe('0x0000007E');

    const stack = sampleStack();
    const detail = mountDetail({ ...stack, bugcheck: { ...stack.bugcheck!, code: '0x1000007e' } });
    expect(detail.find('[data-testid="stack-bugcheck"] .badge').text()).toBe('0x1000007E');
    detail.unmount();
  });
});
