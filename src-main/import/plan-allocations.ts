/**
 * Planning allocation rows: the round and member centre each row names, the application
 * (created or updated) and, with an amount and a date, the decision, written through the
 * allocations service.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { allocationRounds, allocations, memberCentres, organisations } from '../../db/schema';
import { ApplicationRowInput, DecisionInput } from '../../src-shared/api/contract';
import { conflict } from '../../src-shared/api/errors';
import { id, optionalIsoDate } from '../../src-shared/api/fields';
import type { ImportMapping } from '../../src-shared/import/rules';
import { normaliseOrgNumber } from '../../src-shared/kernel/orgnr';
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

const awardShape = DecisionInput.shape.awards.element.shape;
const AllocationImport = ApplicationRowInput.extend({
  roundId: id('Tildelingsrunde'),
  awardedOre: awardShape.awardedOre.nullish().transform((v) => v ?? null),
  decisionDate: optionalIsoDate('Vedtaksdato'),
  overrideReason: awardShape.overrideReason,
});

type AllocationRow = z.output<typeof AllocationImport>;
type KeptFields = Pick<AllocationRow, 'purpose' | 'expectedParticipants' | 'receivedDate'>;

/** Rounds, member centres, and the applications already registered (by round and centre). */
function allocationLookups(db: ImportContext['db']) {
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
  return { rounds, centres, existingApplications };
}

type AllocationLookups = ReturnType<typeof allocationLookups>;

/** The round and member centre a row names, or a problem on the column that names them. */
function findRoundAndCentre(mapping: ImportMapping, row: PlannedRow, lookups: AllocationLookups) {
  const { rounds, centres } = lookups;
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
        problemAt(mapping, row.rowNumber, 'round', `Fant ikke tildelingsrunden «${roundText}».`),
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
  return { roundId, centreId };
}

/** Saves the application and, with an amount and a date, decides it. */
function allocationWriter(ictx: ImportContext, a: AllocationRow, kept: KeptFields): () => void {
  const { db, allocationsService } = ictx;
  return () => {
    allocationsService.saveApplications({
      roundId: a.roundId,
      rows: [
        {
          centreId: a.centreId,
          appliedOre: a.appliedOre,
          purpose: kept.purpose,
          expectedParticipants: kept.expectedParticipants,
          receivedDate: kept.receivedDate,
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

function planAllocationRow(
  ictx: ImportContext,
  mapping: ImportMapping,
  row: PlannedRow,
  lookups: AllocationLookups,
  keys: Map<PlannedRow, string>,
): void {
  const v = row.values;
  const { roundId, centreId } = findRoundAndCentre(mapping, row, lookups);
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
    return;
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
    return;
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
    return;
  }
  const key = `${a.roundId}|${a.centreId}`;
  keys.set(row, key);
  const current = lookups.existingApplications.get(key);
  row.action = current ? 'update' : 'create';
  // Fields without a column keep what an existing application has.
  const keep = <K extends 'purpose' | 'expectedParticipants' | 'receivedDate'>(field: K) =>
    mapping[field] === null && current ? current[field] : a[field];
  row.write = allocationWriter(ictx, a, {
    purpose: keep('purpose'),
    expectedParticipants: keep('expectedParticipants'),
    receivedDate: keep('receivedDate'),
  });
}

export function planAllocations(
  ictx: ImportContext,
  base: Omit<Plan, 'rows'>,
  rows: PlannedRow[],
): void {
  const { mapping } = base;
  const lookups = allocationLookups(ictx.db);
  const keys = new Map<PlannedRow, string>();
  for (const row of rows) planAllocationRow(ictx, mapping, row, lookups, keys);
  flagRepeats(
    rows,
    (r) => keys.get(r) ?? null,
    'centre',
    mapping,
    (r) => `«${String(r.values.centre)}» i samme runde`,
  );
}
