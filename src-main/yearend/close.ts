/**
 * Year-end close (årsavslutning): the checklist of a fiscal year, decisions on closing
 * balances, confirmed exceptions, closing (after a verified backup) and reopening (with a
 * reason). Closing and reopening write an event (append-only) and a change-log row in the same
 * transaction (invariants 5 and 6 of docs/DOMAIN.md); the database then refuses changes dated in the closed
 * year (migration 0006), and the other services check the lock first (fiscal-lock.ts).
 */
import { and, eq } from 'drizzle-orm';
import {
  balanceDecisions,
  checklistExceptions,
  fiscalYearEvents,
  fiscalYears,
} from '../../db/schema';
import type { ParsedInput, YearEndOverview } from '../../src-shared/api/contract';
import { AppError, conflict, notFound } from '../../src-shared/api/errors';
import { formatInstant } from '../../src-shared/safety/audit';
import type { FiscalYearAction } from '../../src-shared/yearend/rules';
import { BALANCE_DECISION_FULL_LABELS } from '../../src-shared/yearend/labels';
import { formatOre } from '../../src-shared/kernel/money';
import { backupBeforeRisk } from '../platform/backup-controller';
import { recordChange, type ServiceContext } from '../platform/context';
import { assertYearsOpen, lockingYear } from './locks';
import { checklistOf, overviewFrom } from './queries';
import { loadOverviewData } from './overview-data';
import { assertExceptionAllowed, assertSplitsConfirmed } from './split-check';

const kr = (ore: number) => formatOre(ore);

/** How many open items a refusal names before it says «og N til». */
const NAMED_ITEMS = 5;

function overview(ctx: ServiceContext, year: number): YearEndOverview {
  const data = loadOverviewData(ctx, year);
  return overviewFrom(data, data.priorYearCorrections);
}

/** Writes the close/reopen event and then the status (a trigger insists on that order). */
function changeStatus(
  ctx: ServiceContext,
  year: number,
  action: FiscalYearAction,
  reason: string | null,
): void {
  const { db } = ctx;
  const now = ctx.clock.nowMs();
  const before = db.select().from(fiscalYears).where(eq(fiscalYears.year, year)).get();
  db.insert(fiscalYearEvents).values({ year, action, atMs: now, actor: ctx.actor, reason }).run();
  const values =
    action === 'close'
      ? { status: 'closed' as const, closedAtMs: now, closedBy: ctx.actor, closeReason: reason }
      : { status: 'open' as const, closedAtMs: null, closedBy: null, closeReason: null };
  // An UPDATE of the existing row, never an upsert: a trigger (0009) refuses any insert
  // whose year already exists, so INSERT OR REPLACE cannot get round the year lock.
  const after = before
    ? db
        .update(fiscalYears)
        .set({ ...values, updatedAtMs: now })
        .where(eq(fiscalYears.year, year))
        .returning()
        .get()
    : db
        .insert(fiscalYears)
        .values({ year, ...values, updatedAtMs: now })
        .returning()
        .get();
  const view = (r: typeof after) => {
    const { updatedAtMs: _u, ...rest } = r;
    return rest;
  };
  recordChange(ctx, {
    entity: 'fiscal_year',
    entityId: year,
    action: before ? 'update' : 'create',
    ...(before ? { before: view(before) } : {}),
    after: view(after),
    reason: reason ?? (action === 'close' ? `Regnskapsåret ${year} avsluttet.` : null),
  });
}

type DecideBalanceInput = ParsedInput<'yearEnd.decideBalance'>;

/** The grant's closing balance of the year, when there is one to decide on. */
function decidableBalance(ctx: ServiceContext, input: DecideBalanceInput) {
  const data = loadOverviewData(ctx, input.year, [input.grantId]);
  const y = data.grantById.get(input.grantId);
  if (!y) throw notFound(`Fant ikke tilskuddet (id ${input.grantId}).`);
  if (y.g.kssRole === 'stottepartner') {
    throw conflict(
      `«${y.g.projectName}» er støttepartner: tilskuddet føres uten beløp, og har ingen saldo å beslutte.`,
    );
  }
  const closing = y.balance.closingOre;
  if (closing === 0) {
    throw conflict(
      `Utgående saldo for «${y.g.title}» i ${input.year} er 0 kr; det er ingenting å beslutte.`,
      [{ path: 'grantId', message: 'Tilskudd: saldoen er 0 kr.' }],
    );
  }
  if (closing < 0 && input.decision !== 'explained') {
    throw conflict(
      `Utgående saldo for «${y.g.title}» i ${input.year} er negativ (${kr(closing)}) og kan ikke overføres eller tilbakebetales; rett bevegelsene, eller forklar saldoen.`,
      [{ path: 'decision', message: 'Beslutning om saldo: velg «forklart».' }],
    );
  }
  return { title: y.g.title, closing };
}

/**
 * What happens to a grant's closing balance for the year. The amount is the closing
 * balance now; if the balance changes later, the checklist asks again. «Overføres»
 * needs the funder's approval reference and date, «forklart» a note (checked by the
 * contract too). Replaces an earlier decision for the same grant and year.
 */
function decideBalance(ctx: ServiceContext, input: DecideBalanceInput): YearEndOverview {
  const { db } = ctx;
  return db.transaction(() => {
    assertYearsOpen(db, [input.year], 'year');
    const { title, closing } = decidableBalance(ctx, input);
    const now = ctx.clock.nowMs();
    const values = {
      decision: input.decision,
      amountOre: closing,
      approvalRef: input.decision === 'carried_forward' ? input.approvalRef : null,
      approvalDate: input.decision === 'carried_forward' ? input.approvalDate : null,
      note: input.note,
      actor: ctx.actor,
      updatedAtMs: now,
    };
    const before = db
      .select()
      .from(balanceDecisions)
      .where(
        and(eq(balanceDecisions.grantId, input.grantId), eq(balanceDecisions.year, input.year)),
      )
      .get();
    const after = before
      ? db
          .update(balanceDecisions)
          .set(values)
          .where(eq(balanceDecisions.id, before.id))
          .returning()
          .get()
      : db
          .insert(balanceDecisions)
          .values({ ...values, grantId: input.grantId, year: input.year, createdAtMs: now })
          .returning()
          .get();
    recordChange(ctx, {
      entity: 'balance_decision',
      entityId: after.id,
      action: before ? 'update' : 'create',
      ...(before ? { before } : {}),
      after,
      reason: `${BALANCE_DECISION_FULL_LABELS[input.decision]}: ${kr(closing)} på «${title}» ved utgangen av ${input.year}.`,
    });
    return overview(ctx, input.year);
  });
}

/** Accepts one open checklist item of the year as an exception, with the reason. */
function confirmException(
  ctx: ServiceContext,
  input: ParsedInput<'yearEnd.confirmException'>,
): YearEndOverview {
  const { db } = ctx;
  return db.transaction(() => {
    assertYearsOpen(db, [input.year], 'year');
    const item = checklistOf(loadOverviewData(ctx, input.year)).find(
      (i) => i.key === input.itemKey,
    );
    if (!item) {
      const message = `Punkt i sjekklisten finnes ikke for ${input.year} (det kan allerede være løst): ${input.itemKey}.`;
      throw new AppError('BAD_INPUT', message, [{ path: 'itemKey', message }]);
    }
    assertExceptionAllowed(item);
    const before = db
      .select()
      .from(checklistExceptions)
      .where(
        and(
          eq(checklistExceptions.year, input.year),
          eq(checklistExceptions.itemKey, input.itemKey),
        ),
      )
      .get();
    const values = { reason: input.reason, actor: ctx.actor, createdAtMs: ctx.clock.nowMs() };
    const after = before
      ? db
          .update(checklistExceptions)
          .set(values)
          .where(eq(checklistExceptions.id, before.id))
          .returning()
          .get()
      : db
          .insert(checklistExceptions)
          .values({ ...values, year: input.year, itemKey: input.itemKey })
          .returning()
          .get();
    recordChange(ctx, {
      entity: 'checklist_exception',
      entityId: after.id,
      action: before ? 'update' : 'create',
      ...(before ? { before } : {}),
      after,
      reason: `${item.title}: ${input.reason}`,
    });
    return overview(ctx, input.year);
  });
}

/**
 * Closes the year: refused while it is closed already or while checklist items are open
 * without an exception (the message names them). Takes a verified backup first
 * (`pre-year-close`); if that fails, nothing is changed.
 */
function closeYear(ctx: ServiceContext, input: ParsedInput<'yearEnd.close'>): YearEndOverview {
  const { db } = ctx;
  const current = overview(ctx, input.year);
  if (current.status === 'closed') {
    const when = current.closedAtMs === null ? '' : ` ${formatInstant(current.closedAtMs)}`;
    throw conflict(`Regnskapsåret ${input.year} er allerede avsluttet${when}.`);
  }
  assertSplitsConfirmed(input.year, current.items);
  const open = current.items.filter((i) => i.exception === null);
  if (open.length > 0) {
    const named = open.slice(0, NAMED_ITEMS).map((i) => i.title);
    const more = open.length - named.length;
    throw conflict(
      `Regnskapsåret ${input.year} kan ikke avsluttes: ${open.length === 1 ? 'ett punkt på sjekklisten er åpent' : `${open.length} punkter på sjekklisten er åpne`}: ${named.join('; ')}${more > 0 ? ` (og ${more} til)` : ''}. Løs punktene, eller bekreft et unntak med begrunnelse for hvert av dem.`,
      open.map((i) => ({ path: `items.${i.key}`, message: i.title })),
    );
  }
  // VACUUM INTO cannot run inside a transaction, so the copy comes first.
  backupBeforeRisk(ctx, 'pre-year-close');
  return db.transaction(() => {
    const again = db.select().from(fiscalYears).where(eq(fiscalYears.year, input.year)).get();
    if (again?.status === 'closed') {
      throw conflict(`Regnskapsåret ${input.year} er allerede avsluttet.`);
    }
    changeStatus(ctx, input.year, 'close', input.reason);
    return overview(ctx, input.year);
  });
}

/**
 * Reopens a closed year; the reason is required (contract) and kept with the event and
 * in the change log. Refused while a later year is closed: that year's opening balance
 * depends on this one, so it must be reopened first.
 */
function reopenYear(ctx: ServiceContext, input: ParsedInput<'yearEnd.reopen'>): YearEndOverview {
  const { db } = ctx;
  return db.transaction(() => {
    const row = db.select().from(fiscalYears).where(eq(fiscalYears.year, input.year)).get();
    if (row?.status !== 'closed') {
      throw conflict(`Regnskapsåret ${input.year} er ikke avsluttet, og kan ikke gjenåpnes.`);
    }
    const later = lockingYear(db, input.year + 1);
    if (later !== null) {
      const message = `Regnskapsåret ${later} er også avsluttet, og inngående saldo for ${later} bygger på ${input.year}. Gjenåpne ${later} først.`;
      throw conflict(message, [{ path: 'year', message }]);
    }
    changeStatus(ctx, input.year, 'reopen', input.reason);
    return overview(ctx, input.year);
  });
}

export function createYearEndService(ctx: ServiceContext) {
  return {
    /** The checklist, grants with money in the year, status and events. */
    overview: (input: ParsedInput<'yearEnd.overview'>): YearEndOverview =>
      overview(ctx, input.year),
    decideBalance: (input: DecideBalanceInput): YearEndOverview => decideBalance(ctx, input),
    confirmException: (input: ParsedInput<'yearEnd.confirmException'>): YearEndOverview =>
      confirmException(ctx, input),
    close: (input: ParsedInput<'yearEnd.close'>): YearEndOverview => closeYear(ctx, input),
    reopen: (input: ParsedInput<'yearEnd.reopen'>): YearEndOverview => reopenYear(ctx, input),
  };
}

export type YearEndService = ReturnType<typeof createYearEndService>;
