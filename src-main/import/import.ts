/**
 * Import of member centres, funders, grants and allocations from Excel/CSV.
 *
 * Preview reads the file, maps columns to fields (suggested from the headers, or as chosen),
 * turns every cell into a value (øre, ISO dates, choice keys), validates each row with the
 * contract's own zod schemas, looks up the names it refers to, flags rows that repeat
 * another row, and then runs every clean row through the real services inside a transaction
 * that is always rolled back — so a row that would break a rule (a centre already
 * registered, a pot exceeded, a non-member without a reason) shows the service's own
 * Norwegian message before anything is written. Each problem names the row and the column.
 * The file is read, and the preview's dry run made, in a worker thread with a heap and time
 * limit (import-worker.ts; the dry run over an in-memory copy of the database), so a hostile
 * or large file never stops the main thread from answering.
 *
 * Commit does the same reading and checks, refuses (CONFLICT) if anything is wrong or the
 * same file (SHA-256 of its bytes) was imported before without a reason, takes a verified
 * backup, and then writes every row through the same service functions in ONE transaction:
 * all rows or none. The records created are in the change log as usual; the import itself
 * is recorded in `imports` and in the change log (entity «import»).
 */
import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  allocationRounds,
  allocations,
  funders,
  grants,
  imports,
  memberCentres,
  organisations,
  projects,
} from '../../db/schema';
import {
  ApplicationRowInput,
  CentreCreateInput,
  DecisionInput,
  FunderCreateInput,
  GrantCreateInput,
  GrantStatusInput,
  type ImportPreview,
  type ImportProblem,
  type ImportRecord,
  type ImportResult,
  type ParsedInput,
} from '../../src-shared/api/contract';
import { AppError, conflict, type FieldIssue } from '../../src-shared/api/errors';
import { id, optionalIsoDate } from '../../src-shared/api/fields';
import { toFieldIssues } from '../../src-shared/api/issues';
import { formatInstant } from '../../src-shared/safety/audit';
import { AWARDED_STATUSES, type GrantStatus, type KssRole } from '../../src-shared/grants/rules';
import {
  IMPORT_FIELDS,
  cellText,
  importCountText,
  normaliseCell,
  suggestMapping,
  type CellValue,
  type ImportKind,
  type ImportMapping,
} from '../../src-shared/import/rules';
import { normaliseOrgNumber } from '../../src-shared/kernel/orgnr';
import { createAllocationsService } from '../allocations/allocations';
import { backupBeforeRisk } from '../platform/backup-controller';
import { createCentresService } from '../registry/centres';
import { nameKey, recordChange, type ServiceContext } from '../platform/context';
import { createGrantsService } from '../grants/grants';
import { STATUS_LABEL } from '../grants/queries';
import { DEFAULT_IMPORT_LIMITS, type Elapsed, type ImportLimits, type ReadTable } from './read';
import { createFundersService } from '../registry/organisations';
import { checkImportInWorker, readImportFileInWorker } from './worker-client';
import type { CheckedPlan, PlannedRow } from './worker-protocol';

export type { CheckedPlan };

export interface ImportServiceOptions {
  limits?: Partial<ImportLimits>;
  /** Starts the clock for one file's time budget (tests pass one that jumps). */
  startTimer?: () => Elapsed;
}

/** One row as planned: its values, its problems so far, and how to write it. */
interface Plan {
  table: ReadTable;
  mapping: ImportMapping;
  suggested: ImportMapping;
  fileProblems: string[];
  rows: PlannedRow[];
}

type FileInput = ParsedInput<'import.preview'>;

const MAX_ISSUES_IN_ERROR = 50;

/** Thrown to end the preview's transaction: everything it wrote is rolled back. */
class PreviewRollback extends Error {}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function grantStatusOf(applied: number | null, awarded: number): GrantStatus {
  return applied !== null && awarded < applied ? 'delvis_innvilget' : 'innvilget';
}

export function createImportService(ctx: ServiceContext, options: ImportServiceOptions = {}) {
  const { db } = ctx;
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const startTimer =
    options.startTimer ??
    (() => {
      const t0 = performance.now();
      return () => performance.now() - t0;
    });
  const centresService = createCentresService(ctx);
  const fundersService = createFundersService(ctx);
  const grantsService = createGrantsService(ctx);
  const allocationsService = createAllocationsService(ctx);

  // ---------------------------------------------------------------- mapping

  function effectiveMapping(
    kind: ImportKind,
    columns: readonly string[],
    suggested: ImportMapping,
    chosen: Record<string, string | null> | null,
  ): ImportMapping {
    if (chosen === null) return { ...suggested };
    const fields = IMPORT_FIELDS[kind];
    const issues: FieldIssue[] = [];
    for (const [key, column] of Object.entries(chosen)) {
      const field = fields.find((f) => f.key === key);
      if (!field) {
        issues.push({ path: `mapping.${key}`, message: `Kolonnevalg: ukjent felt «${key}».` });
      } else if (column !== null && !columns.includes(column)) {
        issues.push({
          path: `mapping.${key}`,
          message: `${field.label}: kolonnen «${column}» finnes ikke i filen. Velg en av filens kolonner.`,
        });
      }
    }
    if (issues.length > 0) {
      throw new AppError('BAD_INPUT', issues[0]?.message ?? 'Kolonnevalget er ugyldig.', issues);
    }
    const mapping: ImportMapping = {};
    for (const f of fields)
      mapping[f.key] = Object.hasOwn(chosen, f.key)
        ? (chosen[f.key] ?? null)
        : (suggested[f.key] ?? null);
    return mapping;
  }

  // ---------------------------------------------------------------- rows

  function problemAt(
    mapping: ImportMapping,
    rowNumber: number,
    field: string | null,
    message: string,
  ): ImportProblem {
    const column = field ? (mapping[field] ?? null) : null;
    return {
      field,
      column,
      message: column
        ? `Rad ${rowNumber}, kolonne «${column}»: ${message}`
        : `Rad ${rowNumber}: ${message}`,
    };
  }

  /** The field a zod or service issue path points at («rows.0.centreId» → «centre»). */
  function fieldOfPath(
    kind: ImportKind,
    path: string,
    aliases: Record<string, string>,
  ): string | null {
    const segments = path.split('.').filter((s) => s !== '' && !/^\d+$/.test(s));
    for (let i = segments.length - 1; i >= 0; i--) {
      const seg = segments[i] as string;
      const key = Object.hasOwn(aliases, seg) ? (aliases[seg] as string) : seg;
      if (IMPORT_FIELDS[kind].some((f) => f.key === key)) return key;
    }
    return null;
  }

  /** Cells → values; a cell that cannot be read keeps its text and gets a problem. */
  function readRow(
    kind: ImportKind,
    plan: Omit<Plan, 'rows'>,
    cells: readonly unknown[],
    rowNumber: number,
  ) {
    const values: Record<string, CellValue> = {};
    const problems: ImportProblem[] = [];
    for (const field of IMPORT_FIELDS[kind]) {
      const column = plan.mapping[field.key] ?? null;
      if (column === null) {
        values[field.key] = null;
        if (field.required) {
          problems.push(
            problemAt(plan.mapping, rowNumber, field.key, `${field.label} må fylles ut.`),
          );
        }
        continue;
      }
      const cell = (cells[plan.table.columns.indexOf(column)] ?? null) as Parameters<
        typeof cellText
      >[0];
      const result = normaliseCell(field, cell, plan.table.date1904);
      if (result.ok) {
        values[field.key] = result.value;
        if (field.required && result.value === null) {
          problems.push(
            problemAt(plan.mapping, rowNumber, field.key, `${field.label} må fylles ut.`),
          );
        }
      } else {
        values[field.key] = cellText(cell);
        problems.push(problemAt(plan.mapping, rowNumber, field.key, result.message));
      }
    }
    return { values, problems };
  }

  /** Zod issues as problems, except on fields that already have one (a cell or a lookup). */
  function zodProblems(
    kind: ImportKind,
    mapping: ImportMapping,
    row: { rowNumber: number; problems: ImportProblem[] },
    error: z.ZodError,
    aliases: Record<string, string> = {},
  ): void {
    const taken = new Set(row.problems.map((p) => p.field));
    for (const issue of toFieldIssues(error)) {
      const field = fieldOfPath(kind, issue.path, aliases);
      if (taken.has(field)) continue;
      taken.add(field);
      row.problems.push(problemAt(mapping, row.rowNumber, field, issue.message));
    }
  }

  /** A rule a service refused, as the row's problem (the service's whole message). */
  function serviceProblem(
    kind: ImportKind,
    mapping: ImportMapping,
    rowNumber: number,
    error: unknown,
    aliases: Record<string, string>,
  ): ImportProblem {
    if (error instanceof AppError) {
      const field =
        (error.issues ?? [])
          .map((i) => fieldOfPath(kind, i.path, aliases))
          .find((f) => f !== null) ?? null;
      return problemAt(mapping, rowNumber, field, error.message);
    }
    const detail = error instanceof Error ? error.message : String(error);
    return problemAt(mapping, rowNumber, null, `Raden kunne ikke lagres (${detail}).`);
  }

  /** «står også i rad 4»: the later of two rows that mean the same record. */
  function flagRepeats(
    rows: PlannedRow[],
    keyOf: (row: PlannedRow) => string | null,
    field: string,
    mapping: ImportMapping,
    describe: (row: PlannedRow) => string,
  ): void {
    const first = new Map<string, number>();
    for (const row of rows) {
      const key = keyOf(row);
      if (key === null) continue;
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, row.rowNumber);
      else
        row.problems.push(
          problemAt(mapping, row.rowNumber, field, `${describe(row)} står også i rad ${earlier}.`),
        );
    }
  }

  // ---------------------------------------------------------------- the kinds

  const ALIASES: Record<ImportKind, Record<string, string>> = {
    centres: {},
    funders: {},
    grants: {
      projectId: 'project',
      funderId: 'funder',
      adminBasisPoints: 'adminPercent',
      adminRule: 'adminPercent',
    },
    allocations: { roundId: 'round', centreId: 'centre', awards: 'awardedOre', rows: 'centre' },
  };

  const text = (v: CellValue | undefined): string | null =>
    typeof v === 'string' && v !== '' ? v : null;

  function planCentres(base: Omit<Plan, 'rows'>, rows: PlannedRow[]): void {
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
      else row.write = () => void centresService.create(parsed.data);
    }
    flagRepeats(
      rows,
      (r) => (text(r.values.name) ? nameKey(String(r.values.name)) : null),
      'name',
      mapping,
      (r) => `«${String(r.values.name)}»`,
    );
  }

  function planFunders(base: Omit<Plan, 'rows'>, rows: PlannedRow[]): void {
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
      else row.write = () => void fundersService.create(parsed.data);
    }
    flagRepeats(
      rows,
      (r) => (text(r.values.name) ? nameKey(String(r.values.name)) : null),
      'name',
      mapping,
      (r) => `«${String(r.values.name)}»`,
    );
  }

  const GrantAwardImport = z.object({
    awardedOre: GrantStatusInput.shape.awardedOre,
    decisionDate: GrantStatusInput.shape.decisionDate,
  });

  function planGrants(base: Omit<Plan, 'rows'>, rows: PlannedRow[], fileName: string): void {
    const { mapping } = base;
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
    const keys = new Map<PlannedRow, string>();

    for (const row of rows) {
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
      if (!created.success || !award.success || !project) continue;

      // The status the grant ends in: as given, else what the amounts and dates say.
      const { awardedOre, decisionDate } = award.data;
      const applied = created.data.appliedOre;
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
            continue;
          }
        } else target = created.data.appliedDate !== null || applied !== null ? 'sokt' : 'utkast';
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
        continue;
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
        continue;
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

      const key = `${project.id}|${funderId}|${nameKey(created.data.title)}`;
      keys.set(row, key);
      if (existing.has(key)) {
        row.problems.push(
          problemAt(
            mapping,
            row.rowNumber,
            'title',
            `Tilskuddet «${created.data.title}» til «${project.name}» fra «${funderName ?? ''}» er allerede registrert.`,
          ),
        );
        continue;
      }
      const input = created.data;
      const reason = `Importert fra «${fileName}».`;
      row.write = () => {
        const grant = grantsService.create(input);
        for (const status of steps) {
          const isAward = status === awardStatus && AWARDED_STATUSES.includes(status);
          grantsService.setStatus({
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
    flagRepeats(
      rows,
      (r) => keys.get(r) ?? null,
      'title',
      mapping,
      (r) => `Tilskuddet «${String(r.values.title)}»`,
    );
  }

  const awardShape = DecisionInput.shape.awards.element.shape;
  const AllocationImport = ApplicationRowInput.extend({
    roundId: id('Tildelingsrunde'),
    awardedOre: awardShape.awardedOre.nullish().transform((v) => v ?? null),
    decisionDate: optionalIsoDate('Vedtaksdato'),
    overrideReason: awardShape.overrideReason,
  });

  function planAllocations(base: Omit<Plan, 'rows'>, rows: PlannedRow[]): void {
    const { mapping } = base;
    const rounds = db
      .select({ id: allocationRounds.id, name: allocationRounds.name })
      .from(allocationRounds)
      .all();
    const centres = db
      .select({
        id: organisations.id,
        name: organisations.name,
        nameKey: organisations.nameKey,
        orgNumber: organisations.orgNumber,
      })
      .from(memberCentres)
      .innerJoin(organisations, eq(organisations.id, memberCentres.organisationId))
      .all();
    const existingApplications = new Map(
      db
        .select()
        .from(allocations)
        .all()
        .map((a) => [`${a.roundId}|${a.centreId}`, a]),
    );
    const keys = new Map<PlannedRow, string>();

    for (const row of rows) {
      const v = row.values;
      const taken = new Set(row.problems.map((p) => p.field));
      let roundId: number | null = null;
      let centreId: number | null = null;
      const roundText = text(v.round);
      if (roundText && !taken.has('round')) {
        const named = rounds.filter((r) => nameKey(r.name) === nameKey(roundText));
        const byId = /^\d+$/.test(roundText)
          ? rounds.find((r) => r.id === Number(roundText))
          : undefined;
        if (named.length === 1) roundId = named[0]?.id ?? null;
        else if (named.length > 1) {
          row.problems.push(
            problemAt(
              mapping,
              row.rowNumber,
              'round',
              `Flere tildelingsrunder heter «${roundText}». Bruk rundens id (${named.map((r) => r.id).join(', ')}) i stedet.`,
            ),
          );
        } else if (byId) roundId = byId.id;
        else {
          row.problems.push(
            problemAt(
              mapping,
              row.rowNumber,
              'round',
              `Fant ikke tildelingsrunden «${roundText}».`,
            ),
          );
        }
      }
      const centreText = text(v.centre);
      if (centreText && !taken.has('centre')) {
        const digits = normaliseOrgNumber(centreText);
        const byName = centres.find((c) => c.nameKey === nameKey(centreText));
        const byOrg = /^\d{9}$/.test(digits) ? centres.filter((c) => c.orgNumber === digits) : [];
        if (byName) centreId = byName.id;
        else if (byOrg.length === 1) centreId = byOrg[0]?.id ?? null;
        else {
          row.problems.push(
            problemAt(
              mapping,
              row.rowNumber,
              'centre',
              `Fant ikke medlemssenteret «${centreText}» i registeret. Registrer eller importer sentrene først, eller rett navnet.`,
            ),
          );
        }
      }
      const parsed = AllocationImport.safeParse({
        roundId,
        centreId,
        appliedOre: v.appliedOre,
        purpose: v.purpose,
        expectedParticipants: v.expectedParticipants,
        receivedDate: v.receivedDate,
        awardedOre: v.awardedOre,
        decisionDate: v.decisionDate,
        overrideReason: v.overrideReason,
      });
      if (!parsed.success) {
        zodProblems('allocations', mapping, row, parsed.error, ALIASES.allocations);
        continue;
      }
      const a = parsed.data;
      if (a.awardedOre !== null && a.decisionDate === null) {
        row.problems.push(
          problemAt(
            mapping,
            row.rowNumber,
            'decisionDate',
            'Vedtaksdato må fylles ut når Tildelt beløp er fylt ut.',
          ),
        );
        continue;
      }
      if (a.awardedOre === null && a.decisionDate !== null) {
        row.problems.push(
          problemAt(
            mapping,
            row.rowNumber,
            'awardedOre',
            'Tildelt beløp må fylles ut når Vedtaksdato er fylt ut.',
          ),
        );
        continue;
      }
      const key = `${a.roundId}|${a.centreId}`;
      keys.set(row, key);
      const current = existingApplications.get(key);
      row.action = current ? 'update' : 'create';
      // Fields without a column keep what an existing application has.
      const keep = <K extends 'purpose' | 'expectedParticipants' | 'receivedDate'>(field: K) =>
        mapping[field] === null && current ? current[field] : a[field];
      row.write = () => {
        allocationsService.saveApplications({
          roundId: a.roundId,
          rows: [
            {
              centreId: a.centreId,
              appliedOre: a.appliedOre,
              purpose: keep('purpose'),
              expectedParticipants: keep('expectedParticipants'),
              receivedDate: keep('receivedDate'),
            },
          ],
        });
        if (a.awardedOre === null || a.decisionDate === null) return;
        const allocation = db
          .select({ id: allocations.id })
          .from(allocations)
          .where(and(eq(allocations.roundId, a.roundId), eq(allocations.centreId, a.centreId)))
          .get();
        if (!allocation) throw conflict('Søknaden ble ikke lagret.');
        allocationsService.decide({
          roundId: a.roundId,
          decisionDate: a.decisionDate,
          awards: [
            {
              allocationId: allocation.id,
              awardedOre: a.awardedOre,
              overrideReason: a.overrideReason,
            },
          ],
        });
      };
    }
    flagRepeats(
      rows,
      (r) => keys.get(r) ?? null,
      'centre',
      mapping,
      (r) => `«${String(r.values.centre)}» i samme runde`,
    );
  }

  // ---------------------------------------------------------------- plan, dry run

  function readFile(input: FileInput, bytes: Uint8Array): Promise<ReadTable> {
    return readImportFileInWorker(bytes, limits, startTimer(), {
      encoding: input.encoding ?? null,
    });
  }

  async function planFile(input: FileInput, bytes: Uint8Array): Promise<Plan> {
    return planTable(input, await readFile(input, bytes));
  }

  function planTable(input: FileInput, table: ReadTable): Plan {
    const suggested = suggestMapping(input.kind, table.columns);
    const mapping = effectiveMapping(input.kind, table.columns, suggested, input.mapping);
    const fileProblems: string[] = [...(table.fileProblems ?? [])];
    for (const field of IMPORT_FIELDS[input.kind]) {
      if (field.required && mapping[field.key] === null) {
        fileProblems.push(`Velg hvilken kolonne som inneholder ${field.label} (må fylles ut).`);
      }
    }
    if (table.rows.length === 0) fileProblems.push('Filen har ingen rader under overskriftsraden.');
    const base = { table, mapping, suggested, fileProblems };
    const rows: PlannedRow[] = table.rows.map((r) => ({
      rowNumber: r.rowNumber,
      action: 'create',
      ...readRow(input.kind, base, r.cells, r.rowNumber),
      write: null,
    }));
    // Rows the reader found fault with (not valid UTF-8): a problem on the whole row.
    for (const p of table.rowProblems ?? []) {
      rows
        .find((r) => r.rowNumber === p.rowNumber)
        ?.problems.unshift(problemAt(mapping, p.rowNumber, null, p.message));
    }
    switch (input.kind) {
      case 'centres':
        planCentres(base, rows);
        break;
      case 'funders':
        planFunders(base, rows);
        break;
      case 'grants':
        planGrants(base, rows, input.fileName);
        break;
      case 'allocations':
        planAllocations(base, rows);
        break;
    }
    for (const row of rows) if (row.problems.length > 0) row.write = null;
    return { ...base, rows };
  }

  /** Runs the clean rows through the services and rolls everything back; failures become problems. */
  function dryRun(kind: ImportKind, plan: Plan, elapsed: Elapsed = startTimer()): void {
    try {
      ctx.sqlite.transaction(() => {
        for (const row of plan.rows) {
          if (!row.write) continue;
          if (elapsed() > limits.maxCheckMs) {
            const message = `Det tok for lang tid å kontrollere radene (over ${Math.round(limits.maxCheckMs / 1000)} sekunder), så filen ble avvist. Del den i mindre filer.`;
            throw new AppError('BAD_INPUT', message, [{ path: 'contentBase64', message }]);
          }
          try {
            // A savepoint per row: a refused row leaves nothing behind for the next one.
            ctx.sqlite.transaction(row.write)();
          } catch (error) {
            row.problems.push(
              serviceProblem(kind, plan.mapping, row.rowNumber, error, ALIASES[kind]),
            );
            row.write = null;
          }
        }
        throw new PreviewRollback('preview');
      })();
    } catch (error) {
      if (!(error instanceof PreviewRollback)) throw error;
    }
  }

  /** The plan of a table checked against the rules (the dry run), without its writers. */
  function checkTable(input: FileInput, table: ReadTable, elapsed?: Elapsed): CheckedPlan {
    const plan = planTable(input, table);
    dryRun(input.kind, plan, elapsed);
    return {
      mapping: plan.mapping,
      suggested: plan.suggested,
      fileProblems: plan.fileProblems,
      rows: plan.rows.map((r) => ({
        rowNumber: r.rowNumber,
        action: r.action,
        values: r.values,
        problems: r.problems,
      })),
    };
  }

  /**
   * The dry run in the reader's worker, over a copy of the database in its memory: the main
   * thread keeps answering while thousands of rows go through the rules. Where the worker
   * cannot open the copy, the check runs here as before.
   */
  async function checkOffThread(input: FileInput, table: ReadTable): Promise<CheckedPlan> {
    const elapsed = startTimer();
    try {
      return await checkImportInWorker({
        image: ctx.sqlite.serialize(),
        nowMs: ctx.clock.nowMs(),
        today: ctx.clock.today(),
        actor: ctx.actor,
        nativeBinding: ctx.nativeBinding ?? null,
        input,
        table,
        limits,
        elapsedMs: elapsed(),
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      return checkTable(input, table, elapsed);
    }
  }

  function importsOf(hash: string): ImportRecord[] {
    return db
      .select()
      .from(imports)
      .where(eq(imports.fileHash, hash))
      .orderBy(desc(imports.importedAtMs), desc(imports.id))
      .all();
  }

  function decode(contentBase64: string): Uint8Array {
    return new Uint8Array(Buffer.from(contentBase64, 'base64'));
  }

  return {
    /** Reads and checks a file, and shows every row as it would be imported; writes nothing. */
    async preview(input: ParsedInput<'import.preview'>): Promise<ImportPreview> {
      const fields = IMPORT_FIELDS[input.kind];
      // Problems in the order of the fields; those about the whole row first.
      const fieldOrder = (f: string | null) =>
        f === null ? -1 : fields.findIndex((x) => x.key === f);
      const bytes = decode(input.contentBase64);
      const fileHash = sha256(bytes);
      const table = await readFile(input, bytes);
      const plan = { table, ...(await checkOffThread(input, table)) };
      const problemCount = plan.rows.filter((r) => r.problems.length > 0).length;
      const previousImports = importsOf(fileHash);
      return {
        kind: input.kind,
        fileName: input.fileName,
        fileHash,
        sizeBytes: bytes.length,
        format: plan.table.format,
        sheetName: plan.table.sheetName,
        separator: plan.table.separator,
        encoding: plan.table.encoding,
        columns: plan.table.columns,
        suggestedMapping: plan.suggested,
        mapping: plan.mapping,
        fileProblems: plan.fileProblems,
        rows: plan.rows.map((r) => ({
          rowNumber: r.rowNumber,
          action: r.action,
          values: r.values,
          problems: [...r.problems].sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field)),
        })),
        okCount: plan.rows.length - problemCount,
        problemCount,
        canImport: plan.fileProblems.length === 0 && problemCount === 0 && plan.rows.length > 0,
        alreadyImported: previousImports.length > 0,
        previousImports,
      };
    },

    /**
     * Imports a previewed file: refused with nothing written when the file is not the one
     * previewed, was imported before and no reason is given, or has any problem; otherwise a
     * verified backup first, then every row in one transaction (all or nothing).
     */
    async commit(input: ParsedInput<'import.commit'>): Promise<ImportResult> {
      const bytes = decode(input.contentBase64);
      const fileHash = sha256(bytes);
      if (fileHash !== input.fileHash) {
        throw conflict(
          'Filen er ikke den samme som i forhåndsvisningen. Velg filen på nytt og se over forhåndsvisningen før du importerer.',
        );
      }
      const previous = importsOf(fileHash);
      const last = previous[0];
      if (last && !input.duplicateReason) {
        const message = `Denne filen ble importert ${formatInstant(last.importedAtMs)} (${importCountText(last.kind, last.rowCount)}, «${last.fileName}»). Ingenting ble importert nå. Skriv en begrunnelse hvis den skal importeres på nytt.`;
        throw conflict(message, [{ path: 'duplicateReason', message }]);
      }
      const plan = await planFile(input, bytes);
      // With problems the import is refused anyway; the rules are run too so the refusal
      // counts the same rows as the preview did.
      if (plan.fileProblems.length > 0 || plan.rows.some((r) => r.problems.length > 0)) {
        dryRun(input.kind, plan);
      }
      const bad = plan.rows.filter((r) => r.problems.length > 0);
      if (plan.fileProblems.length > 0 || bad.length > 0) {
        const first = plan.fileProblems[0] ?? bad[0]?.problems[0]?.message ?? '';
        const issues: FieldIssue[] = [
          ...plan.fileProblems.map((message) => ({ path: 'mapping', message })),
          ...bad.flatMap((r) =>
            r.problems.map((p) => ({
              path: `rows.${r.rowNumber}${p.field ? `.${p.field}` : ''}`,
              message: p.message,
            })),
          ),
        ].slice(0, MAX_ISSUES_IN_ERROR);
        const what =
          bad.length > 0
            ? `${bad.length === 1 ? '1 rad har' : `${bad.length} rader har`} feil`
            : 'filen har feil';
        throw conflict(`Ingenting ble importert: ${what}. ${first}`, issues);
      }

      const backup = backupBeforeRisk(ctx, 'pre-import');
      const importId = ctx.sqlite.transaction(() => {
        for (const row of plan.rows) {
          try {
            row.write?.();
          } catch (error) {
            const problem = serviceProblem(
              input.kind,
              plan.mapping,
              row.rowNumber,
              error,
              ALIASES[input.kind],
            );
            throw conflict(`Ingenting ble importert: ${problem.message}`, [
              {
                path: `rows.${row.rowNumber}${problem.field ? `.${problem.field}` : ''}`,
                message: problem.message,
              },
            ]);
          }
        }
        const record = db
          .insert(imports)
          .values({
            kind: input.kind,
            fileName: input.fileName,
            fileHash,
            sizeBytes: bytes.length,
            rowCount: plan.rows.length,
            importedAtMs: ctx.clock.nowMs(),
            actor: ctx.actor,
            duplicateReason: previous.length > 0 ? input.duplicateReason : null,
          })
          .returning()
          .get();
        recordChange(ctx, {
          entity: 'import',
          entityId: record.id,
          action: 'create',
          after: record,
          reason: record.duplicateReason,
        });
        return record.id;
      })();
      return {
        kind: input.kind,
        imported: plan.rows.length,
        importId,
        backupFileName: backup?.fileName ?? null,
      };
    },

    /** Files imported so far, newest first. */
    /** For the reader's worker: a read table checked against the rules over its own copy. */
    checkTable,

    list(): ImportRecord[] {
      return db.select().from(imports).orderBy(desc(imports.importedAtMs), desc(imports.id)).all();
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
