/**
 * A grant's life-cycle and award: status transitions (setStatus), the year split of the
 * award (setYearSplit) and keeping that split consistent with the award and the period.
 */
import { eq } from 'drizzle-orm';
import { grants } from '../../db/schema';
import type { Grant, ParsedInput } from '../../src-shared/api/contract';
import { conflict, type FieldIssue } from '../../src-shared/api/errors';
import { formatIsoDate, yearOf } from '../../src-shared/kernel/dates';
import {
  AWARDED_STATUSES,
  GRANT_TRANSITIONS,
  canTransition,
  yearsOfPeriod,
} from '../../src-shared/grants/rules';
import { formatOre } from '../../src-shared/kernel/money';
import {
  automaticSplit,
  needsConfirmation,
  type SplitBasis,
} from '../../src-shared/grants/year-split';
import { recordChange, type ServiceContext } from '../platform/context';
import { assertGrantDefinitionOpen } from '../yearend/definition-locks';
import { assertYearsOpen } from '../yearend/locks';
import { eurAwardOf } from './euro';
import { assertAdminShareFits, assertPartial, badInput } from './grant-fields';
import { createGrantModel, grantAuditView, STATUS_LABEL, type GrantRecord } from './queries';
import { writeYearSplit } from './year-split-store';

const kr = (ore: number) => formatOre(ore);

/** Replaces the year split by `next` (logged; closed years locked), confirmed or not. */
function writeSplit(
  ctx: ServiceContext,
  grantId: number,
  next: { year: number; amountOre: number }[],
  confirmed: boolean,
): void {
  writeYearSplit(
    ctx,
    grantId,
    next.map((n) => ({ ...n, confirmed })),
  );
}

/**
 * Keeps the year split consistent with the award and period: when there is none, or it
 * does not sum to the award, or has years outside the period, the app suggests one (by
 * activity days) and stores it unconfirmed when it spans several years (issue 10.4).
 */
export function ensureSplit(ctx: ServiceContext, g: GrantRecord): void {
  const model = createGrantModel(ctx);
  if (g.awardedOre === null) return;
  const current = model.splits(g.id);
  const periodYears = yearsOfPeriod(g.periodFrom, g.periodTo);
  const sum = current.reduce((a, s) => a + s.amountOre, 0);
  const fits =
    current.length > 0 &&
    sum === g.awardedOre &&
    (periodYears.length === 0 || current.every((s) => periodYears.includes(s.year)));
  if (fits) return;
  const next = automaticSplit(g as SplitBasis);
  if (next.length === 0) return;
  writeSplit(ctx, g.id, next, !needsConfirmation(next));
}

/** CONFLICT naming the statuses allowed from here when GRANT_TRANSITIONS has no such step. */
function assertTransition(from: GrantRecord['status'], to: GrantRecord['status']): void {
  if (!canTransition(from, to)) {
    const allowed = GRANT_TRANSITIONS[from].map((s) => `«${STATUS_LABEL[s]}»`);
    throw conflict(
      `Status kan ikke endres fra «${STATUS_LABEL[from]}» til «${STATUS_LABEL[to]}». ${
        allowed.length > 0
          ? `Fra «${STATUS_LABEL[from]}» kan den bare bli ${allowed.join(' eller ')}.`
          : `«${STATUS_LABEL[from]}» er en sluttstatus.`
      }`,
      [{ path: 'status', message: 'Status: denne endringen er ikke tillatt.' }],
    );
  }
}

/** The decision date and awarded amount a status needs (or must not have). */
function statusIssues(
  before: { appliedDate: string | null },
  input: ParsedInput<'grants.setStatus'>,
  awarding: boolean,
  carriesMoney: boolean,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (awarding) {
    if (!input.decisionDate) {
      issues.push({
        path: 'decisionDate',
        message: `Vedtaksdato må fylles ut når tilskuddet blir «${STATUS_LABEL[input.status]}».`,
      });
    }
    if (carriesMoney && input.awardedOre === null) {
      issues.push({
        path: 'awardedOre',
        message: `Innvilget beløp må fylles ut når tilskuddet blir «${STATUS_LABEL[input.status]}».`,
      });
    }
  } else {
    if (input.awardedOre !== null) {
      issues.push({
        path: 'awardedOre',
        message: 'Innvilget beløp kan bare settes når tilskuddet innvilges.',
      });
    }
    if (input.decisionDate && input.status !== 'avslatt') {
      issues.push({
        path: 'decisionDate',
        message: 'Vedtaksdato kan bare settes når tilskuddet innvilges eller avslås.',
      });
    }
  }
  if (input.decisionDate && before.appliedDate && input.decisionDate < before.appliedDate) {
    issues.push({
      path: 'decisionDate',
      message: `Vedtaksdato (${formatIsoDate(input.decisionDate)}) kan ikke være før søknadsdato (${formatIsoDate(before.appliedDate)}).`,
    });
  }
  return issues;
}

/**
 * Moves a grant along GRANT_TRANSITIONS. Awarding needs the decision date and, for grants
 * that carry money, the awarded amount («Delvis innvilget»: less than applied). Awarding
 * more than applied is allowed (funders sometimes round up). The award is spread over
 * the period's years automatically; setYearSplit changes that.
 */
export function setStatus(ctx: ServiceContext, input: ParsedInput<'grants.setStatus'>): Grant {
  const model = createGrantModel(ctx);
  const { db } = ctx;
  return db.transaction(() => {
    const before = model.row(input.id);
    assertTransition(before.status, input.status);
    const carriesMoney = before.kssRole !== 'stottepartner';
    const awarding = AWARDED_STATUSES.includes(input.status);
    const issues = statusIssues(before, input, awarding, carriesMoney);
    if (issues.length > 0) throw badInput(issues);
    if (awarding && !carriesMoney && input.awardedOre !== null) {
      throw conflict(
        `«${before.projectName}» er støttepartner: tilskuddet føres uten beløp (Innvilget beløp skal være tomt).`,
        [{ path: 'awardedOre', message: 'Innvilget beløp: skal være tomt.' }],
      );
    }

    if (awarding && input.decisionDate) {
      // Invariant 5: an award dated in a closed year (or changing one) is locked.
      assertYearsOpen(
        db,
        [yearOf(input.decisionDate), before.decisionDate ? yearOf(before.decisionDate) : null],
        'decisionDate',
      );
    }
    const patch: Partial<GrantRecord> = {
      status: input.status,
      updatedAtMs: ctx.clock.nowMs(),
    };
    if (input.decisionDate) patch.decisionDate = input.decisionDate;
    if (input.reference) patch.reference = input.reference;
    if (awarding && carriesMoney && input.awardedOre !== null) {
      const awarded = input.awardedOre;
      if (input.status === 'delvis_innvilget') {
        assertPartial(awarded, before.appliedOre, 'awardedOre');
      }
      if (before.kssShareOre !== null && before.kssShareOre > awarded) {
        throw conflict(
          `Innvilget beløp (${kr(awarded)}) er lavere enn KSS sin andel (${kr(before.kssShareOre)}); differansen er ${kr(before.kssShareOre - awarded)}. Rett KSS sin andel først.`,
          [{ path: 'awardedOre', message: 'Innvilget beløp: lavere enn KSS sin andel.' }],
        );
      }
      assertAdminShareFits(
        { ...before, awardedOre: awarded },
        model.ledger(before.id),
        model.allocatedOf(before.id),
      );
      patch.awardedOre = awarded;
      patch.awardedEurCents = eurAwardOf(before, input.awardedEurCents);
    }
    assertGrantDefinitionOpen(db, before, { ...before, ...patch });
    const after = db.update(grants).set(patch).where(eq(grants.id, input.id)).returning().get();
    if (awarding) ensureSplit(ctx, after);
    const { projectName: _p, kssRole: _r, funderName: _f, ...beforeRecord } = before;
    recordChange(ctx, {
      entity: 'grant',
      entityId: input.id,
      action: 'update',
      before: grantAuditView(beforeRecord),
      after: grantAuditView(after),
      reason: input.reason,
    });
    return model.detail(input.id);
  });
}

/** Spreads the award over fiscal years; years unique, inside the period, summing exactly. */
export function setYearSplit(
  ctx: ServiceContext,
  input: ParsedInput<'grants.setYearSplit'>,
): Grant {
  const model = createGrantModel(ctx);
  const { db } = ctx;
  return db.transaction(() => {
    const g = model.row(input.id);
    if (g.kssRole === 'stottepartner') {
      throw conflict(
        `«${g.projectName}» er støttepartner: tilskuddet føres uten beløp, og har ingen fordeling per år.`,
      );
    }
    if (g.awardedOre === null) {
      throw conflict(
        `Fordeling per år krever et innvilget beløp; «${g.title}» har status «${STATUS_LABEL[g.status]}».`,
      );
    }
    const issues: FieldIssue[] = [];
    const periodYears = yearsOfPeriod(g.periodFrom, g.periodTo);
    const seen = new Set<number>();
    input.splits.forEach((s, i) => {
      if (seen.has(s.year)) {
        issues.push({ path: `splits.${i}.year`, message: `År: ${s.year} står flere ganger.` });
      }
      seen.add(s.year);
      if (periodYears.length > 0 && !periodYears.includes(s.year)) {
        issues.push({
          path: `splits.${i}.year`,
          message: `År: ${s.year} er utenfor tilskuddsperioden (${periodYears[0]}–${periodYears[periodYears.length - 1]}).`,
        });
      }
    });
    if (issues.length > 0) throw badInput(issues);
    const sum = input.splits.reduce((a, s) => a + s.amountOre, 0);
    if (sum !== g.awardedOre) {
      throw conflict(
        `Fordelingen per år (${kr(sum)}) må være lik innvilget beløp (${kr(g.awardedOre)}); differansen er ${kr(Math.abs(sum - g.awardedOre))}.`,
        [
          {
            path: 'splits',
            message: 'Fordeling per år: summen stemmer ikke med innvilget beløp.',
          },
        ],
      );
    }
    // Saving a split is confirming it (issue 10.4).
    writeSplit(
      ctx,
      g.id,
      [...input.splits].sort((a, b) => a.year - b.year),
      true,
    );
    return model.detail(g.id);
  });
}
