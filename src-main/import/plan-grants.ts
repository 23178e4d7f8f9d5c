/**
 * Planning grant rows: the project and funder each row names, the statuses the grant goes
 * through to end where the row says, and the writer that creates it through the grants service.
 */
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { funders, grants, organisations, projects } from '../../db/schema';
import { GrantCreateInput, GrantStatusInput } from '../../src-shared/api/contract';
import { AWARDED_STATUSES, type GrantStatus, type KssRole } from '../../src-shared/grants/rules';
import type { ImportMapping } from '../../src-shared/import/rules';
import { STATUS_LABEL } from '../grants/queries';
import { nameKey } from '../platform/context';
import {
  ALIASES,
  flagRepeats,
  problemAt,
  text,
  zodProblems,
  type ImportContext,
  type Plan,
} from './rows';
import type { PlannedRow } from './worker-protocol';

const GrantAwardImport = z.object({
  awardedOre: GrantStatusInput.shape.awardedOre,
  decisionDate: GrantStatusInput.shape.decisionDate,
});

function grantStatusOf(applied: number | null, awarded: number): GrantStatus {
  return applied !== null && awarded < applied ? 'delvis_innvilget' : 'innvilget';
}

/** Projects and organisations by name key, and the grants already registered. */
function grantLookups(db: ImportContext['db']) {
  const projectByKey = new Map(
    db
      .select({
        id: projects.id,
        name: projects.name,
        nameKey: projects.nameKey,
        kssRole: projects.kssRole,
      })
      .from(projects)
      .all()
      .map((p) => [p.nameKey, p]),
  );
  const orgByKey = new Map(
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        nameKey: organisations.nameKey,
        funderId: funders.organisationId,
      })
      .from(organisations)
      .leftJoin(funders, eq(funders.organisationId, organisations.id))
      .all()
      .map((o) => [o.nameKey, o]),
  );
  const existing = new Set(
    db
      .select({ projectId: grants.projectId, funderId: grants.funderId, title: grants.title })
      .from(grants)
      .all()
      .map((g) => `${g.projectId}|${g.funderId}|${nameKey(g.title)}`),
  );
  return { projectByKey, orgByKey, existing };
}

type GrantLookups = ReturnType<typeof grantLookups>;

/** The project and funder a row names, or a problem on the column that names them. */
function findProjectAndFunder(mapping: ImportMapping, row: PlannedRow, lookups: GrantLookups) {
  const { projectByKey, orgByKey } = lookups;
  const v = row.values;
  const taken = new Set(row.problems.map((p) => p.field));
  let project: { id: number; name: string; kssRole: KssRole } | null = null;
  let funderId: number | null = null;
  const projectName = text(v.project);
  if (projectName && !taken.has('project')) {
    project = projectByKey.get(nameKey(projectName)) ?? null;
    if (!project) {
      row.problems.push(
        problemAt(
          mapping,
          row.rowNumber,
          'project',
          `Fant ikke prosjektet «${projectName}». Registrer det under Prosjekter og tiltak først, eller rett navnet.`,
        ),
      );
    }
  }
  const funderName = text(v.funder);
  if (funderName && !taken.has('funder')) {
    const org = orgByKey.get(nameKey(funderName));
    if (!org) {
      row.problems.push(
        problemAt(
          mapping,
          row.rowNumber,
          'funder',
          `Fant ikke tilskuddsyteren «${funderName}». Registrer eller importer tilskuddsyterne først, eller rett navnet.`,
        ),
      );
    } else if (org.funderId === null) {
      row.problems.push(
        problemAt(
          mapping,
          row.rowNumber,
          'funder',
          `«${org.name}» er registrert, men ikke som tilskuddsyter. Registrer den som tilskuddsyter først.`,
        ),
      );
    } else funderId = org.id;
  }
  return { project, funderId, funderName };
}

/**
 * The statuses a grant goes through to end where the row says (given, else what the amounts
 * and dates say); null, with a problem on the row, when the row contradicts itself.
 */
function grantSteps(
  mapping: ImportMapping,
  row: PlannedRow,
  project: { kssRole: KssRole },
  created: Pick<z.output<typeof GrantCreateInput>, 'appliedOre' | 'appliedDate'>,
  award: z.output<typeof GrantAwardImport>,
): { awardStatus: GrantStatus; steps: GrantStatus[] } | null {
  const v = row.values;
  // The status the grant ends in: as given, else what the amounts and dates say.
  const { awardedOre, decisionDate } = award;
  const applied = created.appliedOre;
  let target = (typeof v.status === 'string' ? v.status : null) as GrantStatus | null;
  if (target === null) {
    if (awardedOre !== null) target = grantStatusOf(applied, awardedOre);
    else if (decisionDate !== null) {
      if (project.kssRole === 'stottepartner') target = 'innvilget';
      else {
        row.problems.push(
          problemAt(
            mapping,
            row.rowNumber,
            'awardedOre',
            'Vedtaksdato er fylt ut, men Innvilget beløp mangler. Fyll ut Innvilget beløp, eller sett Status til «Avslått».',
          ),
        );
        return null;
      }
    } else target = created.appliedDate !== null || applied !== null ? 'sokt' : 'utkast';
  }
  const awards = AWARDED_STATUSES.includes(target) || target === 'avsluttet';
  if (awardedOre !== null && !awards) {
    row.problems.push(
      problemAt(
        mapping,
        row.rowNumber,
        'awardedOre',
        `Innvilget beløp kan bare fylles ut når Status er «Innvilget», «Delvis innvilget» eller «Avsluttet», ikke «${STATUS_LABEL[target]}».`,
      ),
    );
    return null;
  }
  if (decisionDate !== null && !awards && target !== 'avslatt') {
    row.problems.push(
      problemAt(
        mapping,
        row.rowNumber,
        'decisionDate',
        `Vedtaksdato kan bare fylles ut når tilskuddet er innvilget eller avslått, ikke «${STATUS_LABEL[target]}».`,
      ),
    );
    return null;
  }
  const awardStatus: GrantStatus =
    target === 'avsluttet'
      ? awardedOre !== null
        ? grantStatusOf(applied, awardedOre)
        : 'innvilget'
      : target;
  const steps: GrantStatus[] =
    target === 'utkast'
      ? []
      : target === 'sokt' || target === 'trukket'
        ? [target]
        : target === 'avsluttet'
          ? ['sokt', awardStatus, 'avsluttet']
          : ['sokt', target];
  return { awardStatus, steps };
}

function planGrantRow(
  ictx: ImportContext,
  mapping: ImportMapping,
  row: PlannedRow,
  lookups: GrantLookups,
  keys: Map<PlannedRow, string>,
  fileName: string,
): void {
  const v = row.values;
  const { project, funderId, funderName } = findProjectAndFunder(mapping, row, lookups);
  const adminPercent = typeof v.adminPercent === 'number' ? v.adminPercent : null;
  const created = GrantCreateInput.safeParse({
    projectId: project?.id ?? null,
    funderId,
    title: v.title,
    schemeName: v.schemeName,
    reference: v.reference,
    editionYear: v.editionYear,
    appliedOre: v.appliedOre,
    appliedDate: v.appliedDate,
    periodFrom: v.periodFrom,
    periodTo: v.periodTo,
    activityFrom: v.activityFrom,
    activityTo: v.activityTo,
    kssShareOre: null,
    adminRule: adminPercent !== null ? 'percent' : 'none',
    adminBasisPoints: adminPercent,
    adminFixedOre: null,
    notes: v.notes,
  });
  const award = GrantAwardImport.safeParse({
    awardedOre: v.awardedOre,
    decisionDate: v.decisionDate,
  });
  if (!created.success) zodProblems('grants', mapping, row, created.error, ALIASES.grants);
  if (!award.success) zodProblems('grants', mapping, row, award.error, ALIASES.grants);
  if (!created.success || !award.success || !project) return;
  const planned = grantSteps(mapping, row, project, created.data, award.data);
  if (!planned) return;
  const { awardStatus, steps } = planned;
  const { awardedOre, decisionDate } = award.data;
  const key = `${project.id}|${funderId}|${nameKey(created.data.title)}`;
  keys.set(row, key);
  if (lookups.existing.has(key)) {
    row.problems.push(
      problemAt(
        mapping,
        row.rowNumber,
        'title',
        `Tilskuddet «${created.data.title}» til «${project.name}» fra «${funderName ?? ''}» er allerede registrert.`,
      ),
    );
    return;
  }
  const input = created.data;
  const reason = `Importert fra «${fileName}».`;
  row.write = () => {
    const grant = ictx.grantsService.create(input);
    for (const status of steps) {
      const isAward = status === awardStatus && AWARDED_STATUSES.includes(status);
      ictx.grantsService.setStatus({
        id: grant.id,
        status,
        awardedOre: isAward ? awardedOre : null,
        awardedEurCents: null,
        decisionDate: isAward || status === 'avslatt' ? decisionDate : null,
        reference: null,
        reason,
      });
    }
  };
}

export function planGrants(
  ictx: ImportContext,
  base: Omit<Plan, 'rows'>,
  rows: PlannedRow[],
  fileName: string,
): void {
  const { mapping } = base;
  const lookups = grantLookups(ictx.db);
  const keys = new Map<PlannedRow, string>();
  for (const row of rows) planGrantRow(ictx, mapping, row, lookups, keys, fileName);
  flagRepeats(
    rows,
    (r) => keys.get(r) ?? null,
    'title',
    mapping,
    (r) => `Tilskuddet «${String(r.values.title)}»`,
  );
}
