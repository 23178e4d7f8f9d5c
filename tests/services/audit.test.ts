import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_COLUMNS, AUDIT_SHEET_NAME, AUDIT_TIME_FORMAT } from '../../src-main/safety/audit';
import { describeChanges } from '../../src-shared/safety/audit';
import { ACTOR, auditRows, centreInput } from '../helpers/db';
import { safetyEnv, startSafetyCore, type CoreApi, type SafetyEnv } from '../helpers/safety';

let env: SafetyEnv;
let api: CoreApi;

beforeEach(() => {
  env = safetyEnv({ today: '2024-06-14', backups: { atStartup: false, daily: false } });
  api = startSafetyCore(env);
});
afterEach(() => {
  api.core.close();
  env.cleanup();
});

/**
 * Three days of changes: 14 June Alta is registered (centre + membership), 15 June Alta's
 * e-mail changes and Bergen is registered, 16 June a membership of Bergen is deleted with a
 * reason that looks like a formula.
 */
async function threeDays() {
  const alta = await api.call('centres.create', centreInput('alta', { joinedDate: '2024-06-01' }));
  env.clock.advanceDays(1);
  await api.call('centres.update', {
    id: alta.id,
    ...centreInput('alta', { contactEmail: 'leder@altakrise.no' }),
  });
  env.clock.advance(60_000);
  const bergen = await api.call(
    'centres.create',
    centreInput('bergen', { joinedDate: '2010-01-01', notes: '=SUM(A1)' }),
  );
  env.clock.advanceDays(1);
  await api.call('centres.deleteMembership', {
    id: bergen.memberships[0]!.id,
    reason: '=SUM(A1)',
  });
  return { alta, bergen };
}

describe('audit.list', () => {
  it('lists every change newest first, with before and after as data', async () => {
    const { alta, bergen } = await threeDays();
    const { rows, total } = await api.call('audit.list', {});
    expect(total).toBe(6);
    expect(rows.map((r) => [r.entity, r.entityId, r.action])).toEqual([
      ['membership', bergen.memberships[0]!.id, 'delete'],
      ['centre', bergen.id, 'create'],
      ['membership', bergen.memberships[0]!.id, 'create'],
      ['centre', alta.id, 'update'],
      ['centre', alta.id, 'create'],
      ['membership', alta.memberships[0]!.id, 'create'],
    ]);
    const update = rows[3]!;
    expect(update.actor).toBe(ACTOR);
    expect(update.before).toMatchObject({ contactEmail: 'post@altakrise.no' });
    expect(update.after).toMatchObject({ contactEmail: 'leder@altakrise.no' });
    expect(rows[0]).toMatchObject({ after: null, reason: '=SUM(A1)' });
    expect(rows[4]).toMatchObject({ before: null });
  });

  it('shows the history of one record ("Historikk")', async () => {
    const { alta } = await threeDays();
    const { rows, total } = await api.call('audit.list', { entity: 'centre', entityId: alta.id });
    expect(total).toBe(2);
    expect(rows.map((r) => r.action)).toEqual(['update', 'create']);
    expect(describeChanges(rows[0]!)).toEqual([
      {
        field: 'contactEmail',
        label: 'Kontakt-e-post',
        before: 'post@altakrise.no',
        after: 'leder@altakrise.no',
      },
    ]);
  });

  it('filters by period, whole local days included', async () => {
    await threeDays();
    const day15 = await api.call('audit.list', { fromDate: '2024-06-15', toDate: '2024-06-15' });
    expect(day15.rows.map((r) => r.action)).toEqual(['create', 'create', 'update']);
    const from15 = await api.call('audit.list', { fromDate: '2024-06-15' });
    expect(from15.total).toBe(4);
    const to14 = await api.call('audit.list', { toDate: '2024-06-14' });
    expect(to14.total).toBe(2);
  });

  it('pages with limit and offset and tells the total', async () => {
    await threeDays();
    const first = await api.call('audit.list', { limit: 4 });
    const second = await api.call('audit.list', { limit: 4, offset: 4 });
    expect(first).toMatchObject({ total: 6, limit: 4, offset: 0 });
    expect(first.rows).toHaveLength(4);
    expect(second.rows).toHaveLength(2);
    const all = await api.call('audit.list', { limit: 500 });
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
  });

  it('refuses a bad filter with a Norwegian message naming the field, reading nothing', async () => {
    expect(
      await api.fail('audit.list', { fromDate: '2024-06-16', toDate: '2024-06-15' }),
    ).toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ path: 'toDate', message: 'Til dato kan ikke være før Fra dato.' }],
    });
    expect(await api.fail('audit.list', { entityId: 3 })).toMatchObject({
      issues: [{ path: 'entity', message: expect.stringMatching(/^Type post må fylles ut/) }],
    });
    expect(await api.fail('audit.list', { limit: 0 })).toMatchObject({
      issues: [{ path: 'limit', message: 'Antall rader må være minst 1.' }],
    });
    expect(await api.fail('audit.list', { fromDate: '31.02.2024' })).toMatchObject({
      issues: [
        { path: 'fromDate', message: expect.stringMatching(/^Fra dato må være en gyldig dato/) },
      ],
    });
  });

  it('is append-only underneath: the log cannot be edited', async () => {
    await threeDays();
    const sqlite = api.core.database.sqlite;
    expect(() => sqlite.prepare(`update audit_log set reason = 'x'`).run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
    expect(auditRows(sqlite)).toHaveLength(6);
  });
});

async function readBack(contentBase64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(contentBase64, 'base64') as unknown as ArrayBuffer);
  return workbook;
}

describe('audit.exportXlsx', () => {
  it('writes one sheet "Endringslogg" with readable columns, oldest first', async () => {
    const { alta } = await threeDays();
    const file = await api.call('audit.exportXlsx', {
      fromDate: '2024-06-14',
      toDate: '2024-06-16',
    });
    expect(file.fileName).toBe('endringslogg_2024-06-14_2024-06-16.xlsx');

    const workbook = await readBack(file.contentBase64);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([AUDIT_SHEET_NAME]);
    const sheet = workbook.getWorksheet('Endringslogg')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Tidspunkt',
      'Bruker',
      'Type post',
      'Post-id',
      'Post',
      'Handling',
      'Begrunnelse',
      'Endringer',
      'Før (JSON)',
      'Etter (JSON)',
      'Logg-id',
    ]);
    expect(AUDIT_COLUMNS).toHaveLength(11);
    expect(sheet.rowCount).toBe(1 + 6);

    // Row 3: Alta registered, 14 June 12:00 local time.
    const created = sheet.getRow(3);
    const at = created.getCell(1).value as Date;
    expect([at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours()]).toEqual([
      2024, 6, 14, 12,
    ]);
    expect(created.getCell(1).numFmt).toBe('dd.mm.yyyy "kl." hh:mm');
    expect(AUDIT_TIME_FORMAT).toBe('dd.mm.yyyy "kl." hh:mm');
    expect(created.getCell(2).value).toBe(ACTOR);
    expect(created.getCell(3).value).toBe('Medlemssenter');
    expect(created.getCell(4).value).toBe(alta.id);
    expect(created.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(created.getCell(5).value).toBe('Alta Krisesenter');
    expect(created.getCell(6).value).toBe('Opprettet');
    expect(created.getCell(8).value).toBe(
      'Navn: Alta Krisesenter; Organisasjonsnummer: 991000003; Driftsform: Ideell organisasjon; ' +
        'Region: Nord; Kontakt-e-post: post@altakrise.no',
    );

    const updated = sheet.getRow(4);
    expect(updated.getCell(6).value).toBe('Endret');
    expect(updated.getCell(8).value).toBe('Kontakt-e-post: post@altakrise.no → leder@altakrise.no');
    expect(JSON.parse(String(updated.getCell(10).value))).toMatchObject({
      contactEmail: 'leder@altakrise.no',
    });
  });

  it('writes a note "=SUM(A1)" as text, never as a formula', async () => {
    await threeDays();
    const file = await api.call('audit.exportXlsx', {
      fromDate: '2024-06-16',
      toDate: '2024-06-16',
    });
    const sheet = (await readBack(file.contentBase64)).getWorksheet('Endringslogg')!;
    const deleted = sheet.getRow(2);
    expect(deleted.getCell(6).value).toBe('Slettet');
    const reason = deleted.getCell(7);
    expect(reason.type).toBe(ExcelJS.ValueType.String);
    expect(reason.value).toBe("'=SUM(A1)");
    expect(reason.formula).toBeUndefined();
    // No cell anywhere in the workbook is a formula.
    sheet.eachRow((row) =>
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)),
    );
  });

  it('exports one record’s history when asked', async () => {
    const { alta } = await threeDays();
    const file = await api.call('audit.exportXlsx', {
      fromDate: '2024-01-01',
      toDate: '2024-12-31',
      entity: 'centre',
      entityId: alta.id,
    });
    expect(file.fileName).toBe(`endringslogg_2024-01-01_2024-12-31_centre-${alta.id}.xlsx`);
    const sheet = (await readBack(file.contentBase64)).getWorksheet('Endringslogg')!;
    expect(sheet.rowCount).toBe(3);
  });

  it('needs a period', async () => {
    expect(await api.fail('audit.exportXlsx', {})).toMatchObject({
      code: 'BAD_INPUT',
      issues: expect.arrayContaining([
        { path: 'fromDate', message: 'Fra dato må fylles ut.' },
        { path: 'toDate', message: 'Til dato må fylles ut.' },
      ]),
    });
  });
});
