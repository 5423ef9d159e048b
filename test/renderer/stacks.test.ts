import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { nextTick } from 'vue';
import type { ParsedFrame, Stack, StackFrame } from '../../src-main/contract';
import { setTransport } from '../../src-renderer/api';
import FrameEditor from '../../src-renderer/components/stacks/FrameEditor.vue';
import StackDetail from '../../src-renderer/components/stacks/StackDetail.vue';
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
