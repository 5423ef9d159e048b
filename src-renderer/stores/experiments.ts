import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DeletedExperiment, Experiment, ExperimentInput, ExperimentPatch, OutcomeKind } from '../../src-main/contract';
import { api } from '../api';
import { toggleSort, useListLoad } from '../composables/useListLoad';

export type ExperimentSort = 'updated' | 'created' | 'title' | 'build' | 'outcome';

export const useExperiments = defineStore('experiments', () => {
  const search = ref('');
  const outcome = ref<OutcomeKind | ''>('');
  const sort = ref<ExperimentSort>('updated');
  const direction = ref<'asc' | 'desc'>('desc');
  let subscribed = false;

  const filtered = computed(() => search.value !== '' || outcome.value !== '');

  const { items, loaded, loading, reload } = useListLoad(() =>
    api().call('experiments.list', {
      search: search.value.trim() || undefined,
      outcome: outcome.value || undefined,
      sort: sort.value,
      direction: direction.value,
    }),
  );

  async function load(): Promise<void> {
    if (!subscribed) {
      subscribed = true;
      api().on('experiments.changed', () => void load());
    }
    await reload();
  }

  function sortBy(column: ExperimentSort): void {
    toggleSort(sort, direction, column, ['title', 'build']);
    void load();
  }

  function get(id: number): Promise<Experiment> {
    return api().call('experiments.get', { id });
  }

  async function create(input: ExperimentInput): Promise<Experiment> {
    const experiment = await api().call('experiments.create', { input });
    await load();
    return experiment;
  }

  async function update(id: number, patch: ExperimentPatch): Promise<Experiment> {
    const experiment = await api().call('experiments.update', { id, patch });
    await load();
    return experiment;
  }

  async function remove(id: number): Promise<DeletedExperiment> {
    const deleted = await api().call('experiments.delete', { id });
    await load();
    return deleted;
  }

  /** Undo: the experiment with its id, its loader-step marks and the stacks and dumps that were attached to it. */
  async function restore(deleted: DeletedExperiment): Promise<Experiment> {
    const { id, createdAt, title, driverName, driverId, windowsBuild, windowsRevision, loadMethod, processContext } = deleted;
    const experiment = await api().call('experiments.restore', {
      id,
      createdAt,
      observations: deleted.observations,
      stackIds: deleted.stackIds,
      dumpIds: deleted.dumpIds,
      input: {
        title,
        driverName,
        driverId,
        windowsBuild,
        windowsRevision,
        loadMethod,
        processContext,
        outcome: deleted.outcome,
        ntstatus: deleted.ntstatus,
        bugcheckCode: deleted.bugcheckCode,
        bugcheckParams: deleted.bugcheckParams,
        notes: deleted.notes,
        tags: deleted.tags,
      },
    });
    await load();
    return experiment;
  }

  return { items, loaded, loading, search, outcome, sort, direction, filtered, load, sortBy, get, create, update, remove, restore };
});
