import { onBeforeUnmount, onMounted } from 'vue';

/**
 * While an editor is on screen, Ctrl/Cmd+S saves and Escape closes it wherever the focus is (after a save the focus
 * may have left the form; the browser's own "Save page" must never win).
 */
export function useEditorKeys(save: () => void, close: () => void): void {
  const onKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape' && !event.defaultPrevented && !document.querySelector('dialog[open], [role="dialog"]')) {
      close();
    }
  };
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
