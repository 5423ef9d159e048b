import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '../../src-main/contract';
import { api } from '../api';

export const useAppInfo = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);

  async function load(): Promise<void> {
    info.value = await api().call('app.info', {});
  }

  async function seedDemo(): Promise<void> {
    await api().call('notebook.seedDemo', {});
    await load();
  }

  return { info, load, seedDemo };
});
