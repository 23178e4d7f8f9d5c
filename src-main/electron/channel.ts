/**
 * The one IPC channel between the preload bridge and the main process. Its own module so the
 * sandboxed preload bundle pulls in nothing else from the main side.
 */
export const IPC_CHANNEL = 'tilskudd:call';
