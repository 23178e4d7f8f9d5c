/**
 * Issue 10.2 on a real SQLite file: plausibility on the ledger. A movement that makes the
 * figures implausible is refused with a warning unless the user goes on with a reason (kept
 * with the movement and in the change log); `movements.check` gives the same warnings before
 * saving. The year-end checklist lists each problem of the year — exactly those — and
 * closing is refused until each is resolved or confirmed with a reason.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import { PLAUSIBILITY_KINDS } from '../../src-shared/grants/plausibility';
import { defaultBackupFolder } from '../../src-main/safety/backups';
import { auditRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import { juleaksjonen2024, seed2024 } from '../helpers/grants';
import { carryForwardExtra, yearEndCase } from '../helpers/yearend';

const plain = (text: string | undefined) => text?.replace(/\u00a0/g, ' ');

let api: TestApi;

beforeEach(() => {
  api = makeDispatch({ today: '2025-01-20' });
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

describe('movements.record and movements.check', () => {
  it('warns before a 5 000 000 kr receipt on a 1 832 639 kr award and keeps the reason', async () => {
    const seed = await seed2024(api);
    const grant = await juleaksjonen2024(api, seed);
    const input = {
      grantId: grant.id,
      type: 'received' as const,
      date: '2024-10-26',
      amountOre: kroner(5_000_000),
    };
    const { warnings } = await api.call('movements.check', input);
    expect(warnings.map((w) => [w.kind, w.excessOre])).toEqual([
      ['received_above_award', kroner(5_000_000 - 1_832_639)],
    ]);
    expect(plain(warnings[0]?.message)).toBe(
      '«Juleaksjonen 2024»: mottatt fra tilskuddsyter (5 000 000 kr) er mer enn innvilget (1 832 639 kr); 3 167 361 kr for mye. Sjekk beløpet.',
    );
    expect(
      (await api.call('movements.check', { ...input, amountOre: kroner(1_832_639) })).warnings,
    ).toEqual([]);

    const silent = await refusedWithoutChange('movements.record', input);
    expect(silent.code).toBe('CONFLICT');
    expect(plain(silent.message)).toContain('mer enn innvilget (1 832 639 kr)');
    expect(silent.issues?.[0]?.path).toBe('acknowledgeWarnings');
    const noReason = await refusedWithoutChange('movements.record', {
      ...input,
      acknowledgeWarnings: true,
    });
    expect(noReason).toMatchObject({ code: 'BAD_INPUT' });
    expect(noReason.issues?.[0]?.path).toBe('reason');

    const reason = 'Tilskuddsyter betalte også neste års tilskudd; avklares i januar.';
    const saved = await api.call('movements.record', {
      ...input,
      acknowledgeWarnings: true,
      reason,
    });
    expect(saved).toMatchObject({ amountOre: kroner(5_000_000), reason });
    const logged = auditRows(api.sqlite).find(
      (r) => r.entity === 'movement' && r.entity_id === saved.id,
    );
    expect(logged?.reason).toBe(`Lagret til tross for advarsel: ${reason}`);
    // A further movement that does not make it worse is not warned about again.
    expect(
      (
        await api.call('movements.check', {
          grantId: grant.id,
          type: 'own_costs',
          date: '2024-11-01',
          amountOre: kroner(1_000),
        })
      ).warnings,
    ).toEqual([]);
  });
});

describe('the year-end checklist for plausibility', () => {
  it('lists exactly the year’s plausibility problems, and closing waits for each', async () => {
    const c = await yearEndCase(api);
    await carryForwardExtra(api, c);
    const kinds = new Set<string>(PLAUSIBILITY_KINDS);
    const plausible = async () =>
      (await api.call('yearEnd.overview', { year: 2024 })).items.filter((i) => kinds.has(i.kind));
    expect(await plausible()).toEqual([]);

    // A receipt typed ten times too large, acknowledged in the dialog.
    const big = await api.call('movements.record', {
      grantId: c.taushet.id,
      type: 'received',
      date: '2024-12-20',
      amountOre: kroner(5_000_000),
      acknowledgeWarnings: true,
      reason: 'Som på kontoutskriften.',
    });
    // Rows as an import or an older version could leave them (the services refuse these).
    const first = c.paid.allocations[0];
    if (!first) throw new Error('no allocation');
    const raw = api.sqlite.prepare(
      `insert into movements (grant_id, date, type, amount_ore, allocation_id, created_at_ms, actor)
       values (?, '2024-12-21', ?, ?, ?, 0, 'import')`,
    );
    raw.run(c.grant.id, 'transfer_in', kroner(10), null);
    raw.run(c.grant.id, 'admin_share', kroner(1), null);
    raw.run(c.grant.id, 'paid_to_centre', kroner(2), first.id);
    raw.run(c.extra.id, 'own_costs', kroner(1_300_000) + 1, null);

    const items = await plausible();
    expect(items.map((i) => [i.key, i.amountOre])).toEqual([
      [`admin_share_above_rule:${c.grant.id}`, kroner(1)],
      [`payout_above_decided:${first.id}`, kroner(2)],
      [`received_above_award:${c.taushet.id}`, kroner(5_000_000)],
      [`negative_balance:${c.extra.id}`, 1],
    ]);
    expect(plain(items[3]?.title)).toBe(
      '«Ekstra driftsmidler 2024»: saldoen er negativ ved utgangen av 2024 (−0,01 kr).',
    );

    // Everything else on the list is confirmed; the four keep the year open.
    const others = (await api.call('yearEnd.overview', { year: 2024 })).items.filter(
      (i) => !kinds.has(i.kind) && i.exception === null,
    );
    for (const i of others) {
      await api.call('yearEnd.confirmException', {
        year: 2024,
        itemKey: i.key,
        reason: 'Avklart.',
      });
    }
    const refused = await refusedWithoutChange('yearEnd.close', { year: 2024, reason: null });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.issues?.map((i) => i.path)).toEqual(items.map((i) => `items.${i.key}`));

    // Resolved: the receipt is corrected in 2024. Confirmed: two with reasons.
    await api.call('movements.reverse', { id: big.id, reason: 'Feil beløp.' });
    for (const i of items.slice(0, 2)) {
      await api.call('yearEnd.confirmException', {
        year: 2024,
        itemKey: i.key,
        reason: 'Avtalt med tilskuddsyter.',
      });
    }
    const still = await refusedWithoutChange('yearEnd.close', { year: 2024, reason: null });
    expect(still.issues?.map((i) => i.path)).toEqual([`items.negative_balance:${c.extra.id}`]);
    await api.call('yearEnd.confirmException', {
      year: 2024,
      itemKey: `negative_balance:${c.extra.id}`,
      reason: 'Kostnaden rettes i 2025.',
    });
    // The changed balance of the extra funds needs its decision again (or an exception).
    const left = (await api.call('yearEnd.overview', { year: 2024 })).items.filter(
      (i) => i.exception === null,
    );
    for (const i of left) {
      await api.call('yearEnd.confirmException', { year: 2024, itemKey: i.key, reason: 'Ok.' });
    }
    const closed = await api.call('yearEnd.close', { year: 2024, reason: null });
    expect(closed.status).toBe('closed');
  });
});
