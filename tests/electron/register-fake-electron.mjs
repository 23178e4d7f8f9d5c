// `node --import` this file to run the built main process under plain Node with
// fake-electron.mjs standing in for the 'electron' module (the binary is not available here).
import { register } from 'node:module';

register('./fake-electron-hooks.mjs', import.meta.url);
