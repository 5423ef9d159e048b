/** Ctrl/Cmd+S saves and Escape closes, in every editor form. */
export function editorKeys(save: () => void, close: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 's') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') close();
  };
}
