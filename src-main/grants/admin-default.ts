/**
 * The organisation's default admin share (Innstillinger) applied to a new grant whose admin
 * rule is not given: a percentage of the default basis points, or «ingen» when there is no
 * default, and always «ingen» for a støttepartner project (which carries no amounts).
 * A rule given explicitly is kept as it is.
 */
import { eq } from 'drizzle-orm';
import { organisationSettings } from '../../db/schema';
import type { ParsedInput } from '../../src-shared/api/contract';
import type { KssRole } from '../../src-shared/grants/rules';
import type { ServiceContext } from '../platform/context';

type CreateInput = ParsedInput<'grants.create'>;
type WithRule = CreateInput & { adminRule: NonNullable<CreateInput['adminRule']> };

export function withDefaultAdminRule(
  ctx: ServiceContext,
  input: CreateInput,
  project: { kssRole: KssRole },
): WithRule {
  if (input.adminRule !== undefined) return { ...input, adminRule: input.adminRule };
  if (project.kssRole === 'stottepartner') return { ...input, adminRule: 'none' };
  if (input.adminBasisPoints !== null) return { ...input, adminRule: 'percent' };
  const fallback = ctx.db
    .select({ bp: organisationSettings.defaultAdminBasisPoints })
    .from(organisationSettings)
    .where(eq(organisationSettings.id, 1))
    .get()?.bp;
  return fallback == null
    ? { ...input, adminRule: 'none' }
    : { ...input, adminRule: 'percent', adminBasisPoints: fallback };
}
