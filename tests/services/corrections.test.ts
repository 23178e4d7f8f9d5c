/**
 * Issue 10.1 on a real SQLite file: a correction lands in the year of the entry it corrects.
 * While that year is open the reversal is dated in it (the original's date by default); a
 * date in another year is refused naming the field. When the year is closed the correction
 * is refused with the closed-year message unless the user asks to correct it in the first
 * open year; then the reversal and the corrected entry carry the reference and the reason,
 * and the later year's year-end overview lists them as corrections of an earlier year.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatOre, kroner } from '../../src-shared/kernel/money';
import { defaultBackupFolder } from '../../src-main/safety/backups';
import { auditRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import { juleaksjonen2024, seed2024 } from '../helpers/grants';

const CLOSED_2024 =
  'Regnskapsåret 2024 er avsluttet. Gjenåpne året med en begrunnelse for å endre det.';

let api: TestApi;

beforeEach(() => {
  api = makeDispatch({ today: '2026-01-15' });
});
afterEach(() => {
  api.cleanup();
  fs.rmSync(defaultBackupFolder(api.dataDir), { recursive: true, force: true });
});

async function refusedWithoutChange(method: string, input: unknown) {
  const before = dumpDatabase(api.sqlite);
  const error = await api.fail(method, input);
  expect(dumpDatabase(api.sqlite)).toEqual(before);
  return error;
}

/** Juleaksjonen 2024 with a mistyped receipt: 5 000 000 kr instead of 1 832 639 kr. */
async function mistypedReceipt() {
  const seed = await seed2024(api);
  const grant = await juleaksjonen2024(api, seed);
  const wrong = await api.call('movements.record', {
    grantId: grant.id,
    type: 'received',
    date: '2024-10-26',
    amountOre: kroner(5_000_000),
    voucherRef: 'B-2024-412',
    acknowledgeWarnings: true,
    reason: 'Beløp som på bilaget.',
  });
  return { grant, wrong };
}

/** Closes a year, confirming each open checklist item as an exception. */
async function closeYear(year: number) {
  const o = await api.call('yearEnd.overview', { year });
  for (const item of o.items.filter((i) => i.exception === null)) {
    await api.call('yearEnd.confirmException', {
      year,
      itemKey: item.key,
      reason: 'Avklart med regnskapsfører.',
    });
  }
  return api.call('yearEnd.close', { year, reason: 'Overlevert regnskapsfører.' });
}

async function balance(grantId: number, year: number) {
  const [row] = await api.call('balances.forGrant', { grantId, fromYear: year, toYear: year });
  return row;
}

describe('movements.reverse in an open year', () => {
  it('dates the reversal as the original by default, so 2024 is right and 2026 untouched', async () => {
    const { grant, wrong } = await mistypedReceipt();
    const [reversal, corrected] = await api.call('movements.reverse', {
      id: wrong.id,
      reason: 'Feil beløp: 5 000 000 kr i stedet for 1 832 639 kr.',
      correctedAmountOre: kroner(1_832_639),
    });
    expect(reversal).toMatchObject({
      date: '2024-10-26',
      amountOre: -kroner(5_000_000),
      reversesId: wrong.id,
    });
    expect(corrected).toMatchObject({
      date: '2024-10-26',
      type: 'received',
      amountOre: kroner(1_832_639),
      correctsId: wrong.id,
      reason: 'Feil beløp: 5 000 000 kr i stedet for 1 832 639 kr.',
    });
    expect(await balance(grant.id, 2024)).toMatchObject({
      receivedOre: kroner(1_832_639),
      closingOre: kroner(1_832_639),
    });
    expect(await balance(grant.id, 2026)).toMatchObject({
      openingOre: kroner(1_832_639),
      receivedOre: 0,
      closingOre: kroner(1_832_639),
    });
    // Nothing for 2024 to list as a correction of an earlier year.
    expect((await api.call('yearEnd.overview', { year: 2024 })).priorYearCorrections).toEqual([]);
  });

  it('judges the balance on the reversal and the corrected entry together', async () => {
    const seed = await seed2024(api);
    const grant = await juleaksjonen2024(api, seed);
    // The receipt typed too low, and most of the money already spent.
    const low = await api.call('movements.record', {
      grantId: grant.id,
      type: 'received',
      date: '2024-10-26',
      amountOre: kroner(1_500_000),
      voucherRef: 'B-2024-412',
      acknowledgeWarnings: true,
      reason: 'Beløp som på bilaget.',
    });
    await api.call('movements.record', {
      grantId: grant.id,
      type: 'own_costs',
      date: '2024-11-01',
      amountOre: kroner(1_400_000),
      voucherRef: 'B-2024-500',
      acknowledgeWarnings: true,
      reason: 'Kostnader i prosjektet.',
    });
    // Corrected to a lower amount that the spending does not leave room for: refused,
    // naming the shortfall, and nothing saved.
    const error = await refusedWithoutChange('movements.reverse', {
      id: low.id,
      reason: 'Feil beløp.',
      correctedAmountOre: kroner(1_000_000),
    });
    expect(error.message).toContain(`saldoen blir −${formatOre(kroner(400_000))}`);
    expect(error.issues?.[0]?.path).toBe('amountOre');
    // Corrected upwards: saved, although the reversal alone would go below zero.
    const [, corrected] = await api.call('movements.reverse', {
      id: low.id,
      reason: 'Feil beløp: 1 500 000 kr i stedet for 1 832 639 kr.',
      correctedAmountOre: kroner(1_832_639),
    });
    expect(corrected).toMatchObject({ amountOre: kroner(1_832_639), correctsId: low.id });
    expect(await balance(grant.id, 2024)).toMatchObject({
      closingOre: kroner(1_832_639 - 1_400_000),
    });
  });

  it('accepts another date in the same year and refuses a date in another year, naming the field', async () => {
    const { wrong } = await mistypedReceipt();
    const other = await refusedWithoutChange('movements.reverse', {
      id: wrong.id,
      date: '2026-01-15',
      reason: 'Feil beløp.',
    });
    expect(other.code).toBe('BAD_INPUT');
    expect(other.message).toContain('Dato for korrigering (15.01.2026) må være i 2024');
    expect(other.issues?.[0]?.path).toBe('date');
    const flagged = await refusedWithoutChange('movements.reverse', {
      id: wrong.id,
      reason: 'Feil beløp.',
      inFirstOpenYear: true,
    });
    expect(flagged.code).toBe('BAD_INPUT');
    expect(flagged.issues?.[0]?.path).toBe('inFirstOpenYear');
    const [reversal] = await api.call('movements.reverse', {
      id: wrong.id,
      date: '2024-12-30',
      reason: 'Feil beløp.',
    });
    expect(reversal?.date).toBe('2024-12-30');
  });

  it('proposes the original’s date in movements.correctionRule', async () => {
    const { wrong } = await mistypedReceipt();
    expect(await api.call('movements.correctionRule', { id: wrong.id })).toEqual({
      movementId: wrong.id,
      originalDate: '2024-10-26',
      originalYear: 2024,
      originalYearOpen: true,
      firstOpenYear: 2024,
      proposedDate: '2024-10-26',
      canRecordCorrectedEntry: true,
    });
  });
});

describe('movements.reverse when the original’s year is closed', () => {
  it('is refused with the closed-year message unless corrected in the first open year', async () => {
    const { grant, wrong } = await mistypedReceipt();
    await closeYear(2024);
    for (const date of [undefined, '2024-12-31', '2025-02-01']) {
      const error = await refusedWithoutChange('movements.reverse', {
        id: wrong.id,
        ...(date ? { date } : {}),
        reason: 'Feil beløp.',
      });
      expect(error).toMatchObject({ code: 'CONFLICT', message: CLOSED_2024 });
      expect(error.issues?.[0]?.path).toBe('date');
    }
    expect(await api.call('movements.correctionRule', { id: wrong.id })).toMatchObject({
      originalYearOpen: false,
      firstOpenYear: 2025,
      proposedDate: '2025-01-01',
    });
    // In 2025, but not in 2026: the first open year is 2025.
    const later = await refusedWithoutChange('movements.reverse', {
      id: wrong.id,
      date: '2026-01-10',
      reason: 'Feil beløp.',
      inFirstOpenYear: true,
    });
    expect(later).toMatchObject({ code: 'BAD_INPUT' });
    expect(later.message).toContain('må være i 2025, det første åpne regnskapsåret');

    const reason = 'Innbetalingen 26.10.2024 var tastet som 5 000 000 kr; riktig er 1 832 639 kr.';
    const created = await api.call('movements.reverse', {
      id: wrong.id,
      date: '2025-02-03',
      reason,
      inFirstOpenYear: true,
      correctedAmountOre: kroner(1_832_639),
    });
    expect(created.map((m) => [m.date, m.amountOre, m.reversesId, m.correctsId, m.reason])).toEqual(
      [
        ['2025-02-03', -kroner(5_000_000), wrong.id, null, reason],
        ['2025-02-03', kroner(1_832_639), null, wrong.id, reason],
      ],
    );
    // 2024 stays as closed; 2025 carries the correction.
    expect(await balance(grant.id, 2024)).toMatchObject({ closingOre: kroner(5_000_000) });
    expect(await balance(grant.id, 2025)).toMatchObject({
      openingOre: kroner(5_000_000),
      receivedOre: kroner(1_832_639 - 5_000_000),
      closingOre: kroner(1_832_639),
    });
    const o = await api.call('yearEnd.overview', { year: 2025 });
    expect(o.priorYearCorrections).toEqual([
      {
        movementId: created[0]?.id,
        grantId: grant.id,
        grantTitle: 'Juleaksjonen 2024',
        date: '2025-02-03',
        type: 'received',
        amountOre: -kroner(5_000_000),
        kind: 'reversal',
        originalId: wrong.id,
        originalDate: '2024-10-26',
        originalAmountOre: kroner(5_000_000),
        reason,
      },
      {
        movementId: created[1]?.id,
        grantId: grant.id,
        grantTitle: 'Juleaksjonen 2024',
        date: '2025-02-03',
        type: 'received',
        amountOre: kroner(1_832_639),
        kind: 'corrected_entry',
        originalId: wrong.id,
        originalDate: '2024-10-26',
        originalAmountOre: kroner(5_000_000),
        reason,
      },
    ]);
    // The reason is in the change log with both rows.
    const logged = auditRows(api.sqlite).filter(
      (r) => r.entity === 'movement' && created.some((m) => m.id === r.entity_id),
    );
    expect(logged.map((r) => r.reason)).toEqual([reason, reason]);
  });

  it('refuses a corrected amount of 0 kr, naming the field', async () => {
    const { wrong } = await mistypedReceipt();
    const error = await refusedWithoutChange('movements.reverse', {
      id: wrong.id,
      reason: 'Feil.',
      correctedAmountOre: 0,
    });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues?.[0]?.path).toBe('correctedAmountOre');
  });
});
