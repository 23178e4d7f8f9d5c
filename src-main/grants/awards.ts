/**
 * Award changes after the decision (issue 10.3) and explicit year splits (issue 10.4).
 * `correctAward` corrects the awarded total, the decision date and the split with a reason;
 * `addAwardChange` records a later top-up (or reduction) with its own decision date and
 * reference. Both are kept in grant_award_changes, so the history reads like the funder's
 * letters; the grant's awarded total follows, and with it the admin share and the ceiling for
 * allocations to centres (assertAdminShareFits). Anything dated in a closed year is refused
 * here with the closed-year message and by the database (migration 0009).
 */
import { eq } from 'drizzle-orm';
import { grantAwardChanges, grants } from '../../db/schema';
import type { Grant, Output, ParsedInput } from '../../src-shared/api/contract';
import { AppError, conflict } from '../../src-shared/api/errors';
import { formatIsoDate, yearOf } from '../../src-shared/kernel/dates';
import { formatOre } from '../../src-shared/kernel/money';
import { AWARDED_STATUSES, yearsOfPeriod } from '../../src-shared/grants/rules';
import {
  automaticSplit,
  needsConfirmation,
  suggestYearSplit,
} from '../../src-shared/grants/year-split';
import { recordChange, type ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { assertYearsOpen } from '../yearend/locks';
import { eurAwardOf } from './euro';
import { assertAdminShareFits } from './grant-fields';
import { setYearSplit } from './grant-status';
import { createGrantModel, grantAuditView, STATUS_LABEL, type GrantRow } from './queries';
import { writeYearSplit } from './year-split-store';

const kr = (ore: number) => formatOre(ore);

/** An awarded grant that carries money; CONFLICT otherwise. */
function awardedGrant(
  ctx: ServiceContext,
  id: number,
): GrantRow & { awardedOre: number; decisionDate: string } {
  const model = createGrantModel(ctx);
  const g = model.row(id);
  if (g.kssRole === 'stottepartner') {
    throw conflict(`«${g.projectName}» er støttepartner: tilskuddet føres uten beløp.`);
  }
  if (!AWARDED_STATUSES.includes(g.status) || g.awardedOre === null || !g.decisionDate) {
    throw conflict(
      `Innvilget beløp kan bare rettes eller endres når tilskuddet er «Innvilget» eller «Delvis innvilget»; «${g.title}» har status «${STATUS_LABEL[g.status]}».`,
    );
  }
  return g as GrantRow & { awardedOre: number; decisionDate: string };
}

/** KSS's part and the admin share (with allocations to centres) must fit the new total. */
function assertTotalFits(ctx: ServiceContext, g: GrantRow, total: number): void {
  const model = createGrantModel(ctx);
  if (g.kssShareOre !== null && g.kssShareOre > total) {
    throw conflict(
      `Innvilget beløp (${kr(total)}) blir lavere enn KSS sin andel (${kr(g.kssShareOre)}); differansen er ${kr(g.kssShareOre - total)}. Rett KSS sin andel først.`,
      [{ path: 'awardedOre', message: 'Innvilget beløp: lavere enn KSS sin andel.' }],
    );
  }
  assertAdminShareFits({ ...g, awardedOre: total }, model.ledger(g.id), model.allocatedOf(g.id));
}

function setTotal(
  ctx: ServiceContext,
  before: GrantRow,
  patch: Partial<typeof grants.$inferInsert>,
  reason: string | null,
) {
  const { db } = ctx;
  const { projectName: _p, kssRole: _r, funderName: _f, ...beforeRecord } = before;
  const after = db
    .update(grants)
    .set({ ...patch, updatedAtMs: ctx.clock.nowMs() })
    .where(eq(grants.id, before.id))
    .returning()
    .get();
  recordChange(ctx, {
    entity: 'grant',
    entityId: before.id,
    action: 'update',
    before: grantAuditView(beforeRecord),
    after: grantAuditView(after),
    reason,
  });
  return after;
}

function insertChange(
  ctx: ServiceContext,
  values: Omit<typeof grantAwardChanges.$inferInsert, 'createdAtMs' | 'actor'>,
) {
  insertRecorded(
    ctx,
    grantAwardChanges,
    { ...values, createdAtMs: ctx.clock.nowMs(), actor: ctx.actor },
    { entity: 'grant_award_change', reason: values.reason ?? null },
  );
}

/** The suggested split for the grant as it is now, stored unconfirmed when multi-year. */
function storeSuggestion(ctx: ServiceContext, id: number): void {
  const model = createGrantModel(ctx);
  const g = model.row(id);
  if (g.awardedOre === null) return;
  const next = automaticSplit({ ...g, awardedOre: g.awardedOre });
  if (next.length === 0) return;
  const confirmed = !needsConfirmation(next);
  writeYearSplit(
    ctx,
    id,
    next.map((n) => ({ ...n, confirmed })),
  );
}

export function correctAward(
  ctx: ServiceContext,
  input: ParsedInput<'grants.correctAward'>,
): Grant {
  const model = createGrantModel(ctx);
  const { db } = ctx;
  return db.transaction(() => {
    const g = awardedGrant(ctx, input.id);
    // Invariant 5: the award as decided and as corrected must both be in open years.
    assertYearsOpen(db, [yearOf(g.decisionDate), yearOf(input.decisionDate)], 'decisionDate');
    if (g.appliedDate && input.decisionDate < g.appliedDate) {
      throw new AppError(
        'BAD_INPUT',
        `Vedtaksdato (${formatIsoDate(input.decisionDate)}) kan ikke være før søknadsdato (${formatIsoDate(g.appliedDate)}).`,
        [{ path: 'decisionDate', message: 'Vedtaksdato: før søknadsdato.' }],
      );
    }
    const eur = eurAwardOf(g, input.awardedEurCents);
    const sameAward =
      input.awardedOre === g.awardedOre &&
      input.decisionDate === g.decisionDate &&
      eur === g.awardedEurCents;
    if (sameAward && input.splits === null) {
      throw new AppError(
        'BAD_INPUT',
        'Rettingen endrer ingenting: innvilget beløp og vedtaksdato er de samme som før.',
        [{ path: 'awardedOre', message: 'Innvilget beløp: uendret.' }],
      );
    }
    if (
      g.status === 'delvis_innvilget' &&
      g.appliedOre !== null &&
      input.awardedOre >= g.appliedOre
    ) {
      throw conflict(
        `Delvis innvilget betyr mindre enn søkt: innvilget beløp (${kr(input.awardedOre)}) må være lavere enn søkt beløp (${kr(g.appliedOre)}).`,
        [{ path: 'awardedOre', message: 'Innvilget beløp: må være lavere enn søkt.' }],
      );
    }
    assertTotalFits(ctx, g, input.awardedOre);
    if (!sameAward) {
      insertChange(ctx, {
        grantId: g.id,
        kind: 'correction',
        decisionDate: input.decisionDate,
        previousDecisionDate: g.decisionDate,
        previousTotalOre: g.awardedOre,
        totalOre: input.awardedOre,
        reference: null,
        reason: input.reason,
      });
      setTotal(
        ctx,
        g,
        {
          awardedOre: input.awardedOre,
          decisionDate: input.decisionDate,
          awardedEurCents: eur,
        },
        input.reason,
      );
    }
    if (input.splits !== null) {
      return setYearSplit(ctx, { id: g.id, splits: input.splits });
    }
    if (input.awardedOre !== g.awardedOre) storeSuggestion(ctx, g.id);
    return model.detail(g.id);
  });
}

export function addAwardChange(
  ctx: ServiceContext,
  input: ParsedInput<'grants.addAwardChange'>,
): Grant {
  const model = createGrantModel(ctx);
  const { db } = ctx;
  return db.transaction(() => {
    const g = awardedGrant(ctx, input.id);
    assertYearsOpen(db, [yearOf(input.decisionDate)], 'decisionDate');
    if (input.decisionDate < g.decisionDate) {
      throw new AppError(
        'BAD_INPUT',
        `Vedtaksdato for endringen (${formatIsoDate(input.decisionDate)}) kan ikke være før vedtaket om tilskuddet (${formatIsoDate(g.decisionDate)}).`,
        [{ path: 'decisionDate', message: 'Vedtaksdato: før det opprinnelige vedtaket.' }],
      );
    }
    const total = g.awardedOre + input.changeOre;
    if (total < 0) {
      throw conflict(
        `Reduksjonen (${kr(-input.changeOre)}) er større enn innvilget beløp (${kr(g.awardedOre)}).`,
        [{ path: 'changeOre', message: 'Endring: større enn innvilget beløp.' }],
      );
    }
    assertTotalFits(ctx, g, total);
    // The change goes into its decision year (the nearest year of the grant period).
    const periodYears = yearsOfPeriod(g.periodFrom, g.periodTo);
    let year = yearOf(input.decisionDate);
    const first = periodYears[0];
    const last = periodYears[periodYears.length - 1];
    if (first !== undefined && last !== undefined) year = Math.min(Math.max(year, first), last);
    const split = model.splits(g.id);
    const part = split.find((s) => s.year === year)?.amountOre ?? 0;
    if (part + input.changeOre < 0) {
      throw conflict(
        `Reduksjonen (${kr(-input.changeOre)}) er større enn det som er fordelt på ${year} (${kr(part)}). Rett fordelingen per år først.`,
        [{ path: 'changeOre', message: `Endring: større enn fordelingen for ${year}.` }],
      );
    }
    insertChange(ctx, {
      grantId: g.id,
      kind: 'top_up',
      decisionDate: input.decisionDate,
      previousDecisionDate: null,
      previousTotalOre: g.awardedOre,
      totalOre: total,
      reference: input.reference,
      reason: input.reason,
    });
    setTotal(ctx, g, { awardedOre: total }, input.reason);
    if (split.length === 0) {
      storeSuggestion(ctx, g.id);
    } else {
      const next = split.some((s) => s.year === year)
        ? split.map((s) => (s.year === year ? { ...s, amountOre: part + input.changeOre } : s))
        : [...split, { year, amountOre: input.changeOre, confirmed: true }];
      const multi = next.length > 1;
      writeYearSplit(
        ctx,
        g.id,
        next.map((s) => (s.year === year ? { ...s, confirmed: !multi } : s)),
      );
    }
    return model.detail(g.id);
  });
}

export function suggestAwardYearSplit(
  ctx: ServiceContext,
  input: ParsedInput<'grants.suggestYearSplit'>,
): Output<'grants.suggestYearSplit'> {
  const g = awardedGrant(ctx, input.id);
  return suggestYearSplit(g, input.method);
}

/** Confirms the split as it stands; it must sum exactly to the award. */
export function confirmYearSplit(
  ctx: ServiceContext,
  input: ParsedInput<'grants.confirmYearSplit'>,
): Grant {
  const model = createGrantModel(ctx);
  const { db } = ctx;
  return db.transaction(() => {
    const g = awardedGrant(ctx, input.id);
    const split = model.splits(g.id);
    const sum = split.reduce((a, s) => a + s.amountOre, 0);
    if (split.length === 0 || sum !== g.awardedOre) {
      throw conflict(
        `Fordelingen per år (${kr(sum)}) stemmer ikke med innvilget beløp (${kr(g.awardedOre)}); lagre en fordeling som summerer til innvilget beløp.`,
        [{ path: 'splits', message: 'Fordeling per år: summen stemmer ikke.' }],
      );
    }
    writeYearSplit(
      ctx,
      g.id,
      split.map((s) => ({ ...s, confirmed: true })),
    );
    return model.detail(g.id);
  });
}

export function createAwardsService(ctx: ServiceContext) {
  return {
    correctAward: (input: ParsedInput<'grants.correctAward'>) => correctAward(ctx, input),
    addAwardChange: (input: ParsedInput<'grants.addAwardChange'>) => addAwardChange(ctx, input),
    suggestYearSplit: (input: ParsedInput<'grants.suggestYearSplit'>) =>
      suggestAwardYearSplit(ctx, input),
    confirmYearSplit: (input: ParsedInput<'grants.confirmYearSplit'>) =>
      confirmYearSplit(ctx, input),
  };
}

export type AwardsService = ReturnType<typeof createAwardsService>;
