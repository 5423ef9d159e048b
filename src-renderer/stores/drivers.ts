import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Driver, DriverImportResult, DriverSummary, ImportFailure, JobProgress } from '../../src-main/contract';
import { api } from '../api';
import { toggleSort, useListLoad } from '../composables/useListLoad';
import { fileToBase64, newJobId, type PickedFile } from '../composables/useFileDrop';

export type DriverSort = 'name' | 'timestamp' | 'imports' | 'added' | 'machine' | 'size';

/** What the import panel shows while files are read, sent and analysed. */
export interface ImportProgress {
  total: number;
  done: number;
  failed: number;
  current: string | null;
  cancelling: boolean;
}

/**
 * Uploads go in requests of at most this many files and bytes, so progress moves and Cancel can stop between them.
 * The byte cap also bounds the page's stall per request: fetch() copies a string body on the main thread (about
 * 190 ms for 20 MB in Chromium), so 8 MB keeps each pause short enough for the progress bar to keep moving.
 */
export const UPLOAD_BATCH_FILES = 20;
export const UPLOAD_BATCH_BYTES = 8 * 1024 * 1024;
/** The HTTP server refuses bodies over 512 MB; base64 grows a file by a third. */
const MAX_UPLOAD_BYTES = 360 * 1024 * 1024;
/** drivers.importPaths takes at most 1000 paths per call. */
const PATH_BATCH = 1000;

function emptyResult(): DriverImportResult {
  return { imported: [], duplicates: [], failed: [], skipped: 0, cancelled: false };
}

function merge(into: DriverImportResult, part: DriverImportResult): void {
  into.imported.push(...part.imported);
  into.duplicates.push(...part.duplicates);
  into.failed.push(...part.failed);
  into.skipped += part.skipped;
  into.cancelled ||= part.cancelled;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function startsWithMz(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x4d && head[1] === 0x5a;
}

/**
 * Electron gives every file of a picked folder with its absolute path; core walks the folder itself when given its
 * root, skipping non-PE files the way a dropped folder is handled. `drivers/acpi.sys` at `/x/drivers/acpi.sys` -> `/x/drivers`.
 */
function folderRoot(picked: PickedFile): string | null {
  if (!picked.path || !picked.name.includes('/')) return null;
  const top = picked.name.split('/')[0];
  const normalized = picked.path.replace(/\\/g, '/');
  const at = normalized.lastIndexOf(`/${picked.name}`);
  return at >= 0 ? picked.path.slice(0, at + 1 + top.length) : null;
}

export const useDrivers = defineStore('drivers', () => {
  const search = ref('');
  const sessionOnly = ref(false);
  const sort = ref<DriverSort>('name');
  const direction = ref<'asc' | 'desc'>('asc');
  const sessionImages = ref<string[]>([]);
  /** The row the keyboard is on, kept while a driver page is open so Esc comes back to it. */
  const selectedId = ref<number | null>(null);
  const progress = ref<ImportProgress | null>(null);
  const lastImport = ref<DriverImportResult | null>(null);
  /** Bumped with the ids of every `drivers.changed`, so an open driver page can reload itself. */
  const changed = ref<{ ids: number[]; serial: number }>({ ids: [], serial: 0 });
  let subscribed = false;
  let activeJob: string | null = null;
  /** Files of earlier batches already counted in `progress.done` (browser uploads go in several calls). */
  let doneBefore = 0;
  let failedBefore = 0;
  /** Files still waiting for a later call, so the bar's total stays right while a folder's size is only known to core. */
  let pendingAfter = 0;
  let jobTotal: number | null = null;
  let cancelRequested = false;

  const filtered = computed(() => search.value.trim() !== '' || sessionOnly.value);
  const importing = computed(() => progress.value !== null);

  function subscribe(): void {
    if (subscribed) return;
    subscribed = true;
    api().on('drivers.changed', (payload) => {
      changed.value = { ids: payload.ids, serial: changed.value.serial + 1 };
      void load();
    });
    api().on('jobs.progress', onProgress);
  }

  function onProgress(event: JobProgress): void {
    if (!progress.value || event.jobId !== activeJob) return;
    jobTotal = event.total;
    progress.value = {
      ...progress.value,
      total: Math.max(progress.value.total, doneBefore + event.total + pendingAfter),
      done: Math.max(progress.value.done, doneBefore + event.done),
      failed: failedBefore + event.failed,
      current: event.current ?? progress.value.current,
    };
  }

  const { items, loaded, loading, reload } = useListLoad(() =>
    api().call('drivers.list', {
      search: search.value.trim() || undefined,
      sessionOnly: sessionOnly.value || undefined,
      sort: sort.value,
      direction: direction.value,
    }),
  );

  async function load(): Promise<void> {
    subscribe();
    await reload();
  }

  function sortBy(column: DriverSort): void {
    toggleSort(sort, direction, column, ['name', 'machine']);
    void load();
  }

  function get(id: number): Promise<Driver> {
    return api().call('drivers.get', { id });
  }

  /** Runs one import call under its own job id, so Cancel reaches the call that is running now. */
  async function runJob(
    files: number,
    waiting: number,
    call: (jobId: string) => Promise<DriverImportResult>,
    result: DriverImportResult,
  ): Promise<void> {
    const jobId = newJobId();
    activeJob = jobId;
    jobTotal = null;
    pendingAfter = waiting;
    try {
      const part = await call(jobId);
      merge(result, part);
    } finally {
      activeJob = null;
    }
    doneBefore += jobTotal ?? files;
    failedBefore = result.failed.length;
    if (progress.value)
      progress.value = { ...progress.value, done: Math.max(progress.value.done, doneBefore), failed: failedBefore };
  }

  async function importPathList(paths: string[], result: DriverImportResult): Promise<void> {
    for (let start = 0; start < paths.length; start += PATH_BATCH) {
      if (cancelRequested) {
        result.cancelled = true;
        return;
      }
      const chunk = paths.slice(start, start + PATH_BATCH);
      // A folder expands to an unknown number of files: core's progress events carry the real total.
      await runJob(
        chunk.length,
        Math.max(0, paths.length - start - PATH_BATCH),
        (jobId) => api().call('drivers.importPaths', { paths: chunk, jobId }),
        result,
      );
    }
  }

  /**
   * The browser has only the bytes: files go as base64 in batches of ~20 (progress across batches is counted here,
   * within a batch it comes from `jobs.progress`). Inside picked or dropped folders, non-PE files are skipped the way
   * core skips them when it walks a folder; a single file that is not PE is sent anyway and reported with its reason.
   */
  async function importUploadList(files: { name: string; file: File }[], result: DriverImportResult): Promise<void> {
    const wanted: { name: string; file: File }[] = [];
    let tooLarge = 0;
    for (const picked of files) {
      if (picked.name.includes('/') && !(await startsWithMz(picked.file).catch(() => false))) result.skipped++;
      else if (picked.file.size > MAX_UPLOAD_BYTES) {
        result.failed.push({
          file: picked.name,
          reason: 'is too large to upload from the browser; import it with `driverlab import PATH`',
        });
        tooLarge++;
      } else wanted.push(picked);
    }
    doneBefore += tooLarge;
    failedBefore = result.failed.length;
    if (progress.value)
      progress.value = { ...progress.value, total: doneBefore + wanted.length, done: doneBefore, failed: failedBefore };
    let index = 0;
    while (index < wanted.length && !cancelRequested) {
      const batch: { name: string; dataBase64: string }[] = [];
      const readFailures: ImportFailure[] = [];
      let bytes = 0;
      while (
        index < wanted.length &&
        batch.length < UPLOAD_BATCH_FILES &&
        (batch.length === 0 || bytes + wanted[index].file.size <= UPLOAD_BATCH_BYTES)
      ) {
        const { name, file } = wanted[index++];
        if (progress.value) progress.value = { ...progress.value, current: name };
        try {
          batch.push({ name, dataBase64: await fileToBase64(file) });
          bytes += file.size;
        } catch (error) {
          readFailures.push({ file: name, reason: `cannot be read (${reasonOf(error)})` });
        }
      }
      result.failed.push(...readFailures);
      doneBefore += readFailures.length;
      if (cancelRequested) {
        result.cancelled = true;
        break;
      }
      if (batch.length)
        await runJob(
          batch.length,
          wanted.length - index,
          (jobId) => api().call('drivers.importUploads', { files: batch, jobId }),
          result,
        );
    }
    if (index < wanted.length) result.cancelled = true;
  }

  /**
   * Imports dropped or picked files: by path inside Electron (core reads them, folders included, on worker threads),
   * as uploads in the browser. One import at a time; its summary stays in `lastImport` until dismissed.
   */
  async function importFiles(files: PickedFile[]): Promise<DriverImportResult> {
    if (progress.value) throw new Error('An import is already running; wait for it or cancel it.');
    subscribe();
    const result = emptyResult();
    cancelRequested = false;
    doneBefore = 0;
    failedBefore = 0;
    const paths: string[] = [];
    const uploads: { name: string; file: File }[] = [];
    for (const picked of files) {
      const root = folderRoot(picked);
      if (root) {
        if (!paths.includes(root)) paths.push(root);
      } else if (picked.path) paths.push(picked.path);
      else if (picked.file) uploads.push({ name: picked.name, file: picked.file });
    }
    progress.value = { total: paths.length + uploads.length, done: 0, failed: 0, current: null, cancelling: false };
    lastImport.value = null;
    try {
      if (paths.length) await importPathList(paths, result);
      // Cancelled is reported only when something was really left out, not when Cancel came after the last file.
      if (uploads.length && cancelRequested) result.cancelled = true;
      else if (uploads.length) await importUploadList(uploads, result);
    } catch (error) {
      result.failed.push({ file: files.length === 1 ? files[0].name : `${files.length} files`, reason: reasonOf(error) });
    } finally {
      progress.value = null;
      activeJob = null;
    }
    lastImport.value = result;
    await load().catch(() => undefined);
    return result;
  }

  /** Stops sending further batches and asks core to stop the running one after the file it is on. */
  async function cancelImport(): Promise<void> {
    if (!progress.value) return;
    cancelRequested = true;
    progress.value = { ...progress.value, cancelling: true };
    if (activeJob) await api().call('jobs.cancel', { jobId: activeJob });
  }

  function dismissImport(): void {
    lastImport.value = null;
  }

  async function remove(id: number): Promise<DriverSummary> {
    const deleted = await api().call('drivers.delete', { id });
    await load();
    return deleted;
  }

  async function reanalyze(id?: number): Promise<{ reanalyzed: number; failed: ImportFailure[] }> {
    const outcome = await api().call('drivers.reanalyze', { id });
    await load();
    return outcome;
  }

  async function loadSessionImages(): Promise<string[]> {
    sessionImages.value = await api().call('settings.sessionImages', {});
    return sessionImages.value;
  }

  async function saveSessionImages(names: string[]): Promise<string[]> {
    sessionImages.value = await api().call('settings.setSessionImages', { names });
    await load();
    return sessionImages.value;
  }

  return {
    items,
    loaded,
    loading,
    search,
    sessionOnly,
    sort,
    direction,
    sessionImages,
    selectedId,
    progress,
    lastImport,
    changed,
    filtered,
    importing,
    load,
    sortBy,
    get,
    importFiles,
    cancelImport,
    dismissImport,
    remove,
    reanalyze,
    loadSessionImages,
    saveSessionImages,
  };
});
