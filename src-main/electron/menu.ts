/**
 * The Norwegian application menu as data. Only the type comes from 'electron', so the
 * template is unit-tested; src-main/index.ts turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  /** Development build: adds reload and developer tools, which users should not stumble on. */
  isDev: boolean;
  /** Shows the "Om Tilskuddsoversikt" box (the caller owns dialogs). */
  onAbout: () => void;
}

/** '&' marks the Alt-key mnemonic on Windows and Linux. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const devItems: MenuItemConstructorOptions[] = options.isDev
    ? [
        { label: 'Last inn på nytt', role: 'reload' },
        { label: 'Utviklerverktøy', role: 'toggleDevTools' },
        { type: 'separator' },
      ]
    : [];
  return [
    {
      label: '&Fil',
      submenu: [
        { label: 'Lukk', role: 'close' },
        { type: 'separator' },
        { label: 'Avslutt', role: 'quit' },
      ],
    },
    {
      label: '&Rediger',
      submenu: [
        { label: 'Angre', role: 'undo' },
        { label: 'Gjør om', role: 'redo' },
        { type: 'separator' },
        { label: 'Klipp ut', role: 'cut' },
        { label: 'Kopier', role: 'copy' },
        { label: 'Lim inn', role: 'paste' },
        { type: 'separator' },
        { label: 'Merk alt', role: 'selectAll' },
      ],
    },
    {
      label: '&Vis',
      submenu: [
        ...devItems,
        { label: 'Zoom inn', role: 'zoomIn' },
        { label: 'Zoom ut', role: 'zoomOut' },
        { label: 'Faktisk størrelse', role: 'resetZoom' },
        { type: 'separator' },
        { label: 'Fullskjerm', role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Hjelp',
      submenu: [{ label: 'Om Tilskuddsoversikt', click: () => options.onAbout() }],
    },
  ];
}
