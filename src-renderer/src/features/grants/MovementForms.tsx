/**
 * The forms of the ledger, each opened on demand in a dialog from the «Bevegelser» tab:
 * record a movement (with the warnings before saving) and transfer to another grant.
 */
import { useState } from 'react';
import { parseEuro } from '../../../../src-shared/kernel/euro';
import {
  MovementRecordInput,
  MovementTransferInput,
  type Grant,
  type Input,
  type PlausibilityWarning,
} from '../../../../src-shared/api/contract';
import { DIRECT_MOVEMENT_TYPES } from '../../../../src-shared/grants/rules';
import { useI18n } from '../../i18n/i18n';
import { dateInputToIso, isoToDateInput, todayIso } from '../../lib/format';
import { useForm } from '../../lib/form';
import { amountMessage, parseAmounts } from '../../lib/money-input';
import { call } from '../../lib/api';
import { useApi, useApiMutation } from '../../lib/query';
import { Dialog } from '../../ui/dialog';
import { DateField } from '../../ui/date-field';
import { MoneyField } from '../../ui/money-field';
import { SelectField, TextField } from '../../ui/fields';
import { ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { Form, FormActions } from '../../ui/form';
import { PlausibilityWarnings } from './PlausibilityWarnings';

interface FormProps {
  grant: Grant;
  onClose(): void;
}
const today = () => isoToDateInput(todayIso());

export function RecordDialog({ grant, onClose }: FormProps) {
  const movementsRecord = useApiMutation('movements.record');
  const { t } = useI18n();
  const toast = useToast();
  const empty = {
    type: 'received',
    date: today(),
    amount: '',
    amountEur: '',
    voucherRef: '',
    note: '',
  };
  const form = useForm(empty);
  const inEur = grant.currency === 'EUR' && form.values.type === 'received';
  const [warnings, setWarnings] = useState<PlausibilityWarning[]>([]);
  const [warningReason, setWarningReason] = useState('');
  async function submit(acknowledge = false) {
    const { amounts, errors } = parseAmounts(
      { amount: form.values.amount },
      { amount: t('movements.amount') },
    );
    if (errors.amount) return form.setErrors(errors);
    const eur = inEur ? parseEuro(form.values.amountEur) : null;
    if (eur && !eur.ok) {
      return form.setErrors({ amountEur: amountMessage(t('eur.amount'), eur.reason) });
    }
    const input = form.validate(MovementRecordInput, {
      grantId: grant.id,
      type: form.values.type,
      date: dateInputToIso(form.values.date),
      amountOre: amounts.amount ?? undefined,
      amountEurCents: eur?.ok ? eur.value : null,
      voucherRef: form.values.voucherRef,
      note: form.values.note,
      acknowledgeWarnings: acknowledge,
      reason: acknowledge ? warningReason : null,
    });
    if (!input) {
      form.setErrors((e) => (e.amountOre ? { ...e, amount: e.amountOre } : e));
      return;
    }
    // Warn before saving: the user corrects the amount or goes on with a reason.
    const found = acknowledge ? [] : await warningsOf(input);
    if (found.length > 0) return setWarnings(found);
    const res = await movementsRecord(input);
    if (!res.ok) {
      form.showApiError(res.error);
      form.setErrors((e) => (e.amountOre ? { ...e, amount: e.amountOre } : e));
      return;
    }
    toast(t('movements.saved'));
    onClose();
  }
  return (
    <Dialog open title={t('movements.record')} onClose={onClose}>
      <Form
        onSubmit={() => submit(false)}
        className="grant-dialog-form"
        label={t('movements.record')}
      >
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <SelectField
            name="type"
            label={t('movements.type')}
            value={form.values.type}
            onChange={(v) => form.set('type', v)}
            options={DIRECT_MOVEMENT_TYPES.map((m) => ({
              value: m,
              label: t(`movementType.${m}`),
            }))}
            error={form.errors.type}
          />
          <DateField label={t('movements.date')} required {...form.bind('date')} />
          <MoneyField label={t('movements.amount')} required {...form.bind('amount')} />
          {inEur ? (
            <MoneyField
              label={t('eur.amount')}
              required
              currency="EUR"
              {...form.bind('amountEur')}
              error={form.errors.amountEur ?? form.errors.amountEurCents}
            />
          ) : null}
        </div>
        <div className="form__row">
          <TextField label={t('movements.voucher')} {...form.bind('voucherRef')} />
          <TextField label={t('movements.note')} {...form.bind('note')} />
        </div>
        {warnings.length > 0 ? (
          <PlausibilityWarnings
            warnings={warnings}
            reason={warningReason}
            reasonError={form.errors.reason}
            onReason={setWarningReason}
            onSaveAnyway={() => void submit(true)}
          />
        ) : null}
        <FormActions submitLabel={t('movements.record')} onCancel={onClose} />
      </Form>
    </Dialog>
  );
}

/** What `movements.check` warns about for the movement about to be recorded. */
async function warningsOf(input: {
  grantId: number;
  type: Input<'movements.check'>['type'];
  date: string;
  amountOre: number;
}): Promise<PlausibilityWarning[]> {
  const { grantId, type, date, amountOre } = input;
  const checked = await call('movements.check', { grantId, type, date, amountOre });
  return checked.ok ? checked.value.warnings : [];
}

export function TransferDialog({ grant, onClose }: FormProps) {
  const movementsTransfer = useApiMutation('movements.transfer');
  const { t } = useI18n();
  const toast = useToast();
  const targets = useApi('movements.transferTargets', { grantId: grant.id });
  const empty = {
    toGrantId: '',
    date: today(),
    amount: '',
    approvalRef: '',
    approvalDate: '',
    voucherRef: '',
    note: '',
  };
  const form = useForm(empty);
  async function submit() {
    const { amounts, errors } = parseAmounts(
      { amount: form.values.amount },
      { amount: t('movements.amount') },
    );
    if (errors.amount) return form.setErrors(errors);
    const input = form.validate(MovementTransferInput, {
      fromGrantId: grant.id,
      toGrantId: form.values.toGrantId ? Number(form.values.toGrantId) : undefined,
      date: dateInputToIso(form.values.date),
      amountOre: amounts.amount ?? undefined,
      approvalRef: form.values.approvalRef,
      approvalDate: dateInputToIso(form.values.approvalDate),
      voucherRef: form.values.voucherRef,
      note: form.values.note,
    });
    if (!input) return;
    const res = await movementsTransfer(input);
    if (!res.ok) return form.showApiError(res.error);
    toast(t('movements.transferred'));
    onClose();
  }
  const options = (targets.data ?? []).map((g) => ({
    value: String(g.id),
    label: `${g.title} (${g.funderName})`,
  }));
  return (
    <Dialog open title={t('movements.transfer')} onClose={onClose}>
      <Form onSubmit={submit} className="grant-dialog-form" label={t('movements.transfer')}>
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <SelectField
            name="toGrantId"
            label={t('movements.toGrant')}
            required
            value={form.values.toGrantId}
            onChange={(v) => form.set('toGrantId', v)}
            options={options}
            placeholder="—"
            error={form.errors.toGrantId}
          />
          <DateField
            name="transferDate"
            label={t('movements.date')}
            required
            value={form.values.date}
            onChange={(v) => form.set('date', v)}
            error={form.errors.date}
          />
          <MoneyField
            name="transferAmount"
            label={t('movements.amount')}
            required
            value={form.values.amount}
            onChange={(v) => form.set('amount', v)}
            error={form.errors.amount ?? form.errors.amountOre}
          />
        </div>
        <div className="form__row">
          <TextField label={t('movements.approvalRef')} required {...form.bind('approvalRef')} />
          <DateField label={t('movements.approvalDate')} required {...form.bind('approvalDate')} />
          <TextField
            name="transferVoucher"
            label={t('movements.voucher')}
            value={form.values.voucherRef}
            onChange={(v) => form.set('voucherRef', v)}
            error={form.errors.voucherRef}
          />
        </div>
        <FormActions submitLabel={t('movements.transfer')} onCancel={onClose} />
      </Form>
    </Dialog>
  );
}
