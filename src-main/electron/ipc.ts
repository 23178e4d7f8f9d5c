/**
 * The Electron transport: one invoke channel that forwards (method, input) to the same
 * dispatch the HTTP transport uses and answers with its envelope. Only the app's own page may
 * call; anything else gets FORBIDDEN without reaching a handler.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../transport/dispatch';
import type { Envelope } from '../../src-shared/api/errors';
import { IPC_CHANNEL } from './channel';
import { isTrustedSender } from './security';

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Kallet kom ikke fra Tilskuddsoversikts eget vindu.' },
};

/** Registers the channel; returns a function that removes it again. */
export function registerIpc(dispatch: Dispatch, appIndexUrl: string): () => void {
  ipcMain.handle(
    IPC_CHANNEL,
    async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
      // senderFrame is null when the frame has navigated away or been destroyed.
      if (!isTrustedSender(event.senderFrame?.url, appIndexUrl)) return FORBIDDEN;
      // A non-string method is answered by dispatch as an unknown method (NOT_FOUND).
      return dispatch(String(method), input);
    },
  );
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}
