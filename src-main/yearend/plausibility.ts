/**
 * Year-end checklist items for implausible ledgers (issue 10.2) and the list of corrections
 * of earlier years shown on the later year's page (issue 10.1). Both take the parts of the
 * year's read model they need (structurally), so this file does not depend on queries.ts.
 */
import type { ChecklistItem, PriorYearCorrection } from '../../src-shared/api/contract';
import { yearOf } from '../../src-shared/kernel/dates';
import {
  plausibilityFindings,
  type PlausibilityAllocation,
} from '../../src-shared/grants/plausibility';
import type { GrantMoneyBasis, MovementType } from '../../src-shared/grants/rules';
import { checklistKey } from '../../src-shared/yearend/rules';

interface LedgerRow {
  id: number;
  grantId: number;
  date: string;
  type: MovementType;
  amountOre: number;
  allocationId: number | null;
  reversesId: number | null;
  correctsId: number | null;
  reason: string | null;
  note: string | null;
}

export interface PlausibilityYear {
  year: number;
  grants: {
    g: GrantMoneyBasis & { id: number; title: string };
    ledger: readonly LedgerRow[];
    inYear: boolean;
  }[];
  allocations: readonly (PlausibilityAllocation & { grantId: number })[];
}

/** What the corrections of earlier years read: the grants' ledgers and the year's movements. */
export interface CorrectionsYear extends PlausibilityYear {
  movementsInYear: readonly LedgerRow[];
}

const DETAIL: Record<string, string> = {
  received_above_award:
    'Korriger innbetalingen hvis beløpet er feil, eller bekreft et unntak med begrunnelse (for eksempel et tilleggstilsagn som ikke er registrert).',
  admin_share_above_rule:
    'Korriger overføringen av administrasjonsandel, eller bekreft et unntak med begrunnelse.',
  payout_above_decided:
    'Korriger utbetalingen eller registrer tilbakebetalingen fra senteret, eller bekreft et unntak med begrunnelse.',
  negative_balance:
    'Rett bevegelsene (for eksempel en innbetaling som mangler), eller bekreft et unntak med begrunnelse.',
};

/** One checklist item per plausibility finding at the end of the year. */
export function plausibilityItems(data: PlausibilityYear): Omit<ChecklistItem, 'exception'>[] {
  const end = `${data.year}-12-31`;
  const items: Omit<ChecklistItem, 'exception'>[] = [];
  // The centre awards grouped by grant once (not filtered from all of them per grant).
  const allocsByGrant = new Map<number, (PlausibilityAllocation & { grantId: number })[]>();
  for (const a of data.allocations) {
    const list = allocsByGrant.get(a.grantId);
    if (list) list.push(a);
    else allocsByGrant.set(a.grantId, [a]);
  }
  for (const y of data.grants) {
    if (!y.inYear) continue;
    const ledger = y.ledger.filter((m) => m.date <= end);
    const allocs = allocsByGrant.get(y.g.id) ?? [];
    const years = { fromYear: data.year, toYear: data.year };
    for (const f of plausibilityFindings(y.g, ledger, allocs, years)) {
      items.push({
        key: checklistKey(f.kind, f.allocationId ?? y.g.id),
        kind: f.kind,
        grantId: y.g.id,
        allocationId: f.allocationId,
        amountOre: f.excessOre,
        title: f.message,
        detail: DETAIL[f.kind] ?? '',
      });
    }
  }
  return items;
}

/**
 * Reversals and corrected entries dated in the year that correct a movement of an earlier
 * year («korreksjoner av tidligere år»), oldest first.
 */
export function priorYearCorrectionsOf(data: CorrectionsYear): PriorYearCorrection[] {
  const byId = new Map<number, LedgerRow>();
  const titles = new Map<number, string>();
  for (const y of data.grants) {
    titles.set(y.g.id, y.g.title);
    for (const m of y.ledger) byId.set(m.id, m);
  }
  const out: PriorYearCorrection[] = [];
  for (const m of data.movementsInYear) {
    const originalId = m.reversesId ?? m.correctsId;
    const original = originalId === null ? undefined : byId.get(originalId);
    if (!original || yearOf(original.date) >= data.year) continue;
    out.push({
      movementId: m.id,
      grantId: m.grantId,
      grantTitle: titles.get(m.grantId) ?? '',
      date: m.date,
      type: m.type,
      amountOre: m.amountOre,
      kind: m.reversesId !== null ? 'reversal' : 'corrected_entry',
      originalId: original.id,
      originalDate: original.date,
      originalAmountOre: original.amountOre,
      reason: m.reason ?? m.note,
    });
  }
  return out;
}
