import { nextTick, type Ref } from 'vue';

export interface ListKeysOptions<T extends { id: number }> {
  items: () => readonly T[];
  selectedId: () => number | null;
  /** The <tbody> whose rows carry `data-id`. */
  body: Ref<HTMLElement | null>;
  select: (id: number) => void;
  remove?: (id: number) => void;
}

/** File-list keys for a table of records: ↑/↓/Home/End move the selection and focus, Delete removes. */
export function useListKeys<T extends { id: number }>(options: ListKeysOptions<T>) {
  async function focusRow(id: number): Promise<void> {
    await nextTick();
    options.body.value?.querySelector<HTMLElement>(`[data-id="${id}"]`)?.focus();
  }

  async function onKey(event: KeyboardEvent): Promise<void> {
    const items = options.items();
    if (!items.length) return;
    const index = items.findIndex((item) => item.id === options.selectedId());
    let next: T | undefined;
    if (event.key === 'ArrowDown') next = items[Math.min(items.length - 1, index + 1)];
    else if (event.key === 'ArrowUp') next = items[Math.max(0, index - 1)];
    else if (event.key === 'Home') next = items[0];
    else if (event.key === 'End') next = items[items.length - 1];
    else if (event.key === 'Delete' && options.remove) {
      const selected = options.selectedId();
      if (selected !== null) options.remove(selected);
    }
    if (next) {
      event.preventDefault();
      options.select(next.id);
      await focusRow(next.id);
    }
  }

  return { onKey, focusRow };
}
