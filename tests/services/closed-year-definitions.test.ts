/**
 * The closed year covers what defines it (issue 10.6): after 2024 is closed, membership dates
 * may not move across or into 2024, a 2024 grant's applied amount and periods are fixed, and a
 * 2024 round's applications and decisions are fixed. Refused by the services (the closed-year
 * CONFLICT naming the field, nothing changed) and by the database for raw SQL on a plain
 * connection; reopening 2024 with a reason makes them changeable again.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import type { Grant } from '../../src-shared/api/contract';
import { defaultBackupFolder } from '../../src-main/safety/backups';
import { dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import { carryForwardExtra, yearEndCase, type YearEndCase } from '../helpers/yearend';

const CLOSED_2024 =
  'Regnskapsåret 2024 er avsluttet. Gjenåpne året med en begrunnelse for å endre det.';

let api: TestApi;
let c: YearEndCase;

beforeEach(async () => {
  api = makeDispatch({ today: '2025-01-20' });
  c = await yearEndCase(api);
  await carryForwardExtra(api, c);
  await api.call('yearEnd.close', { year: 2024, reason: 'Overlevert regnskapsfører.' });
});
afterEach(() => {
  api.cleanup();
  fs.rmSync(defaultBackupFolder(api.dataDir), { recursive: true, force: true });
});

/** Refused with the closed-year CONFLICT on `path`, and nothing in the database changed. */
async function refused(method: string, input: unknown, path: string) {
  const before = dumpDatabase(api.sqlite);
  const error = await api.fail(method, input);
  expect(error, `${method} ${JSON.stringify(input)}`).toMatchObject({
    code: 'CONFLICT',
    message: CLOSED_2024,
  });
  expect(error.issues?.[0]?.path).toBe(path);
  expect(dumpDatabase(api.sqlite)).toEqual(before);
}

/** Raw SQL on a second, plain connection (not the app's): the trigger's message. */
function sqlRefused(sql: string, params: unknown[] = []): string {
  const before = dumpDatabase(api.sqlite);
  const plain = new Database(api.sqlite.name);
  let message = '';
  try {
    plain.prepare(sql).run(...params);
  } catch (error) {
    message = (error as Error).message;
  } finally {
    plain.close();
  }
  expect(dumpDatabase(api.sqlite)).toEqual(before);
  return message;
}

async function membersOf2024(): Promise<number> {
  return (await api.call('centres.list', { memberInYear: 2024 })).rows.length;
}

function updateInput(g: Grant, changes: Partial<Grant>) {
  const v = { ...g, ...changes };
  return {
    id: v.id,
    projectId: v.projectId,
    funderId: v.funderId,
    title: v.title,
    schemeName: v.schemeName,
    reference: v.reference,
    editionYear: v.editionYear,
    appliedOre: v.appliedOre,
    appliedDate: v.appliedDate,
    periodFrom: v.periodFrom,
    periodTo: v.periodTo,
    activityFrom: v.activityFrom,
    activityTo: v.activityTo,
    kssShareOre: v.kssShareOre,
    adminRule: v.adminRule,
    adminBasisPoints: v.adminBasisPoints,
    adminFixedOre: v.adminFixedOre,
  };
}

describe('memberships after 2024 is closed', () => {
  it('refuses moving a date across or into 2024, and keeps the member table of 2024', async () => {
    expect(await membersOf2024()).toBe(21);
    const halden = c.centres.halden.memberships[0]!;
    const oslo = c.centres.oslo.memberships[0]!;
    // Halden's last member day 31.12.2024 moved into 2024, or out of it into 2025.
    await refused('centres.updateMembership', { ...halden, leftDate: '2024-06-30' }, 'leftDate');
    await refused('centres.updateMembership', { ...halden, leftDate: '2025-06-30' }, 'leftDate');
    // An open membership ended inside 2024.
    await refused('centres.updateMembership', { ...oslo, leftDate: '2024-10-31' }, 'leftDate');
    // A start date moved.
    await refused('centres.updateMembership', { ...oslo, joinedDate: '2024-03-01' }, 'joinedDate');
    // Removing a period that covers 2024.
    await refused('centres.deleteMembership', { id: halden.id, reason: 'Feil' }, 'joinedDate');
    // A period added in 2024, on a centre registered now or on a new one.
    const newcomer = await api.call('centres.create', {
      name: 'Testsenter for lås',
      driftsform: 'ideell',
      region: 'nord',
    });
    await refused(
      'centres.addMembership',
      { centreId: newcomer.id, joinedDate: '2024-05-01', leftDate: '2024-08-31' },
      'joinedDate',
    );
    await refused(
      'centres.create',
      { name: 'Nytt senter 2024', driftsform: 'ideell', region: 'nord', joinedDate: '2024-02-01' },
      'joinedDate',
    );
    expect(await membersOf2024()).toBe(21);

    // What lies after 2024 stays free: Oslo leaves at the end of 2025, the newcomer joins 2025.
    await api.call('centres.updateMembership', { ...oslo, leftDate: '2025-12-31' });
    await api.call('centres.addMembership', { centreId: newcomer.id, joinedDate: '2025-02-01' });
    expect(await membersOf2024()).toBe(21);
  });

  it('is enforced by the database for raw SQL', () => {
    const halden = c.centres.halden.memberships[0]!;
    const oslo = c.centres.oslo.memberships[0]!;
    expect(
      sqlRefused(`update memberships set left_date = '2024-06-30' where id = ?`, [halden.id]),
    ).toBe('year closed: 2024');
    expect(
      sqlRefused(`update memberships set left_date = '2025-06-30' where id = ?`, [halden.id]),
    ).toBe('year closed: 2024');
    expect(
      sqlRefused(`update memberships set left_date = '2024-10-31' where id = ?`, [oslo.id]),
    ).toBe('year closed: 2024');
    expect(sqlRefused(`delete from memberships where id = ?`, [halden.id])).toBe(
      'year closed: 2024',
    );
    expect(
      sqlRefused(
        `insert into memberships (centre_id, joined_date, created_at_ms) values (?, '2024-02-01', 1)`,
        [c.centres.alta.id],
      ),
    ).toBe('year closed: 2024');
    // After 2024: accepted.
    const plain = new Database(api.sqlite.name);
    try {
      plain.prepare(`update memberships set left_date = '2025-12-31' where id = ?`).run(oslo.id);
    } finally {
      plain.close();
    }
  });
});

describe('grants of 2024 after 2024 is closed', () => {
  it('refuses changing the applied amount, application date and periods', async () => {
    const extra = c.extra; // period 2024, decided 2024
    const taushet = c.taushet; // edition 2024
    await refused(
      'grants.update',
      updateInput(extra, { appliedOre: kroner(1_600_000) }),
      'appliedOre',
    );
    await refused('grants.update', updateInput(extra, { periodTo: '2025-06-30' }), 'periodTo');
    await refused(
      'grants.update',
      updateInput(taushet, { activityFrom: '2024-03-01', activityTo: '2024-12-31' }),
      'activityFrom',
    );
    await refused(
      'grants.update',
      updateInput(taushet, { appliedDate: '2023-11-01' }),
      'appliedDate',
    );
    await refused('grants.update', updateInput(taushet, { editionYear: 2025 }), 'editionYear');
    // The title is not a figure: it stays editable.
    const renamed = await api.call('grants.update', updateInput(extra, { title: 'Ekstra 2024' }));
    expect(renamed.title).toBe('Ekstra 2024');
  });

  it('is enforced by the database for raw SQL', () => {
    for (const sql of [
      `update grants set applied_ore = applied_ore + 100 where id = ?`,
      `update grants set period_to = '2025-06-30' where id = ?`,
      `update grants set activity_from = '2024-02-01' where id = ?`,
      `update grants set applied_date = '2024-01-02' where id = ?`,
    ]) {
      expect(sqlRefused(sql, [c.extra.id]), sql).toBe('year closed: 2024');
    }
    expect(sqlRefused(`update grants set edition_year = 2025 where id = ?`, [c.taushet.id])).toBe(
      'year closed: 2024',
    );
  });
});

describe('a 2024 round after 2024 is closed', () => {
  it('refuses changing its applications, decisions and period', async () => {
    const round = c.paid;
    const first = round.allocations[0]!;
    await refused(
      'allocations.saveApplications',
      {
        roundId: round.id,
        rows: [{ centreId: first.centreId, appliedOre: first.appliedOre + kroner(1) }],
      },
      'rows',
    );
    await refused(
      'allocations.saveApplications',
      { roundId: round.id, rows: [{ centreId: c.centres.oslo.id, appliedOre: kroner(10_000) }] },
      'rows',
    );
    await refused(
      'allocations.decide',
      {
        roundId: round.id,
        decisionDate: '2025-01-15',
        awards: [{ allocationId: first.id, awardedOre: first.awardedOre }],
      },
      'decisionDate',
    );
    await refused(
      'rounds.update',
      {
        id: round.id,
        name: round.name,
        applicationDeadline: round.applicationDeadline,
        activityFrom: '2025-01-01',
        activityTo: '2025-03-09',
        reportDeadline: round.reportDeadline,
        notes: round.notes,
      },
      'activityFrom',
    );
    // Its name and notes are not figures.
    const renamed = await api.call('rounds.update', {
      id: round.id,
      name: 'JuleVinter 2024',
      applicationDeadline: round.applicationDeadline,
      activityFrom: round.activityFrom,
      activityTo: round.activityTo,
      reportDeadline: round.reportDeadline,
      notes: 'Navn rettet.',
    });
    expect(renamed.name).toBe('JuleVinter 2024');
  });

  it('is enforced by the database for raw SQL', () => {
    const first = c.paid.allocations[0]!;
    expect(
      sqlRefused(`update allocations set applied_ore = applied_ore + 100 where id = ?`, [first.id]),
    ).toBe('year closed: 2024');
    expect(
      sqlRefused(
        `insert into allocations (round_id, centre_id, applied_ore, report_status, created_at_ms, updated_at_ms)
         values (?, ?, 100, 'venter', 1, 1)`,
        [c.paid.id, c.centres.oslo.id],
      ),
    ).toBe('year closed: 2024');
    expect(
      sqlRefused(
        `update allocation_rounds set activity_from = '2025-01-01', activity_to = '2025-03-09' where id = ?`,
        [c.paid.id],
      ),
    ).toBe('year closed: 2024');
  });
});

describe('reopening 2024 with a reason', () => {
  it('makes the definitions changeable again', async () => {
    await api.call('yearEnd.reopen', { year: 2024, reason: 'Halden sluttet 30.06.2024.' });
    const halden = c.centres.halden.memberships[0]!;
    await api.call('centres.updateMembership', { ...halden, leftDate: '2024-06-30' });
    expect(await membersOf2024()).toBe(21);
    expect((await api.call('centres.list', { memberInYear: 2025 })).rows).not.toContainEqual(
      expect.objectContaining({ id: c.centres.halden.id }),
    );
    await api.call('grants.update', updateInput(c.extra, { appliedOre: kroner(1_600_000) }));
  });
});
