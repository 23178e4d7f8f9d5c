/**
 * Year-end exports on data the size of KSS's 2024 figures: 25 member centres, 20 grants
 * (8 of them passed on to centres in allocation rounds of 20 awards each) and 2 000 movements
 * in 2024, each with its change-log row (raw SQL). Run with
 * `npx vitest bench --run tests/bench/yearend.bench.ts`; the file sizes are printed once.
 */
import { afterAll, bench, describe } from 'vitest';
import type Database from 'better-sqlite3';
import { createServices } from '../../src-main/services';
import { freshDb } from '../helpers/db';

function fill(sqlite: Database.Database): void {
  const now = new Date(2024, 5, 15, 12).getTime();
  sqlite.transaction(() => {
    const org = sqlite.prepare(
      `insert into organisations (name, name_key, org_number, created_at_ms, updated_at_ms)
       values (?, ?, ?, ?, ?)`,
    );
    const centre = sqlite.prepare(
      `insert into member_centres (organisation_id, driftsform, region, contact_email)
       values (?, ?, ?, ?)`,
    );
    const membership = sqlite.prepare(
      `insert into memberships (centre_id, joined_date, created_at_ms) values (?, '2010-01-01', ?)`,
    );
    const drift = ['kommunalt', 'iks', 'stiftelse', 'ideell'];
    const regions = ['sor-ost', 'nord', 'midt-vest'];
    const centres: number[] = [];
    for (let i = 1; i <= 25; i++) {
      const name = `Krisesenter nr. ${i}`;
      const id = Number(org.run(name, name.toLowerCase(), null, now, now).lastInsertRowid);
      centre.run(id, drift[i % 4], regions[i % 3], `post${i}@krisesenter.no`);
      membership.run(id, now);
      centres.push(id);
    }
    const funderIds: number[] = [];
    for (const [name, type] of [
      ['Gjensidigestiftelsen', 'stiftelse'],
      ['Bufdir', 'direktorat'],
      ['Sekretariatet for konfliktrådene', 'direktorat'],
      ['Justis- og beredskapsdepartementet', 'departement'],
    ] as const) {
      const id = Number(org.run(name, name.toLowerCase(), null, now, now).lastInsertRowid);
      sqlite
        .prepare('insert into funders (organisation_id, funder_type) values (?, ?)')
        .run(id, type);
      funderIds.push(id);
    }
    const project = sqlite.prepare(
      `insert into projects (name, name_key, kind, kss_role, project_number, status, recurring,
                             created_at_ms, updated_at_ms)
       values (?, ?, 'prosjekt', ?, ?, 'aktiv', 1, ?, ?)`,
    );
    const grant = sqlite.prepare(
      `insert into grants (project_id, funder_id, title, status, awarded_ore, decision_date,
                           edition_year, admin_rule, admin_basis_points, created_at_ms, updated_at_ms)
       values (?, ?, ?, 'innvilget', ?, '2024-01-05', 2024, 'percent', 500, ?, ?)`,
    );
    const split = sqlite.prepare(
      `insert into grant_year_splits (grant_id, year, amount_ore) values (?, 2024, ?)`,
    );
    const round = sqlite.prepare(
      `insert into allocation_rounds (grant_id, name, created_at_ms, updated_at_ms) values (?, ?, ?, ?)`,
    );
    const allocation = sqlite.prepare(
      `insert into allocations (round_id, centre_id, applied_ore, awarded_ore, decision_date,
                                report_due_date, report_status, created_at_ms, updated_at_ms)
       values (?, ?, 5000000, 5000000, '2024-03-01', '2025-04-30', 'venter', ?, ?)`,
    );
    const movement = sqlite.prepare(
      `insert into movements (grant_id, date, type, amount_ore, voucher_ref, note, centre_id,
                              allocation_id, created_at_ms, actor)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'administrasjonsleder')`,
    );
    const audit = sqlite.prepare(
      `insert into audit_log (at_ms, actor, entity, entity_id, action, after_json)
       values (?, 'administrasjonsleder', 'movement', ?, 'create', ?)`,
    );
    let voucher = 1000;
    const move = (
      grantId: number,
      date: string,
      type: string,
      amount: number,
      centreId: number | null = null,
      allocationId: number | null = null,
    ) => {
      voucher += 1;
      const id = Number(
        movement.run(
          grantId,
          date,
          type,
          amount,
          `B-2024-${voucher}`,
          `Bilag ${voucher}`,
          centreId,
          allocationId,
          now,
        ).lastInsertRowid,
      );
      audit.run(now, id, JSON.stringify({ id, grantId, date, type, amount }));
    };
    for (let g = 0; g < 20; g++) {
      const forvalter = g < 8;
      const p = Number(
        project.run(
          `Prosjekt ${g + 1}`,
          `prosjekt ${g + 1}`,
          forvalter ? 'forvalter' : 'eier',
          `P-${100 + g}`,
          now,
          now,
        ).lastInsertRowid,
      );
      const awarded = 200_000_000;
      const grantId = Number(
        grant.run(p, funderIds[g % 4], `Tilskudd ${g + 1} 2024`, awarded, now, now).lastInsertRowid,
      );
      split.run(grantId, awarded);
      move(grantId, '2024-01-10', 'received', awarded);
      move(grantId, '2024-01-20', 'admin_share', 10_000_000);
      let count = 2;
      if (forvalter) {
        const r = Number(round.run(grantId, `Runde ${g + 1}`, now, now).lastInsertRowid);
        for (let a = 0; a < 20; a++) {
          const centreId = centres[a] as number;
          const id = Number(allocation.run(r, centreId, now, now).lastInsertRowid);
          move(
            grantId,
            `2024-03-${String((a % 28) + 1).padStart(2, '0')}`,
            'paid_to_centre',
            5_000_000,
            centreId,
            id,
          );
          count += 1;
          if (a % 5 === 0) {
            move(grantId, '2024-11-15', 'returned_by_centre', 12_345, centreId, id);
            count += 1;
          }
        }
      }
      for (let i = count; i < 100; i++) {
        const month = String((i % 12) + 1).padStart(2, '0');
        const day = String((i % 28) + 1).padStart(2, '0');
        move(grantId, `2024-${month}-${day}`, 'own_costs', 100_000 + i);
      }
    }
  })();
}

const t = freshDb({ today: '2025-01-20' });
fill(t.sqlite);
const services = createServices(t.ctx);
const counts = t.sqlite
  .prepare(
    `select (select count(*) from movements) as movements, (select count(*) from grants) as grants,
            (select count(*) from allocations) as allocations`,
  )
  .get();
const started = performance.now();
const workbook = await services.yearExports.yearWorkbook({ year: 2024 });
const workbookMs = performance.now() - started;
const csv = services.yearExports.accountingCsv({ year: 2024 });
console.log(
  `2024-size data ${JSON.stringify(counts)}: ${workbook.fileName} ${Math.round(
    Buffer.from(workbook.contentBase64, 'base64').length / 1024,
  )} KiB (first build ${Math.round(workbookMs)} ms), ${csv.fileName} ${Math.round(
    Buffer.from(csv.contentBase64, 'base64').length / 1024,
  )} KiB`,
);

afterAll(() => t.cleanup());

describe('year-end exports on 2024-size data (25 centres, 20 grants, 2 000 movements)', () => {
  bench(
    'exports.yearWorkbook: load the year, five sheets, checks, xlsx + base64',
    async () => {
      await services.yearExports.yearWorkbook({ year: 2024 });
    },
    { iterations: 10, time: 0, warmupIterations: 1 },
  );

  bench(
    'yearEnd.exportAccountingCsv',
    () => {
      services.yearExports.accountingCsv({ year: 2024 });
    },
    { iterations: 20, time: 0, warmupIterations: 2 },
  );

  bench(
    'yearEnd.overview (checklist)',
    () => {
      services.yearEnd.overview({ year: 2024 });
    },
    { iterations: 20, time: 0, warmupIterations: 2 },
  );
});
