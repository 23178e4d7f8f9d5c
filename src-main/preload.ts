/**
 * The renderer's only door to the main process: `window.tilskudd.call(method, input)`. No
 * ipcRenderer, no Node, nothing else is exposed (contextIsolation + sandbox).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL } from './electron/channel';

contextBridge.exposeInMainWorld('tilskudd', {
  call: (method: string, input: unknown): Promise<unknown> =>
    ipcRenderer.invoke(IPC_CHANNEL, method, input),
});
