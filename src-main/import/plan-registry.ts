/** Planning rows of member centres and funders: the create inputs, and repeated names. */
import { CentreCreateInput, FunderCreateInput } from '../../src-shared/api/contract';
import { nameKey } from '../platform/context';
import { flagRepeats, text, zodProblems, type ImportContext, type Plan } from './rows';
import type { PlannedRow } from './worker-protocol';

export function planCentres(
  ictx: ImportContext,
  base: Omit<Plan, 'rows'>,
  rows: PlannedRow[],
): void {
  const { mapping } = base;
  for (const row of rows) {
    const v = row.values;
    const parsed = CentreCreateInput.safeParse({
      name: v.name,
      driftsform: v.driftsform,
      region: v.region,
      dailyLeader: v.dailyLeader,
      contactEmail: v.contactEmail,
      orgNumber: v.orgNumber,
      notes: v.notes,
      joinedDate: v.joinedDate,
    });
    if (!parsed.success) zodProblems('centres', mapping, row, parsed.error);
    else row.write = () => void ictx.centresService.create(parsed.data);
  }
  flagRepeats(
    rows,
    (r) => (text(r.values.name) ? nameKey(String(r.values.name)) : null),
    'name',
    mapping,
    (r) => `«${String(r.values.name)}»`,
  );
}

export function planFunders(
  ictx: ImportContext,
  base: Omit<Plan, 'rows'>,
  rows: PlannedRow[],
): void {
  const { mapping } = base;
  for (const row of rows) {
    const v = row.values;
    const parsed = FunderCreateInput.safeParse({
      name: v.name,
      funderType: v.funderType,
      orgNumber: v.orgNumber,
      website: v.website,
      notes: v.notes,
    });
    if (!parsed.success) zodProblems('funders', mapping, row, parsed.error);
    else row.write = () => void ictx.fundersService.create(parsed.data);
  }
  flagRepeats(
    rows,
    (r) => (text(r.values.name) ? nameKey(String(r.values.name)) : null),
    'name',
    mapping,
    (r) => `«${String(r.values.name)}»`,
  );
}
