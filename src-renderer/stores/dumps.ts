import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DumpDetail, DumpImportResult, DumpSummary } from '../../src-main/contract';
import { api } from '../api';
import { latestOnly } from '../composables/useLatest';
import { fileToBase64, type PickedFile } from '../composables/useFileDrop';

/** What happened to one picked or dropped file. */
export type DumpImportOutcome = { name: string; result: DumpImportResult } | { name: string; error: unknown };

export const useDumps = defineStore('dumps', () => {
  const items = ref<DumpSummary[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const importing = ref<string | null>(null);
  const search = ref('');
  let subscribed = false;

  const latest = latestOnly();
  async function load(): Promise<void> {
    if (!subscribed) {
      subscribed = true;
      api().on('dumps.changed', () => void load());
    }
    loading.value = true;
    try {
      await latest(
        () => api().call('dumps.list', { search: search.value.trim() || undefined }),
        (list) => {
          items.value = list;
          loaded.value = true;
        },
      );
    } finally {
      loading.value = false;
    }
  }

  function get(id: number): Promise<DumpDetail> {
    return api().call('dumps.get', { id });
  }

  /**
   * Electron drops and picks carry a path, so core streams the file from disk (multi-gigabyte MEMORY.DMP included);
   * the browser under `serve` has only the bytes and uploads them. One file at a time, each with its own outcome.
   */
  async function importFiles(files: PickedFile[]): Promise<DumpImportOutcome[]> {
    const outcomes: DumpImportOutcome[] = [];
    try {
      for (const picked of files) {
        importing.value = picked.name;
        try {
          const result = picked.path
            ? await api().call('dumps.importPath', { path: picked.path })
            : picked.file
              ? await api().call('dumps.importUpload', {
                  upload: { name: picked.name, dataBase64: await fileToBase64(picked.file) },
                })
              : null;
          if (result) outcomes.push({ name: picked.name, result });
        } catch (error) {
          outcomes.push({ name: picked.name, error });
        }
      }
    } finally {
      importing.value = null;
    }
    await load();
    return outcomes;
  }

  async function importPath(path: string): Promise<DumpImportResult> {
    importing.value = path;
    try {
      const result = await api().call('dumps.importPath', { path });
      await load();
      return result;
    } finally {
      importing.value = null;
    }
  }

  async function attach(id: number, experimentId: number | null): Promise<DumpDetail> {
    const dump = await api().call('dumps.update', { id, experimentId });
    await load();
    return dump;
  }

  async function remove(id: number): Promise<DumpSummary> {
    const deleted = await api().call('dumps.delete', { id });
    await load();
    return deleted;
  }

  return { items, loaded, loading, importing, search, load, get, importFiles, importPath, attach, remove };
});
