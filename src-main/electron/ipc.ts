import type { BrowserWindow, IpcMain } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../contract';
import { toApiError, type Api } from '../core/api';

/** The contract over Electron IPC: one channel for calls (validated in core), one for pushed events. */
/** `ipcMain` is passed in so the contract test can register against a stand-in without the Electron binary. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, getApi: () => Api): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, request: unknown) => {
    // Only our own page may call: reject frames we did not load.
    if (event.senderFrame && event.senderFrame.parent !== null)
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Calls from sub-frames are refused.' } };
    try {
      return { ok: true, result: await getApi().dispatch(method, request) };
    } catch (error) {
      return { ok: false, error: toApiError(error, String(method)).toData() };
    }
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

export function forwardEvents(api: Api, getWindows: () => BrowserWindow[]): () => void {
  return api.events.subscribe((name, payload) => {
    for (const window of getWindows()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
}
