import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import { nextTick } from 'vue';
import { ApiError, type LoaderPath, type Method, type Req, type Res, type StepObservation, type Transport } from '../../src-main/contract';
import { setTransport } from '../../src-renderer/api';
import StepObservations from '../../src-renderer/components/experiments/StepObservations.vue';
import { useNotifications } from '../../src-renderer/stores/notifications';
import { fakeTransport } from './fake-transport';

const path: LoaderPath = {
  id: 1,
  name: 'NtLoadDriver',
  description: '',
  steps: [
    { id: 7, pathId: 1, position: 1, functionName: 'IopLoadDriver', title: 'Open the service key', description: '' },
    { id: 8, pathId: 1, position: 2, functionName: 'MiResolveImageReferences', title: 'Resolve imports', description: '' },
  ],
};

beforeEach(() => setActivePinia(createPinia()));

async function mountSteps(
  recorded: StepObservation[] = [{ experimentId: 5, stepId: 8, status: 'failed', note: '' }],
  gate: Promise<void> = Promise.resolve(),
) {
  const fake = fakeTransport({
    'loader.paths': () => [path],
    'observations.list': () => recorded,
    'observations.set': (request) => {
      if (request.status === 'failed') throw new ApiError('CONFLICT', 'The notebook is read-only.');
      return { experimentId: request.experimentId, stepId: request.stepId, status: request.status, note: '' };
    },
  });
  // Saves wait for the gate, as a slow disk would make them.
  const transport: Transport = {
    ...fake.transport,
    async call<M extends Method>(method: M, request: Req<M>): Promise<Res<M>> {
      if (method === 'observations.set') await gate;
      return fake.transport.call(method, request);
    },
  };
  setTransport(transport);
  const wrapper = mount(StepObservations, { props: { experimentId: 5 }, attachTo: document.body });
  await flushPromises();
  const group = (stepId: number) => wrapper.findAll('[role="radiogroup"]')[path.steps.findIndex((s) => s.id === stepId)];
  const radio = (stepId: number, status: string) => group(stepId).find<HTMLButtonElement>(`[data-status="${status}"]`);
  const checked = (stepId: number) => group(stepId).find('[aria-checked="true"]').attributes('data-status');
  const sets = () => fake.calls.filter((c) => c.method === 'observations.set').map((c) => c.request);
  return { wrapper, group, radio, checked, sets };
}

describe('the loader-step picker (ARIA radio group)', () => {
  test('each step is one Tab stop: its checked radio, Unknown while nothing is recorded', async () => {
    const { wrapper, group } = await mountSteps();
    const tabbable = (stepId: number) =>
      group(stepId)
        .findAll('[role="radio"]')
        .filter((b) => b.attributes('tabindex') === '0')
        .map((b) => b.attributes('data-status'));
    expect(tabbable(7)).toEqual(['unknown']);
    expect(tabbable(8)).toEqual(['failed']);
    expect(wrapper.findAll('[role="radio"][tabindex="-1"]')).toHaveLength(6);
    expect(group(8).findAll('[role="radio"]').map((b) => b.attributes('title'))).toEqual([
      'Reached (key r)',
      'Failed here (key x)',
      'Not reached (key -)',
      'Unknown (key ?)',
    ]);
    wrapper.unmount();
  });

  test('arrows move the focus and the choice within a step, wrapping; r x - ? pick directly', async () => {
    const { wrapper, radio, checked, sets } = await mountSteps();
    const press = async (stepId: number, status: string, key: string) => {
      await radio(stepId, status).trigger('keydown', { key });
      await flushPromises();
    };
    radio(8, 'failed').element.focus();
    await press(8, 'failed', 'ArrowRight');
    expect(document.activeElement).toBe(radio(8, 'not_reached').element);
    expect(checked(8)).toBe('not_reached');
    expect(radio(8, 'not_reached').attributes('tabindex')).toBe('0');
    expect(radio(8, 'failed').attributes('tabindex')).toBe('-1');
    await press(8, 'not_reached', 'ArrowDown');
    await press(8, 'unknown', 'ArrowDown');
    expect(checked(8)).toBe('reached');
    await press(8, 'reached', 'ArrowLeft');
    await press(8, 'unknown', 'ArrowUp');
    expect(checked(8)).toBe('not_reached');
    expect(document.activeElement).toBe(radio(8, 'not_reached').element);

    await press(7, 'unknown', 'r');
    expect(checked(7)).toBe('reached');
    expect(document.activeElement).toBe(radio(7, 'reached').element);
    await press(7, 'reached', '-');
    expect(checked(7)).toBe('not_reached');
    await press(7, 'not_reached', '?');
    expect(checked(7)).toBe('unknown');
    // Nothing is saved for a key that changes nothing (already Unknown) or means nothing (q).
    await press(7, 'unknown', '?');
    await press(7, 'unknown', 'q');
    expect(sets().map((r) => JSON.stringify(r))).toEqual(
      [
        [8, 'not_reached'],
        [8, 'unknown'],
        [8, 'reached'],
        [8, 'unknown'],
        [8, 'not_reached'],
        [7, 'reached'],
        [7, 'not_reached'],
        [7, 'unknown'],
      ].map(([stepId, status]) => JSON.stringify({ experimentId: 5, stepId, status })),
    );
    wrapper.unmount();
  });

  test('the choice and the Tab stop move at once, before the save answers; a refused save falls back', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { wrapper, radio, checked, sets } = await mountSteps([], gate);
    await radio(7, 'unknown').trigger('keydown', { key: 'ArrowRight' });
    await nextTick();
    expect(sets()).toEqual([]);
    expect(checked(7)).toBe('reached');
    expect(radio(7, 'reached').attributes('tabindex')).toBe('0');
    expect(radio(7, 'unknown').attributes('tabindex')).toBe('-1');
    release();
    await flushPromises();
    expect(sets()).toEqual([{ experimentId: 5, stepId: 7, status: 'reached' }]);
    expect(checked(7)).toBe('reached');

    await radio(7, 'reached').trigger('keydown', { key: 'x' });
    expect(checked(7)).toBe('failed');
    await flushPromises();
    expect(checked(7)).toBe('reached');
    expect(useNotifications().toasts.map((t) => t.message)).toEqual(['The notebook is read-only.']);
    wrapper.unmount();
  });

  test('a handled key does not reach the page shortcuts', async () => {
    const { wrapper, radio } = await mountSteps();
    const reached: string[] = [];
    const listener = (event: KeyboardEvent) => reached.push(event.key);
    window.addEventListener('keydown', listener);
    await radio(7, 'unknown').trigger('keydown', { key: 'r' });
    await radio(7, 'unknown').trigger('keydown', { key: 'n' });
    window.removeEventListener('keydown', listener);
    expect(reached).toEqual(['n']);
    wrapper.unmount();
  });
});
