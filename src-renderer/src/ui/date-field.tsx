/**
 * A calendar date typed the Norwegian way (dd.mm.åååå; «9.3.2025» and «2025-03-09» are
 * understood). Leaving the field writes a valid date out in full and says at once, naming the
 * field, when the text is not a date. The form still sends the text through `dateInputToIso`
 * (lib/format.ts), so the contract's schema gives the same message on save.
 */
import { parseNorwegianDate } from '../../../src-shared/kernel/dates';
import { useI18n } from '../i18n/i18n';
import { formatIsoDate } from '../lib/format';
import { dateFieldError } from './field-messages';
import { FormattedField, type FieldProps } from './formatted-field';

function fullDate(text: string): string | null {
  const iso = parseNorwegianDate(text.trim());
  return iso ? formatIsoDate(iso) : null;
}

export function DateField(props: FieldProps) {
  const { t } = useI18n();
  return (
    <FormattedField
      {...props}
      placeholder={props.placeholder ?? t('date.placeholder')}
      className={props.className ? `input--date ${props.className}` : 'input--date'}
      tidy={fullDate}
      check={dateFieldError}
    />
  );
}
