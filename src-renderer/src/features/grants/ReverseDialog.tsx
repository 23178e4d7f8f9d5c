/**
 * «Korriger»: a reversal in the year of the movement it corrects (issue 10.1). The dialog
 * proposes the original's date while its year is open; when that year is closed it offers
 * to correct in the first open year (with the reason that is always required). The right
 * amount may be recorded at the same time, linked to the original.
 */
import { useState } from 'react';
import {
  MovementReverseInput,
  type Movement,
  type Output,
} from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { useApi, useApiMutation } from '../../lib/query';
import { dateInputToIso, formatIsoDate, isoToDateInput } from '../../lib/format';
import { useForm } from '../../lib/form';
import { kr, parseAmounts } from '../../lib/money-input';
import { DateField } from '../../ui/date-field';
import { Dialog } from '../../ui/dialog';
import { MoneyField } from '../../ui/money-field';
import { TextField } from '../../ui/fields';
import { Form, FormActions } from '../../ui/form';
import { ErrorBox, Loading } from '../../ui/layout';

export function ReverseDialog({
  movement,
  onClose,
  onDone,
}: {
  movement: Movement;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const { data: rule, error } = useApi('movements.correctionRule', { id: movement.id });
  return (
    <Dialog open title={t('movements.reverseTitle')} onClose={onClose}>
      <p className="hint">{t('movements.reverseHint')}</p>
      <p>
        #{movement.id} · {formatIsoDate(movement.date)} · {t(`movementType.${movement.type}`)} ·{' '}
        {kr(movement.amountOre)}
      </p>
      <ErrorBox message={error} />
      {rule ? (
        <ReverseForm movement={movement} rule={rule} onClose={onClose} onDone={onDone} />
      ) : error ? null : (
        <Loading text={t('common.loading')} />
      )}
    </Dialog>
  );
}

function ReverseForm({
  movement,
  rule,
  onClose,
  onDone,
}: {
  movement: Movement;
  rule: Output<'movements.correctionRule'>;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const reverseMovement = useApiMutation('movements.reverse');
  const form = useForm({
    date: isoToDateInput(rule.proposedDate),
    reason: '',
    corrected: '',
    inFirstOpenYear: false,
  });
  const [warning, setWarning] = useState<string | null>(null);
  const closed = !rule.originalYearOpen;
  async function submit(acknowledgeWarnings = false) {
    const { amounts, errors } = parseAmounts(
      { corrected: form.values.corrected },
      { corrected: t('corr.correctedAmount') },
    );
    if (errors.corrected) return form.setErrors(errors);
    const input = form.validate(MovementReverseInput, {
      id: movement.id,
      date: dateInputToIso(form.values.date),
      reason: form.values.reason,
      inFirstOpenYear: closed && form.values.inFirstOpenYear,
      correctedAmountOre: amounts.corrected ?? null,
      acknowledgeWarnings,
    });
    const res = input ? await reverseMovement(input) : null;
    if (res?.ok) return onDone();
    if (res && res.error.issues?.some((i) => i.path === 'acknowledgeWarnings')) {
      return setWarning(res.error.message);
    }
    if (res) form.showApiError(res.error);
    form.setErrors((e) => (e.correctedAmountOre ? { ...e, corrected: e.correctedAmountOre } : e));
  }
  return (
    <Form onSubmit={() => submit(false)}>
      <p role="note" data-testid="correction-rule">
        {closed
          ? t('corr.ruleClosed', { year: rule.originalYear, first: rule.firstOpenYear })
          : t('corr.ruleOpen', { year: rule.originalYear })}
      </p>
      <ErrorBox message={form.formError} />
      {closed ? (
        <FirstOpenYearChoice
          year={rule.firstOpenYear}
          checked={form.values.inFirstOpenYear}
          onChange={(v) => form.set('inFirstOpenYear', v)}
        />
      ) : null}
      <DateField
        name="reverseDate"
        label={t('movements.reverseDate')}
        required
        value={form.values.date}
        onChange={(v) => form.set('date', v)}
        error={form.errors.date ?? form.errors.inFirstOpenYear}
      />
      <TextField
        name="reverseReason"
        label={t('movements.reverseReason')}
        required
        autoFocus
        value={form.values.reason}
        onChange={(v) => form.set('reason', v)}
        error={form.errors.reason}
      />
      {rule.canRecordCorrectedEntry ? (
        <MoneyField
          name="correctedAmount"
          label={t('corr.correctedAmount')}
          hint={t('corr.correctedHint')}
          value={form.values.corrected}
          onChange={(v) => form.set('corrected', v)}
          error={form.errors.corrected}
        />
      ) : null}
      {warning ? <SaveAnyway warning={warning} onClick={() => void submit(true)} /> : null}
      <FormActions danger submitLabel={t('movements.reverse')} onCancel={onClose} />
    </Form>
  );
}

function FirstOpenYearChoice({
  year,
  checked,
  onChange,
}: {
  year: number;
  checked: boolean;
  onChange(v: boolean): void;
}) {
  const { t } = useI18n();
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        name="inFirstOpenYear"
        checked={checked}
        onChange={(ev) => onChange(ev.target.checked)}
      />{' '}
      {t('corr.inFirstOpenYear', { year })}
    </label>
  );
}

/** The warning the corrected entry raised, with «Lagre likevel» (the reason is required). */
function SaveAnyway({ warning, onClick }: { warning: string; onClick(): void }) {
  const { t } = useI18n();
  return (
    <div className="error-box" role="alert">
      <p>{warning}</p>
      <button type="button" className="btn btn--danger" onClick={onClick}>
        {t('plaus.saveAnyway')}
      </button>
    </div>
  );
}
