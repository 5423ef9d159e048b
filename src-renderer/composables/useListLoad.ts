import { ref, type Ref } from 'vue';
import { latestOnly } from './useLatest';

/** A store's list: loading flags and a reload that applies only the latest answer. */
export function useListLoad<T>(fetch: () => Promise<T[]>) {
  const items = ref<T[]>([]) as Ref<T[]>;
  const loaded = ref(false);
  const loading = ref(false);
  const latest = latestOnly();

  async function reload(): Promise<void> {
    loading.value = true;
    try {
      await latest(fetch, (list) => {
        items.value = list;
        loaded.value = true;
      });
    } finally {
      loading.value = false;
    }
  }

  return { items, loaded, loading, reload };
}

/** Clicking the sorted column flips its direction; another column starts ascending for names, descending otherwise. */
export function toggleSort<S>(sort: Ref<S>, direction: Ref<'asc' | 'desc'>, column: S, ascendingFirst: readonly S[]): void {
  if (sort.value === column) direction.value = direction.value === 'asc' ? 'desc' : 'asc';
  else {
    sort.value = column;
    direction.value = ascendingFirst.includes(column) ? 'asc' : 'desc';
  }
}
