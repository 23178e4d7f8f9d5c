/**
 * Grants (tilskudd): application, life-cycle, award with its year split, admin share rule
 * and reporting deadlines. Rules that involve money name the rule and the amounts
 * (invariants 3 and 7 of docs/DOMAIN.md); every change goes to the audit log in the same transaction.
 */
import { and, count, eq } from 'drizzle-orm';
import { allocationRounds, funders, grantDeadlines, grants, projects } from '../../db/schema';
import type { Grant, Output, ParsedInput } from '../../src-shared/api/contract';
import { AppError, conflict, notFound, type FieldIssue } from '../../src-shared/api/errors';
import { formatIsoDate, yearOf } from '../../src-shared/kernel/dates';
import {
  AWARDED_STATUSES,
  GRANT_TRANSITIONS,
  canTransition,
  grantMoneyOf,
  netOfType,
  yearsOfPeriod,
  type KssRole,
  type LedgerEntry,
} from '../../src-shared/grants/rules';
import { formatOre } from '../../src-shared/kernel/money';
import {
  automaticSplit,
  needsConfirmation,
  type SplitBasis,
} from '../../src-shared/grants/year-split';
import { assertCurrencyKept, eurAwardOf } from './euro';
import { writeYearSplit } from './year-split-store';
import { nameKey, recordChange, type ServiceContext } from '../platform/context';
import { assertGrantDefinitionOpen } from '../yearend/definition-locks';
import { assertYearsOpen } from '../yearend/locks';
import { withDefaultAdminRule } from './admin-default';
import {
  createGrantModel,
  grantAuditView,
  ROLE_LABEL,
  STATUS_LABEL,
  type GrantRecord,
} from './queries';
import { byYearThenTitle } from '../registry/organisations';

type GrantInput = Omit<ParsedInput<'grants.update'>, 'id'>;

function badInput(issues: FieldIssue[]): AppError {
  return new AppError('BAD_INPUT', issues[0]?.message ?? 'Ugyldig tilskudd.', issues);
}

const kr = (ore: number) => formatOre(ore);

/**
 * Invariant 3 for one grant as it would be after a change: the admin share plus what is
 * allocated to centres (the awards of its allocation rounds) may not exceed what comes to
 * KSS plus what was transferred in, and the admin share already transferred (net
 * admin_share movements) may not exceed the admin share by the rule.
 */
export function assertAdminShareFits(
  g: {
    title: string;
    kssRole: KssRole;
    awardedOre: number | null;
    kssShareOre: number | null;
    adminRule: GrantRecord['adminRule'];
    adminBasisPoints: number | null;
    adminFixedOre: number | null;
  },
  ledger: readonly LedgerEntry[],
  allocatedOre = 0,
): void {
  if (g.kssRole === 'stottepartner' || g.awardedOre === null) return;
  const money = grantMoneyOf(g, ledger, allocatedOre);
  const limit = money.baseOre + money.transferInOre;
  const what =
    g.kssRole === 'partner' && g.kssShareOre !== null ? 'KSS sin andel' : 'innvilget beløp';
  const over = money.adminShareOre + money.allocatedOre - limit;
  if (over > 0 && money.allocatedOre > 0) {
    throw conflict(
      `Administrasjonsandelen (${kr(money.adminShareOre)}) og det som er tildelt sentrene (${kr(money.allocatedOre)}) kan ikke til sammen være større enn ${what} pluss overført inn (${kr(limit)}); differansen er ${kr(over)}.`,
      [{ path: 'adminRule', message: 'Administrasjonsandel: større enn det som er igjen.' }],
    );
  }
  if (over > 0) {
    throw conflict(
      `Administrasjonsandelen (${kr(money.adminShareOre)}) kan ikke være større enn ${what} pluss overført inn (${kr(limit)}); differansen er ${kr(over)}.`,
      [{ path: 'adminRule', message: 'Administrasjonsandel: større enn tilskuddet.' }],
    );
  }
  const transferred = netOfType(ledger, 'admin_share');
  if (transferred > money.adminShareOre) {
    throw conflict(
      `Det er allerede overført ${kr(transferred)} i administrasjonsandel fra «${g.title}», mer enn andelen etter regelen (${kr(money.adminShareOre)}); differansen er ${kr(transferred - money.adminShareOre)}. Korriger bevegelsene først.`,
      [{ path: 'adminRule', message: 'Administrasjonsandel: lavere enn det som er overført.' }],
    );
  }
}

export function createGrantsService(ctx: ServiceContext) {
  const { db } = ctx;
  const model = createGrantModel(ctx);

  function projectFor(projectId: number) {
    const p = db
      .select({ id: projects.id, name: projects.name, kssRole: projects.kssRole })
      .from(projects)
      .where(eq(projects.id, projectId))
      .get();
    if (!p) {
      throw badInput([{ path: 'projectId', message: `Prosjektet finnes ikke (id ${projectId}).` }]);
    }
    return p;
  }

  function assertFunder(funderId: number): void {
    const f = db.select().from(funders).where(eq(funders.organisationId, funderId)).get();
    if (!f) {
      throw badInput([
        { path: 'funderId', message: `Tilskuddsyteren finnes ikke (id ${funderId}).` },
      ]);
    }
  }

  /**
   * Checks a grant's editable fields against its project and its current award, and returns
   * the values to store (the admin rule keeps only the field it uses).
   */
  function checkedFields(
    input: GrantInput,
    project: { name: string; kssRole: KssRole },
    current: { status: GrantRecord['status']; awardedOre: number | null } | null,
  ) {
    if (project.kssRole === 'stottepartner') {
      const money: [keyof GrantInput, string][] = [
        ['appliedOre', 'Søkt beløp'],
        ['kssShareOre', 'KSS sin andel'],
        ['adminBasisPoints', 'Administrasjonsandel (%)'],
        ['adminFixedOre', 'Administrasjonsandel (beløp)'],
      ];
      const issues: FieldIssue[] = money
        .filter(([key]) => input[key] !== null)
        .map(([key, label]) => ({ path: key, message: `${label}: skal være tomt.` }));
      if (input.adminRule !== 'none') {
        issues.push({ path: 'adminRule', message: 'Administrasjonsandel: skal være «ingen».' });
      }
      if (issues.length > 0) {
        throw conflict(
          `«${project.name}» er støttepartner: tilskuddet føres uten beløp (${issues.map((i) => i.message.split(':')[0]).join(', ')}).`,
          issues,
        );
      }
    }

    const issues: FieldIssue[] = [];
    const pairs: [keyof GrantInput, keyof GrantInput, string, string][] = [
      ['periodFrom', 'periodTo', 'Tilskuddsperiode fra', 'Tilskuddsperiode til'],
      ['activityFrom', 'activityTo', 'Aktivitetsperiode fra', 'Aktivitetsperiode til'],
    ];
    for (const [fromKey, toKey, fromLabel, toLabel] of pairs) {
      const from = input[fromKey] as string | null;
      const to = input[toKey] as string | null;
      if (to && !from) {
        issues.push({
          path: fromKey,
          message: `${fromLabel} må fylles ut når ${toLabel} er satt.`,
        });
      } else if (from && to && to < from) {
        issues.push({
          path: toKey,
          message: `${toLabel} (${formatIsoDate(to)}) kan ikke være før ${fromLabel} (${formatIsoDate(from)}).`,
        });
      }
    }
    if (input.adminRule === 'percent' && input.adminBasisPoints === null) {
      issues.push({
        path: 'adminBasisPoints',
        message: 'Administrasjonsandel (%) må fylles ut når andelen er en prosentsats.',
      });
    }
    if (input.adminRule === 'fixed' && input.adminFixedOre === null) {
      issues.push({
        path: 'adminFixedOre',
        message: 'Administrasjonsandel (beløp) må fylles ut når andelen er et fast beløp.',
      });
    }
    if (issues.length > 0) throw badInput(issues);

    if (input.kssShareOre !== null && project.kssRole !== 'partner') {
      throw conflict(
        `KSS sin andel kan bare føres når KSS er «${ROLE_LABEL.partner}»; «${project.name}» har rollen «${ROLE_LABEL[project.kssRole]}».`,
        [{ path: 'kssShareOre', message: 'KSS sin andel: skal være tomt for dette prosjektet.' }],
      );
    }
    const awarded = current?.awardedOre ?? null;
    if (input.kssShareOre !== null && awarded !== null && input.kssShareOre > awarded) {
      throw conflict(
        `KSS sin andel (${kr(input.kssShareOre)}) kan ikke være større enn innvilget beløp (${kr(awarded)}); differansen er ${kr(input.kssShareOre - awarded)}.`,
        [{ path: 'kssShareOre', message: 'KSS sin andel: større enn innvilget beløp.' }],
      );
    }
    if (current?.status === 'delvis_innvilget' && awarded !== null) {
      assertPartial(awarded, input.appliedOre, 'appliedOre');
    }

    return {
      projectId: input.projectId,
      funderId: input.funderId,
      title: input.title,
      schemeName: input.schemeName,
      reference: input.reference,
      editionYear: input.editionYear,
      appliedOre: input.appliedOre,
      appliedDate: input.appliedDate,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      activityFrom: input.activityFrom,
      activityTo: input.activityTo,
      kssShareOre: input.kssShareOre,
      adminRule: input.adminRule,
      adminBasisPoints: input.adminRule === 'percent' ? input.adminBasisPoints : null,
      adminFixedOre: input.adminRule === 'fixed' ? input.adminFixedOre : null,
      notes: input.notes,
      currency: input.currency,
    };
  }

  /** «Delvis innvilget» means less than applied for. */
  function assertPartial(awarded: number, applied: number | null, path: string): void {
    if (applied === null) {
      throw conflict(
        'Delvis innvilget krever at søkt beløp er registrert, så det kan sammenlignes med innvilget beløp.',
        [{ path, message: 'Søkt beløp: må fylles ut for et delvis innvilget tilskudd.' }],
      );
    }
    if (awarded >= applied) {
      const how =
        awarded === applied
          ? 'beløpene er like store; velg «Innvilget»'
          : `innvilget er ${kr(awarded - applied)} høyere`;
      throw conflict(
        `Delvis innvilget betyr mindre enn søkt: innvilget beløp (${kr(awarded)}) må være lavere enn søkt beløp (${kr(applied)}); ${how}.`,
        [{ path, message: 'Innvilget beløp: må være lavere enn søkt for «Delvis innvilget».' }],
      );
    }
  }

  /** Replaces the year split by `next` (logged; closed years locked), confirmed or not. */
  function writeSplit(
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
  function ensureSplit(g: GrantRecord): void {
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
    writeSplit(g.id, next, !needsConfirmation(next));
  }

  function deadline(id: number) {
    const row = db.select().from(grantDeadlines).where(eq(grantDeadlines.id, id)).get();
    if (!row) throw notFound(`Fant ikke fristen (id ${id}).`);
    return row;
  }

  return {
    /** Grants with filters and a totals row (sums of the rows' applied, awarded, received). */
    list(input: ParsedInput<'grants.list'>): Output<'grants.list'> {
      const conditions = [
        input.funderId ? eq(grants.funderId, input.funderId) : undefined,
        input.projectId ? eq(grants.projectId, input.projectId) : undefined,
        input.status ? eq(grants.status, input.status) : undefined,
        input.kssRole ? eq(projects.kssRole, input.kssRole) : undefined,
      ].filter((c) => c !== undefined);
      const needle = input.search ? nameKey(input.search) : null;
      const rows = model
        .summariesOf(model.rows(conditions.length > 0 ? and(...conditions) : undefined))
        .filter((g) => (input.year ? g.years.includes(input.year) : true))
        .filter((g) =>
          needle
            ? [g.title, g.projectName, g.funderName, g.reference ?? ''].some((t) =>
                nameKey(t).includes(needle),
              )
            : true,
        )
        .sort(byYearThenTitle);
      const totals = { appliedOre: 0, awardedOre: 0, receivedOre: 0 };
      for (const g of rows) {
        totals.appliedOre += g.appliedOre ?? 0;
        totals.awardedOre += g.awardedOre ?? 0;
        totals.receivedOre += g.receivedOre;
      }
      return { rows, totals };
    },

    get(input: ParsedInput<'grants.get'>): Grant {
      return model.detail(input.id);
    },

    /** Registers an application; it starts as «Utkast» and moves on with setStatus. */
    create(input: ParsedInput<'grants.create'>): Grant {
      return db.transaction(() => {
        const project = projectFor(input.projectId);
        assertFunder(input.funderId);
        const fields = checkedFields(withDefaultAdminRule(ctx, input, project), project, null);
        const now = ctx.clock.nowMs();
        const row = db
          .insert(grants)
          .values({ ...fields, status: 'utkast', createdAtMs: now, updatedAtMs: now })
          .returning()
          .get();
        recordChange(ctx, {
          entity: 'grant',
          entityId: row.id,
          action: 'create',
          after: grantAuditView(row),
        });
        return model.detail(row.id);
      });
    },

    /** Changes the details; status and award change only through setStatus. */
    update(input: ParsedInput<'grants.update'>): Grant {
      return db.transaction(() => {
        const before = db.select().from(grants).where(eq(grants.id, input.id)).get();
        if (!before) throw notFound(`Fant ikke tilskuddet (id ${input.id}).`);
        const project = projectFor(input.projectId);
        assertFunder(input.funderId);
        const ledger = model.ledger(input.id);
        if (project.kssRole === 'stottepartner' && ledger.length > 0) {
          throw conflict(
            `«${project.name}» er støttepartner: tilskuddet føres uten beløp, men «${before.title}» har ${ledger.length} bevegelser.`,
            [{ path: 'projectId', message: 'Prosjekt: tilskuddet har bevegelser.' }],
          );
        }
        if (project.kssRole === 'stottepartner' && before.awardedOre !== null) {
          throw conflict(
            `«${project.name}» er støttepartner: tilskuddet føres uten beløp, men «${before.title}» er innvilget med ${kr(before.awardedOre)}.`,
            [{ path: 'projectId', message: 'Prosjekt: tilskuddet har innvilget beløp.' }],
          );
        }
        const roundCount = db
          .select({ n: count() })
          .from(allocationRounds)
          .where(eq(allocationRounds.grantId, input.id))
          .get();
        if (project.kssRole !== 'forvalter' && (roundCount?.n ?? 0) > 0) {
          throw conflict(
            `«${before.title}» har ${roundCount?.n} tildelingsrunde(r) til medlemssentre, og må høre til et prosjekt der KSS er «${ROLE_LABEL.forvalter}»; «${project.name}» har rollen «${ROLE_LABEL[project.kssRole]}».`,
            [{ path: 'projectId', message: 'Prosjekt: tilskuddet har tildelingsrunder.' }],
          );
        }
        const fields = checkedFields(input, project, before);
        assertGrantDefinitionOpen(db, before, { ...before, ...fields });
        assertCurrencyKept(before, fields.currency);
        assertAdminShareFits(
          { ...fields, kssRole: project.kssRole, awardedOre: before.awardedOre },
          ledger,
          model.allocatedOf(input.id),
        );
        const after = db
          .update(grants)
          .set({ ...fields, updatedAtMs: ctx.clock.nowMs() })
          .where(eq(grants.id, input.id))
          .returning()
          .get();
        ensureSplit(after);
        recordChange(ctx, {
          entity: 'grant',
          entityId: input.id,
          action: 'update',
          before: grantAuditView(before),
          after: grantAuditView(after),
        });
        return model.detail(input.id);
      });
    },

    /**
     * Moves a grant along GRANT_TRANSITIONS. Awarding needs the decision date and, for grants
     * that carry money, the awarded amount («Delvis innvilget»: less than applied). Awarding
     * more than applied is allowed (funders sometimes round up). The award is spread over
     * the period's years automatically; setYearSplit changes that.
     */
    setStatus(input: ParsedInput<'grants.setStatus'>): Grant {
      return db.transaction(() => {
        const before = model.row(input.id);
        if (!canTransition(before.status, input.status)) {
          const allowed = GRANT_TRANSITIONS[before.status].map((s) => `«${STATUS_LABEL[s]}»`);
          throw conflict(
            `Status kan ikke endres fra «${STATUS_LABEL[before.status]}» til «${STATUS_LABEL[input.status]}». ${
              allowed.length > 0
                ? `Fra «${STATUS_LABEL[before.status]}» kan den bare bli ${allowed.join(' eller ')}.`
                : `«${STATUS_LABEL[before.status]}» er en sluttstatus.`
            }`,
            [{ path: 'status', message: 'Status: denne endringen er ikke tillatt.' }],
          );
        }
        const carriesMoney = before.kssRole !== 'stottepartner';
        const awarding = AWARDED_STATUSES.includes(input.status);
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
        if (awarding) ensureSplit(after);
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
    },

    /** Spreads the award over fiscal years; years unique, inside the period, summing exactly. */
    setYearSplit(input: ParsedInput<'grants.setYearSplit'>): Grant {
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
          g.id,
          [...input.splits].sort((a, b) => a.year - b.year),
          true,
        );
        return model.detail(g.id);
      });
    },

    addDeadline(input: ParsedInput<'grants.addDeadline'>): Grant {
      return db.transaction(() => {
        model.row(input.grantId);
        const row = db
          .insert(grantDeadlines)
          .values({
            grantId: input.grantId,
            dueDate: input.dueDate,
            description: input.description,
          })
          .returning()
          .get();
        recordChange(ctx, {
          entity: 'grant_deadline',
          entityId: row.id,
          action: 'create',
          after: row,
        });
        return model.detail(input.grantId);
      });
    },

    /** Marks a deadline delivered (a second call corrects the delivery date). */
    completeDeadline(input: ParsedInput<'grants.completeDeadline'>): Grant {
      return db.transaction(() => {
        const before = deadline(input.id);
        const after = db
          .update(grantDeadlines)
          .set({ doneDate: input.doneDate })
          .where(eq(grantDeadlines.id, input.id))
          .returning()
          .get();
        recordChange(ctx, {
          entity: 'grant_deadline',
          entityId: input.id,
          action: 'update',
          before,
          after,
        });
        return model.detail(before.grantId);
      });
    },
  };
}

export type GrantsService = ReturnType<typeof createGrantsService>;
