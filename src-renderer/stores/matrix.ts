import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LoaderPath, LoadMethod, OutcomeMatrix } from '../../src-main/contract';
import { api } from '../api';
import { latestOnly } from '../composables/useLatest';

export const useMatrix = defineStore('matrix', () => {
  const matrix = ref<OutcomeMatrix | null>(null);
  const paths = ref<LoaderPath[]>([]);
  const loadMethod = ref<LoadMethod | ''>('');
  let subscribed = false;
  const latest = latestOnly();

  async function load(): Promise<void> {
    if (!subscribed) {
      subscribed = true;
      api().on('experiments.changed', () => void load());
    }
    await latest(
      () => Promise.all([api().call('loader.paths', {}), api().call('matrix.get', { loadMethod: loadMethod.value || undefined })]),
      ([loadedPaths, loadedMatrix]) => {
        paths.value = loadedPaths;
        matrix.value = loadedMatrix;
      },
    );
  }

  return { matrix, paths, loadMethod, load };
});
