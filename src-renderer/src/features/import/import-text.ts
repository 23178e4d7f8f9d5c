/**
 * The import page reads its texts from nbImport/enImport directly (same language as the rest
 * of the app), so it works whether or not i18n/messages.ts has merged them yet; and shows the
 * normalised values of a preview row the Norwegian way.
 */
import { useCallback } from 'react';
import { formatIsoDate } from '../../../../src-shared/kernel/dates';
import {
  choiceLabel,
  type ImportField,
  type ImportKind,
} from '../../../../src-shared/import/rules';
import { formatOre } from '../../../../src-shared/kernel/money';
import { useI18n } from '../../i18n/i18n';
import { enImport, nbImport, type ImportKey } from '../../i18n/import-messages';
import { fillPlaceholders } from '../../i18n/translate';
import { formatCount } from '../../lib/format';

export { formatCount };

export type ImportText = (key: ImportKey, vars?: Record<string, string | number>) => string;

export function useImportText(): ImportText {
  const { lang } = useI18n();
  return useCallback<ImportText>(
    (key, vars) => {
      return fillPlaceholders((lang === 'en' ? enImport : nbImport)[key], vars);
    },
    [lang],
  );
}

/** «12 medlemssentre», «1 tilskudd». */
export function countText(it: ImportText, kind: ImportKind, n: number): string {
  return it(`import.count.${kind}.${n === 1 ? 'one' : 'many'}`, { n: formatCount(n) });
}

const percentFormat = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 });

/**
 * A preview value as the user reads it: kroner, dd.mm.åååå, the choice's label, a
 * percentage. A cell that could not be read arrives as its text and is shown as it is.
 */
export function formatValue(field: ImportField, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatIsoDate(value);
    if (field.type === 'choice') return choiceLabel(field, value);
    return value;
  }
  switch (field.type) {
    case 'amount':
      return formatOre(value);
    case 'percent':
      return `${percentFormat.format(value / 100)} %`;
    default:
      return String(value);
  }
}
