/**
 * Migration 0009 (issue 10.4) on a data file made before it: splits that are exactly the old
 * automatic even split become unconfirmed suggestions, splits the user typed stay
 * confirmed, and a split touching a closed year stays as it was (closing accepted it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/platform/database';
import { MIGRATIONS_DIR } from '../helpers/paths';
import { tempDir, type TempDir } from '../helpers/temp';

interface Journal {
  entries: { tag: string }[];
}
const journal = JSON.parse(
  fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
) as Journal;
const BEFORE = journal.entries.findIndex((e) => e.tag.includes('split_confirmation'));

function migrationsBefore(root: string): string {
  const dir = path.join(root, 'migrations-before');
  fs.mkdirSync(path.join(dir, 'meta'), { recursive: true });
  const kept = journal.entries.slice(0, BEFORE);
  for (const e of kept) {
    fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  }
  fs.writeFileSync(
    path.join(dir, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: kept }, null, 2),
  );
  return dir;
}

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('migration: split confirmation', () => {
  it('marks the old automatic 50/50 splits unconfirmed and keeps typed or closed ones', () => {
    expect(BEFORE).toBeGreaterThan(0);
    const file = path.join(tmp.dir, 'data.sqlite');
    const old = openDatabase(file, migrationsBefore(tmp.dir));
    const s = old.sqlite;
    s.exec(`
      insert into organisations (id, name, name_key, created_at_ms, updated_at_ms)
        values (1, 'Gjensidigestiftelsen', 'gjensidigestiftelsen', 0, 0);
      insert into funders (organisation_id, funder_type) values (1, 'stiftelse');
      insert into projects (id, name, name_key, kind, kss_role, status, recurring, created_at_ms, updated_at_ms)
        values (1, 'Juleaksjonen', 'juleaksjonen', 'prosjekt', 'forvalter', 'aktiv', 1, 0, 0);
      insert into grants (id, project_id, funder_id, title, status, awarded_ore, decision_date, admin_rule, created_at_ms, updated_at_ms) values
        (1, 1, 1, 'Juleaksjonen 2024', 'innvilget', 183263900, '2024-10-10', 'none', 0, 0),
        (2, 1, 1, 'Typet fordeling', 'innvilget', 100000000, '2024-01-10', 'none', 0, 0),
        (3, 1, 1, 'Ett år', 'innvilget', 50000000, '2024-01-10', 'none', 0, 0),
        (4, 1, 1, 'Odde øre', 'innvilget', 101, '2024-01-10', 'none', 0, 0),
        (5, 1, 1, 'Juleaksjonen 2022', 'innvilget', 200, '2022-10-10', 'none', 0, 0);
      insert into grant_year_splits (grant_id, year, amount_ore) values
        (1, 2024, 91631950), (1, 2025, 91631950),
        (2, 2024, 70000000), (2, 2025, 30000000),
        (3, 2024, 50000000),
        (4, 2024, 51), (4, 2025, 50),
        (5, 2022, 100), (5, 2023, 100);
      insert into fiscal_year_events (year, action, at_ms, actor) values (2022, 'close', 1, 'x');
      insert into fiscal_years (year, status, closed_at_ms, closed_by, updated_at_ms)
        values (2022, 'closed', 1, 'x', 1);
    `);
    old.close();

    const upgraded = openDatabase(file, MIGRATIONS_DIR);
    try {
      const rows = upgraded.sqlite
        .prepare('select grant_id as g, year, confirmed from grant_year_splits order by 1, 2')
        .all();
      expect(rows).toEqual([
        { g: 1, year: 2024, confirmed: 0 },
        { g: 1, year: 2025, confirmed: 0 },
        { g: 2, year: 2024, confirmed: 1 },
        { g: 2, year: 2025, confirmed: 1 },
        { g: 3, year: 2024, confirmed: 1 },
        { g: 4, year: 2024, confirmed: 0 },
        { g: 4, year: 2025, confirmed: 0 },
        { g: 5, year: 2022, confirmed: 1 },
        { g: 5, year: 2023, confirmed: 1 },
      ]);
    } finally {
      upgraded.close();
    }
  });
});
