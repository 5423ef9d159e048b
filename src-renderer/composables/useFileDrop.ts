import { onBeforeUnmount, onMounted, ref } from 'vue';

/** A dropped or picked file, as the active transport can send it. */
export interface PickedFile {
  name: string;
  /** Absolute path on disk, inside Electron only: core reads the file itself (folders and huge dumps included). */
  path: string | null;
  /** The browser's File, for uploads under `driverlab serve`. */
  file: File | null;
}

const MAX_FOLDER_FILES = 20_000;

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

/** Walks a dropped folder in the browser (no paths there), so a copy of System32\drivers can be dropped whole. */
async function filesOfEntry(entry: FileSystemEntry, out: { file: File; name: string }[]): Promise<void> {
  if (out.length >= MAX_FOLDER_FILES) return;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    // fullPath ("/drivers/en-US/x.sys") keeps the folder, so files found inside folders are told apart from picked ones.
    out.push({ file, name: entry.fullPath.replace(/^\//, '') || file.name });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await readEntries(reader);
      if (batch.length === 0) break;
      for (const child of batch) await filesOfEntry(child, out);
    }
  }
}

export async function filesFromDataTransfer(transfer: DataTransfer): Promise<PickedFile[]> {
  const bridge = window.driverlab;
  if (bridge) {
    return [...transfer.files].map((file) => ({ name: file.name, path: bridge.pathForFile(file) || null, file }));
  }
  const files: { file: File; name: string }[] = [];
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (entries.length) for (const entry of entries) await filesOfEntry(entry, files);
  else files.push(...[...transfer.files].map((file) => ({ file, name: file.name })));
  return files.map(({ file, name }) => ({ name, path: null, file }));
}

export function filesFromInput(list: FileList | null): PickedFile[] {
  const bridge = window.driverlab;
  return [...(list ?? [])].map((file) => ({
    name: file.webkitRelativePath || file.name,
    path: bridge ? bridge.pathForFile(file) || null : null,
    file,
  }));
}

/**
 * Base64 of a browser File (no `data:` prefix), for `uploadSchema.dataBase64`. FileReader encodes natively and answers
 * in its own task, so the page repaints (import progress included) between files; building a binary string with
 * String.fromCharCode on the main thread froze the page for seconds on a folder of drivers.
 */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const marker = url.indexOf(';base64,');
      // An empty file reads as a bare `data:` in Chromium.
      resolve(marker >= 0 ? url.slice(marker + ';base64,'.length) : '');
    };
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} cannot be read`));
    reader.onabort = () => reject(new Error(`reading ${file.name} was aborted`));
    reader.readAsDataURL(file);
  });
}

/** Window-wide drag and drop: `dragging` drives the overlay, `onFiles` receives what was dropped. */
export function useFileDrop(onFiles: (files: PickedFile[]) => void | Promise<void>) {
  const dragging = ref(false);
  let depth = 0;
  const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  const enter = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth++;
    dragging.value = true;
  };
  const over = (event: DragEvent) => {
    if (hasFiles(event)) event.preventDefault();
  };
  const leave = () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) dragging.value = false;
  };
  const drop = async (event: DragEvent) => {
    if (!hasFiles(event) || !event.dataTransfer) return;
    event.preventDefault();
    depth = 0;
    dragging.value = false;
    await onFiles(await filesFromDataTransfer(event.dataTransfer));
  };
  onMounted(() => {
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('dragenter', enter);
    window.removeEventListener('dragover', over);
    window.removeEventListener('dragleave', leave);
    window.removeEventListener('drop', drop);
  });
  return { dragging };
}

export function newJobId(): string {
  return `job-${crypto.randomUUID()}`;
}
