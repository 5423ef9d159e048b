import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { EVENT_NAMES, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, METHOD_NAMES, type PreloadBridge } from '../contract';

const methods = new Set<string>(METHOD_NAMES);
const events = new Set<string>(EVENT_NAMES);

/** The only thing the page gets: contract calls and contract events. No ipcRenderer, no Node. */
const bridge: PreloadBridge = {
  invoke(method, request) {
    if (!methods.has(method)) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `DriverLab has no method called ${method}.` } });
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, request);
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`DriverLab has no event called ${event}`);
    const handler = (_: Electron.IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('driverlab', bridge);
