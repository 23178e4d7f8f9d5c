/**
 * Round eligibility follows the round's period, not today (issue 10.5). With the clock in
 * 2026, a round for Juleaksjonen 2024 (activity 1.11.2024–9.3.2025) offers every centre that
 * was a member at some time in that period, Halden (last member day 31.12.2024) included; the
 * decision-date check stays, with its override and reason. The centres list filtered to 2024
 * shows the status for 2024.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import { eligibilityPeriod } from '../../src-main/allocations/eligibility';
import { makeDispatch, type TestApi } from '../helpers/db';
import { MEMBERS_2024, registerMembers, type MemberKey } from '../helpers/allocations';
import { juleaksjonen2024, seed2024 } from '../helpers/grants';
import type { Centre } from '../../src-shared/api/contract';

let api: TestApi;
let centres: Record<MemberKey, Centre>;
let grantId: number;

beforeEach(async () => {
  api = makeDispatch({ today: '2026-03-10' });
  const seed = await seed2024(api);
  centres = await registerMembers(api);
  grantId = (await juleaksjonen2024(api, seed)).id;
});
afterEach(() => api.cleanup());

describe('rounds.eligibleCentres', () => {
  it('offers every centre that was a member in the round’s period, also those gone today', async () => {
    const gone = await api.call('centres.create', {
      name: 'Senter som sluttet 2023',
      driftsform: 'ideell',
      region: 'nord',
      joinedDate: '2015-01-01',
    });
    await api.call('centres.updateMembership', {
      id: gone.memberships[0]!.id,
      joinedDate: '2015-01-01',
      leftDate: '2023-12-31',
    });
    await api.call('centres.create', {
      name: 'Senter fra sommeren 2025',
      driftsform: 'ideell',
      region: 'nord',
      joinedDate: '2025-06-01',
    });
    // Created in 2026, without its own period: the grant's activity period counts.
    const round = await api.call('rounds.create', { grantId, name: 'Juleaksjonen 2024' });
    const offered = await api.call('rounds.eligibleCentres', { roundId: round.id });
    expect(offered).toMatchObject({ from: '2024-11-01', to: '2025-03-09', basis: 'grantActivity' });
    const names = offered.centres.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(Object.values(MEMBERS_2024).map((m) => m.name)));
    expect(names).toHaveLength(Object.keys(MEMBERS_2024).length);
    expect(names).not.toContain('Senter som sluttet 2023');
    expect(names).not.toContain('Senter fra sommeren 2025');
    expect(offered.centres.find((c) => c.id === centres.halden.id)).toMatchObject({
      isMember: true,
      leftDate: '2024-12-31',
      inRound: false,
    });
    // Today Halden is not a member: the plain list says so.
    const today = (await api.call('centres.list', {})).rows;
    expect(today.find((c) => c.id === centres.halden.id)?.isMember).toBe(false);
  });

  it('follows the round’s own period, and keeps a centre already in the round', async () => {
    const round = await api.call('rounds.create', {
      grantId,
      name: 'Juleaksjonen 2025',
      activityFrom: '2025-11-01',
      activityTo: '2026-03-09',
    });
    const withHalden = await api.call('allocations.saveApplications', {
      roundId: round.id,
      rows: [{ centreId: centres.halden.id, appliedOre: kroner(50_000) }],
    });
    const offered = await api.call('rounds.eligibleCentres', { roundId: withHalden.id });
    expect(offered).toMatchObject({ from: '2025-11-01', to: '2026-03-09', basis: 'round' });
    expect(offered.centres.find((c) => c.id === centres.halden.id)).toMatchObject({
      isMember: false,
      inRound: true,
    });
    expect(offered.centres.find((c) => c.id === centres.oslo.id)?.isMember).toBe(true);
  });

  it('keeps the decision-date check: a 2026 decision needs an override with a reason for Halden', async () => {
    const round = await api.call('rounds.create', { grantId, name: 'Juleaksjonen 2024' });
    const applied = await api.call('allocations.saveApplications', {
      roundId: round.id,
      rows: [{ centreId: centres.halden.id, appliedOre: kroner(50_000) }],
    });
    const allocationId = applied.allocations[0]!.id;
    const refused = await api.fail('allocations.decide', {
      roundId: round.id,
      decisionDate: '2026-03-10',
      awards: [{ allocationId, awardedOre: kroner(50_000) }],
    });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.issues?.[0]?.path).toBe('awards.0.overrideReason');
    expect(refused.message).toContain('Halden');
    const decided = await api.call('allocations.decide', {
      roundId: round.id,
      decisionDate: '2026-03-10',
      awards: [
        {
          allocationId,
          awardedOre: kroner(50_000),
          overrideReason: 'Aktiviteten var i 2024, da senteret var medlem.',
        },
      ],
    });
    expect(decided.allocations[0]).toMatchObject({ awardedOre: kroner(50_000), isMember: false });
  });

  it('takes the period from the round, the grant’s activity, its period or its edition year', () => {
    const none = { activityFrom: null, activityTo: null, periodFrom: null, periodTo: null };
    const g = { ...none, editionYear: null };
    expect(
      eligibilityPeriod({ from: null, to: null }, { ...g, editionYear: 2024 }, '2026-03-10'),
    ).toEqual({ from: '2024-01-01', to: '2024-12-31', basis: 'editionYear' });
    expect(
      eligibilityPeriod(
        { from: null, to: null },
        { ...g, periodFrom: '2023-01-01', periodTo: '2024-12-31' },
        '2026-03-10',
      ),
    ).toEqual({ from: '2023-01-01', to: '2024-12-31', basis: 'grantPeriod' });
    // An open end runs to today.
    expect(eligibilityPeriod({ from: '2025-05-01', to: null }, g, '2026-03-10')).toEqual({
      from: '2025-05-01',
      to: '2026-03-10',
      basis: 'round',
    });
    expect(eligibilityPeriod({ from: null, to: null }, g, '2026-03-10')).toEqual({
      from: '2026-03-10',
      to: '2026-03-10',
      basis: 'today',
    });
  });
});

describe('centres.list filtered to a year', () => {
  it('shows the status for that year: Halden is a member of 2024 (not «Ikke medlem»)', async () => {
    const in2024 = (await api.call('centres.list', { memberInYear: 2024 })).rows;
    expect(in2024).toHaveLength(Object.keys(MEMBERS_2024).length);
    expect(in2024.every((c) => c.isMember)).toBe(true);
    expect(in2024.find((c) => c.id === centres.halden.id)).toMatchObject({
      isMember: true,
      leftDate: '2024-12-31',
    });
    // With an explicit date the status is for that date.
    const asOf = (await api.call('centres.list', { memberInYear: 2024, asOf: '2026-03-10' })).rows;
    expect(asOf.find((c) => c.id === centres.halden.id)?.isMember).toBe(false);
  });
});
