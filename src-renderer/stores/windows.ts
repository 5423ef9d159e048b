import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { WindowsVersion } from '../../src-main/contract';
import { api } from '../api';
import { latestOnly } from '../composables/useLatest';

export const useWindowsVersions = defineStore('windows', () => {
  const items = ref<WindowsVersion[]>([]);
  const loaded = ref(false);
  let subscribed = false;
  const latest = latestOnly();

  async function load(): Promise<void> {
    if (!subscribed) {
      subscribed = true;
      api().on('windows.changed', () => void load());
      api().on('experiments.changed', () => void load());
    }
    await latest(
      () => api().call('windows.list', {}),
      (list) => {
        items.value = list;
        loaded.value = true;
      },
    );
  }

  async function upsert(version: { build: number; name: string; release?: string | null; notes?: string }): Promise<void> {
    await api().call('windows.upsert', version);
    await load();
  }

  function label(build: number | null): string {
    if (build === null) return '';
    const known = items.value.find((item) => item.build === build);
    return known ? `${known.name} (${build})` : `Build ${build}`;
  }

  return { items, loaded, load, upsert, label };
});
