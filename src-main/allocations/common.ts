/**
 * What the rounds, allocations and centre-report services share: the read model, the
 * allocation update that is logged, and the payout-and-return path on the grant's ledger
 * (every movement is logged in the same transaction: invariant 6 of docs/DOMAIN.md).
 */
import { eq } from 'drizzle-orm';
import { allocations, movements, organisations } from '../../db/schema';
import { AppError, conflict, type FieldIssue } from '../../src-shared/api/errors';
import { formatIsoDate } from '../../src-shared/kernel/dates';
import { AWARDED_STATUSES, type GrantStatus } from '../../src-shared/grants/rules';
import { formatOre } from '../../src-shared/kernel/money';
import {
  allocationAuditView,
  createAllocationModel,
  type AllocationRecord,
  type RoundRecord,
} from './queries';
import { recordChange, type ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { STATUS_LABEL, type GrantRow } from '../grants/queries';

export const kr = (ore: number) => formatOre(ore);
export const date = (iso: string) => formatIsoDate(iso);

export function badInput(issues: FieldIssue[]): AppError {
  return new AppError('BAD_INPUT', issues[0]?.message ?? 'Ugyldige opplysninger.', issues);
}

/** «A», «B» og «C». */
export function nameList(names: readonly string[]): string {
  const quoted = names.map((n) => `«${n}»`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} og ${quoted[quoted.length - 1]}`;
}

/** Statuses in which a centre's return may still come in (also after the grant is closed). */
export const RETURN_STATUSES: readonly GrantStatus[] = [...AWARDED_STATUSES, 'avsluttet'];

/** Statuses in which a grant has no money to pass on. */
export const NO_MONEY_STATUSES: readonly GrantStatus[] = ['avslatt', 'trukket'];

function statusList(statuses: readonly GrantStatus[]): string {
  return statuses.map((s) => `«${STATUS_LABEL[s]}»`).join(' eller ');
}

/** What the allocation services share: the read model and the ledger writes. */
export function createAllocationCore(ctx: ServiceContext) {
  const { db } = ctx;
  const model = createAllocationModel(ctx);
  const grants = model.grantModel;

  /** The round's grant must be in one of `statuses` for `what`. */
  function grantIn(r: RoundRecord, statuses: readonly GrantStatus[], what: string): GrantRow {
    const g = grants.row(r.grantId);
    if (!statuses.includes(g.status)) {
      throw conflict(
        `${what} krever at tilskuddet har status ${statusList(statuses)}; «${g.title}» har status «${STATUS_LABEL[g.status]}».`,
      );
    }
    return g;
  }

  function centreName(centreId: number): string {
    const row = db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, centreId))
      .get();
    return row?.name ?? `senter ${centreId}`;
  }

  function updateAllocation(
    before: AllocationRecord,
    patch: Partial<AllocationRecord>,
    reason: string | null = null,
  ): AllocationRecord {
    const after = db
      .update(allocations)
      .set({ ...patch, updatedAtMs: ctx.clock.nowMs() })
      .where(eq(allocations.id, before.id))
      .returning()
      .get();
    recordChange(ctx, {
      entity: 'allocation',
      entityId: before.id,
      action: 'update',
      before: allocationAuditView(before),
      after: allocationAuditView(after),
      reason,
    });
    return after;
  }

  /** Appends a payout or return to the grant's ledger, logged like every movement. */
  function insertMovement(
    values: Omit<typeof movements.$inferInsert, 'createdAtMs' | 'actor' | 'id'>,
  ): void {
    insertRecorded(
      ctx,
      movements,
      { ...values, createdAtMs: ctx.clock.nowMs(), actor: ctx.actor },
      { entity: 'movement' },
    );
  }

  return { ctx, db, model, grants, grantIn, centreName, updateAllocation, insertMovement };
}

/** The shared parts every allocation function takes first. */
export type AllocationCore = ReturnType<typeof createAllocationCore>;
