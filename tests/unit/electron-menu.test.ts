import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../src-main/electron/menu';

function labels(items: MenuItemConstructorOptions[] | undefined): string[] {
  return (items ?? []).filter((i) => i.type !== 'separator').map((i) => i.label ?? '');
}

function submenu(template: MenuItemConstructorOptions[], label: string) {
  const menu = template.find((m) => m.label === label);
  return Array.isArray(menu?.submenu) ? (menu.submenu as MenuItemConstructorOptions[]) : [];
}

describe('buildMenuTemplate', () => {
  it('is Norwegian, with reload and developer tools only in development', () => {
    const onAbout = vi.fn();
    const template = buildMenuTemplate({ isDev: false, onAbout });
    expect(template.map((m) => m.label)).toEqual(['&Fil', '&Rediger', '&Vis', '&Hjelp']);
    expect(labels(submenu(template, '&Fil'))).toEqual(['Lukk', 'Avslutt']);
    expect(labels(submenu(template, '&Rediger'))).toEqual([
      'Angre',
      'Gjør om',
      'Klipp ut',
      'Kopier',
      'Lim inn',
      'Merk alt',
    ]);
    expect(labels(submenu(template, '&Vis'))).toEqual([
      'Zoom inn',
      'Zoom ut',
      'Faktisk størrelse',
      'Fullskjerm',
    ]);
    expect(
      labels(
        buildMenuTemplate({ isDev: true, onAbout }).find((m) => m.label === '&Vis')
          ?.submenu as MenuItemConstructorOptions[],
      ),
    ).toEqual([
      'Last inn på nytt',
      'Utviklerverktøy',
      'Zoom inn',
      'Zoom ut',
      'Faktisk størrelse',
      'Fullskjerm',
    ]);

    const about = submenu(template, '&Hjelp')[0];
    expect(about?.label).toBe('Om Tilskuddsoversikt');
    about?.click?.({} as never, undefined, {} as never);
    expect(onAbout).toHaveBeenCalledOnce();
  });
});
