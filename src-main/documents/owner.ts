/** What notes and documents hang on: a grant or a funder (the contract ensures exactly one). */
import { eq } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { funders, grants } from '../../db/schema';
import { notFound } from '../../src-shared/api/errors';
import type { ServiceContext } from '../platform/context';

export interface Owner {
  grantId: number | null;
  funderId: number | null;
}

/** NOT_FOUND when the grant or funder does not exist. */
export function assertOwner(ctx: ServiceContext, owner: Owner): void {
  if (owner.grantId !== null) {
    const found = ctx.db.select({ id: grants.id }).from(grants).where(eq(grants.id, owner.grantId));
    if (!found.get()) throw notFound('Fant ikke tilskuddet.');
  } else if (owner.funderId !== null) {
    const found = ctx.db
      .select({ id: funders.organisationId })
      .from(funders)
      .where(eq(funders.organisationId, owner.funderId));
    if (!found.get()) throw notFound('Fant ikke tilskuddsyteren.');
  } else {
    throw notFound('Fant ikke tilskuddet eller tilskuddsyteren.');
  }
}

export function ownerWhere(table: { grantId: SQLiteColumn; funderId: SQLiteColumn }, owner: Owner) {
  return owner.grantId !== null
    ? eq(table.grantId, owner.grantId)
    : eq(table.funderId, owner.funderId ?? -1);
}
