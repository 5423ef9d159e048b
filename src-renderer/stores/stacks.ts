import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LoaderPath, ParsedPaste, Stack, StackFrame, StackSummary } from '../../src-main/contract';
import { api } from '../api';
import { latestOnly } from '../composables/useLatest';

export interface NewStack {
  text: string;
  title?: string;
  experimentId?: number | null;
  sourceKind?: 'paste' | 'file';
}

export interface FramePatch {
  note?: string;
  tags?: string[];
  stepId?: number | null;
}

export const useStacks = defineStore('stacks', () => {
  const items = ref<StackSummary[]>([]);
  const loaded = ref(false);
  const search = ref('');
  /** The stack open in the view; reloaded when an event says it changed. */
  const current = ref<Stack | null>(null);
  const loaderPaths = ref<LoaderPath[]>([]);
  let subscribed = false;

  const latest = latestOnly();
  async function load(): Promise<void> {
    if (!subscribed) {
      subscribed = true;
      api().on('stacks.changed', ({ id, action }) => {
        void load();
        if (current.value?.id === id) {
          if (action === 'deleted') current.value = null;
          else void open(id).catch(() => undefined);
        }
      });
    }
    await latest(
      () => api().call('stacks.list', { search: search.value.trim() || undefined }),
      (list) => {
        items.value = list;
        loaded.value = true;
      },
    );
  }

  async function loadLoaderPaths(): Promise<void> {
    loaderPaths.value = await api().call('loader.paths', {});
  }

  async function open(id: number): Promise<Stack> {
    const stack = await api().call('stacks.get', { id });
    current.value = stack;
    return stack;
  }

  function close(): void {
    current.value = null;
  }

  function parse(text: string): Promise<ParsedPaste> {
    return api().call('stacks.parse', { text });
  }

  function listForExperiment(experimentId: number): Promise<StackSummary[]> {
    return api().call('stacks.list', { experimentId });
  }

  async function create(input: NewStack): Promise<Stack> {
    const stack = await api().call('stacks.create', input);
    await load();
    return stack;
  }

  async function update(id: number, patch: { title?: string; experimentId?: number | null }): Promise<Stack> {
    const stack = await api().call('stacks.update', { id, ...patch });
    if (current.value?.id === id) current.value = stack;
    await load();
    return stack;
  }

  async function remove(id: number): Promise<Stack> {
    const deleted = await api().call('stacks.delete', { id });
    if (current.value?.id === id) current.value = null;
    await load();
    return deleted;
  }

  /** Saves one frame's note / tags / step and puts the answer in place, so the list does not jump. */
  async function annotate(stackId: number, position: number, patch: FramePatch): Promise<StackFrame> {
    const frame = await api().call('frames.annotate', { stackId, position, ...patch });
    const stack = current.value;
    if (stack?.id === stackId) {
      current.value = { ...stack, frames: stack.frames.map((f) => (f.position === position ? frame : f)) };
    }
    return frame;
  }

  return {
    items,
    loaded,
    search,
    current,
    loaderPaths,
    load,
    loadLoaderPaths,
    open,
    close,
    parse,
    listForExperiment,
    create,
    update,
    remove,
    annotate,
  };
});
