/**
 * The year-end checklist item for a year split that is still the app's suggestion
 * (issue 10.4). Such an item cannot be waved through with an exception: the split decides
 * «Innvilget for YYYY» in the accountant's workbook, so closing waits until it is confirmed
 * (or saved) on the grant's page.
 */
import type { ChecklistItem } from '../../src-shared/api/contract';
import { conflict } from '../../src-shared/api/errors';
import { formatOre } from '../../src-shared/kernel/money';
import { checklistKey } from '../../src-shared/yearend/rules';

/** What the check needs of a year's grants (a structural slice of YearData). */
export interface SplitCheckData {
  year: number;
  grants: readonly {
    g: { id: number; title: string; kssRole: string; awardedOre: number | null };
    splits: readonly { year: number; amountOre: number; confirmed: boolean }[];
  }[];
}

export function unconfirmedSplitItems(data: SplitCheckData): Omit<ChecklistItem, 'exception'>[] {
  const items: Omit<ChecklistItem, 'exception'>[] = [];
  for (const { g, splits } of data.grants) {
    if (g.kssRole === 'stottepartner' || g.awardedOre === null) continue;
    const part = splits.find((s) => s.year === data.year);
    if (!part || part.confirmed) continue;
    const shown = splits
      .map((s) => `${s.year}: ${formatOre(s.amountOre)}${s.confirmed ? '' : ' (forslag)'}`)
      .join(', ');
    items.push({
      key: checklistKey('year_split_unconfirmed', g.id),
      kind: 'year_split_unconfirmed',
      grantId: g.id,
      allocationId: null,
      amountOre: part.amountOre,
      title: `«${g.title}»: fordelingen per år er bare et forslag (${shown})`,
      detail:
        'Kontroller fordelingen mot vedtaksbrevet og bekreft den (eller lagre en annen) på tilskuddets side.',
    });
  }
  return items;
}

/** Closing waits for every suggested split of the year to be confirmed, exception or not. */
export function assertSplitsConfirmed(year: number, items: readonly ChecklistItem[]): void {
  const open = items.filter((i) => i.kind === 'year_split_unconfirmed');
  if (open.length === 0) return;
  throw conflict(
    `Regnskapsåret ${year} kan ikke avsluttes før fordelingen per år er bekreftet for ${open.length} tilskudd: ${open.map((i) => i.title).join('; ')}.`,
  );
}

/** A suggested split is confirmed on the grant's page, not accepted as an exception. */
export function assertExceptionAllowed(item: ChecklistItem): void {
  if (item.kind !== 'year_split_unconfirmed') return;
  throw conflict(
    `${item.title}. Et forslag til fordeling kan ikke godtas som unntak; bekreft fordelingen på tilskuddets side.`,
    [{ path: 'itemKey', message: 'Bekreft fordelingen på tilskuddets side.' }],
  );
}
