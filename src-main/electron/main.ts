import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openCore, type Core } from '../core/api';
import { defaultNotebookPath, NOTEBOOK_EXTENSION } from '../core/paths';
import { forwardEvents, registerIpc } from './ipc';
import { buildMenu } from './menu';
import { readRecent, rememberRecent } from './recent';
import { createMainWindow, hardenSession } from './window';

app.setName('DriverLab');
// Refuse to run a second copy on the same data: two writers on one notebook would fight over it.
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.exit(0);

let core: Core | null = null;
let stopEvents = () => {};

function argNotebook(): string | null {
  const index = process.argv.indexOf('--notebook');
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : null;
}

/**
 * Opens a notebook and makes it the current one. A notebook chosen from the recent list or the command line must still
 * exist: opening it must never quietly create an empty one in its place.
 */
async function openNotebookAt(given: string, options: { mustExist?: boolean } = {}): Promise<boolean> {
  const path = resolve(given);
  if (options.mustExist && !existsSync(path)) {
    dialog.showErrorBox('Cannot open notebook', `${path} no longer exists. It may have been moved or deleted.`);
    return false;
  }
  const isNewDefault = path === defaultNotebookPath() && !existsSync(path);
  let next: Core;
  try {
    next = openCore(path);
  } catch (error) {
    dialog.showErrorBox('Cannot open notebook', error instanceof Error ? error.message : String(error));
    return false;
  }
  if (isNewDefault) await next.api.call('notebook.seedDemo', {});
  stopEvents();
  core?.close();
  core = next;
  stopEvents = forwardEvents(core.api, () => BrowserWindow.getAllWindows());
  const recent = rememberRecent(path);
  refreshMenu(recent);
  for (const window of BrowserWindow.getAllWindows()) {
    window.setTitle(`DriverLab — ${path}`);
    window.webContents.reload();
  }
  return true;
}

function refreshMenu(recent = readRecent()): void {
  Menu.setApplicationMenu(
    buildMenu({
      recent,
      current: core?.notebookPath ?? '',
      newNotebook: () => {
        const target = dialog.showSaveDialogSync({
          title: 'New DriverLab notebook',
          defaultPath: `notebook${NOTEBOOK_EXTENSION}`,
          filters: [{ name: 'DriverLab notebook', extensions: [NOTEBOOK_EXTENSION.slice(1)] }],
        });
        if (target) void openNotebookAt(target);
      },
      openNotebook: () => {
        const [target] =
          dialog.showOpenDialogSync({
            title: 'Open DriverLab notebook',
            properties: ['openFile'],
            filters: [{ name: 'DriverLab notebook', extensions: [NOTEBOOK_EXTENSION.slice(1)] }],
          }) ?? [];
        if (target) void openNotebookAt(target, { mustExist: true });
      },
      openRecent: (path) => void openNotebookAt(path, { mustExist: true }),
    }),
  );
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(async () => {
  if (!firstInstance) return;
  hardenSession();
  // --notebook PATH may name a new notebook; the last one used must still be there.
  const requested = argNotebook();
  const lastUsed = readRecent()[0];
  const opened = requested
    ? await openNotebookAt(requested)
    : lastUsed && existsSync(lastUsed)
      ? await openNotebookAt(lastUsed)
      : await openNotebookAt(defaultNotebookPath());
  if (!opened && !(await openNotebookAt(defaultNotebookPath()))) return app.quit();
  registerIpc(ipcMain, () => {
      if (!core) throw new Error('No notebook is open');
    return core.api;
  });
  const window = createMainWindow(`DriverLab — ${core?.notebookPath ?? ''}`);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(`DriverLab — ${core?.notebookPath ?? ''}`);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  stopEvents();
  core?.close();
});
