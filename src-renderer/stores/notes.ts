import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Note } from '../../src-main/contract';
import { api } from '../api';
import { latestOnly } from '../composables/useLatest';

export const useNotes = defineStore('notes', () => {
  const items = ref<Note[]>([]);
  const loaded = ref(false);
  const search = ref('');
  let subscribed = false;
  const latest = latestOnly();

  async function load(): Promise<void> {
    if (!subscribed) {
      subscribed = true;
      api().on('notes.changed', () => void load());
    }
    await latest(
      () => api().call('notes.list', { search: search.value.trim() || undefined }),
      (list) => {
        items.value = list;
        loaded.value = true;
      },
    );
  }

  async function save(note: { id: number | null; title: string; body: string; tags: string[] }): Promise<Note> {
    const saved =
      note.id === null
        ? await api().call('notes.create', { title: note.title, body: note.body, tags: note.tags })
        : await api().call('notes.update', { id: note.id, title: note.title, body: note.body, tags: note.tags });
    await load();
    return saved;
  }

  async function remove(id: number): Promise<Note> {
    const deleted = await api().call('notes.delete', { id });
    await load();
    return deleted;
  }

  async function restore(note: Note): Promise<Note> {
    return save({ id: null, title: note.title, body: note.body, tags: note.tags });
  }

  return { items, loaded, search, load, save, remove, restore };
});
