/**
 * The grant's ledger: every movement with its voucher, corrections as linked reversals
 * (never edits), and forms to record a movement or transfer to another grant.
 */
import { formatEurCents, impliedRate, parseEuro } from '../../../../src-shared/kernel/euro';
import { useState } from 'react';
import {
  MovementRecordInput,
  MovementTransferInput,
  type Grant,
  type Input,
  type Movement,
  type PlausibilityWarning,
} from '../../../../src-shared/api/contract';
import { DIRECT_MOVEMENT_TYPES } from '../../../../src-shared/grants/rules';
import { useI18n } from '../../i18n/i18n';
import { dateInputToIso, formatIsoDate, isoToDateInput, todayIso } from '../../lib/format';
import { useForm } from '../../lib/form';
import { amountMessage, kr, parseAmounts } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { call } from '../../lib/api';
import { useApi, useApiMutation } from '../../lib/query';
import { SelectField, TextField } from '../../ui/fields';
import { Button, EmptyState, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { Form, FormActions } from '../../ui/form';
import { PlausibilityWarnings } from './PlausibilityWarnings';
import { ReverseDialog } from './ReverseDialog';

export function MovementsSection({ grant }: { grant: Grant }) {
  const { t } = useI18n();
  const { data: movements } = useApi('movements.list', { grantId: grant.id });
  const [reversing, setReversing] = useState<Movement | null>(null);
  const canRecord = grant.status === 'innvilget' || grant.status === 'delvis_innvilget';
  return (
    <section className="subsection" aria-labelledby="movements-heading">
      <h2 id="movements-heading">{t('movements.heading')}</h2>
      {!movements || movements.length === 0 ? (
        <EmptyState>{t('movements.empty')}</EmptyState>
      ) : (
        <table className="table" aria-label={t('movements.heading')}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('movements.date')}</th>
              <th scope="col">{t('movements.type')}</th>
              <th scope="col" className="num">
                {t('movements.amount')}
              </th>
              <th scope="col">{t('movements.voucher')}</th>
              <th scope="col">{t('movements.note')}</th>
              <th scope="col">
                <span className="sr-only">{t('movements.reverse')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {movements.map((m) => (
              <tr
                key={m.id}
                className={m.reversedById ? 'reversed' : m.reversesId ? 'reversal' : undefined}
              >
                <td>{m.id}</td>
                <td>{formatIsoDate(m.date)}</td>
                <td>
                  {t(`movementType.${m.type}`)}
                  {m.counterpartGrantId ? (
                    <div className="hint">
                      <Link to={`/grants/${m.counterpartGrantId}`}>
                        {t('movements.counterpart', { title: m.counterpartGrantTitle ?? '' })}
                      </Link>
                    </div>
                  ) : null}
                  {m.approvalRef ? (
                    <div className="hint">
                      {m.approvalRef}
                      {m.approvalDate ? ` (${formatIsoDate(m.approvalDate)})` : ''}
                    </div>
                  ) : null}
                </td>
                <td className="num">
                  {kr(m.amountOre)}
                  {m.amountEurCents !== null ? (
                    <div className="hint">
                      {formatEurCents(m.amountEurCents)} ·{' '}
                      {t('eur.rate', { rate: impliedRate(m.amountOre, m.amountEurCents) ?? '' })}
                    </div>
                  ) : null}
                </td>
                <td>{m.voucherRef ?? ''}</td>
                <td>
                  {m.note ?? ''}
                  {m.reversedById ? (
                    <div className="hint">{t('movements.reversed', { id: m.reversedById })}</div>
                  ) : null}
                  {m.reversesId ? (
                    <div className="hint">{t('movements.reverses', { id: m.reversesId })}</div>
                  ) : null}
                  {m.correctsId ? (
                    <div className="hint">{t('corr.corrects', { id: m.correctsId })}</div>
                  ) : null}
                </td>
                <td className="table__actions">
                  {!m.reversedById && !m.reversesId && m.type !== 'transfer_in' ? (
                    <Button variant="link" onClick={() => setReversing(m)}>
                      {t('movements.reverse')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canRecord ? (
        <>
          <RecordForm grant={grant} />
          <TransferForm grant={grant} />
        </>
      ) : null}
      {reversing ? (
        <ReverseDialog
          movement={reversing}
          onClose={() => setReversing(null)}
          onDone={() => setReversing(null)}
        />
      ) : null}
    </section>
  );
}

const today = () => isoToDateInput(todayIso());

function RecordForm({ grant }: { grant: Grant }) {
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
    form.setValues({ ...empty, type: form.values.type, date: form.values.date });
    setWarnings([]);
    setWarningReason('');
    toast(t('movements.saved'));
  }
  return (
    <Form
      onSubmit={() => submit(false)}
      className="form form--inline"
      label={t('movements.record')}
    >
      <h3>{t('movements.record')}</h3>
      <ErrorBox message={form.formError} />
      <div className="form__row">
        <SelectField
          name="type"
          label={t('movements.type')}
          value={form.values.type}
          onChange={(v) => form.set('type', v)}
          options={DIRECT_MOVEMENT_TYPES.map((m) => ({ value: m, label: t(`movementType.${m}`) }))}
          error={form.errors.type}
        />
        <TextField
          label={t('movements.date')}
          required
          placeholder={t('date.placeholder')}
          {...form.bind('date')}
        />
        <TextField
          label={t('movements.amount')}
          required
          inputMode="decimal"
          {...form.bind('amount')}
        />
        {inEur ? (
          <TextField
            label={t('eur.amount')}
            required
            inputMode="decimal"
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
      <FormActions submitLabel={t('movements.record')} />
    </Form>
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

function TransferForm({ grant }: { grant: Grant }) {
  const movementsTransfer = useApiMutation('movements.transfer');
  const { t } = useI18n();
  const toast = useToast();
  const [open, setOpen] = useState(false);
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
  if (!open) {
    return (
      <p>
        <Button onClick={() => setOpen(true)}>{t('movements.transfer')}</Button>
      </p>
    );
  }
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
    form.setValues(empty);
    setOpen(false);
    toast(t('movements.transferred'));
  }
  const options = (targets.data ?? []).map((g) => ({
    value: String(g.id),
    label: `${g.title} (${g.funderName})`,
  }));
  return (
    <Form onSubmit={submit} className="form form--inline" label={t('movements.transfer')}>
      <h3>{t('movements.transfer')}</h3>
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
        <TextField
          name="transferDate"
          label={t('movements.date')}
          required
          placeholder={t('date.placeholder')}
          value={form.values.date}
          onChange={(v) => form.set('date', v)}
          error={form.errors.date}
        />
        <TextField
          name="transferAmount"
          label={t('movements.amount')}
          required
          inputMode="decimal"
          value={form.values.amount}
          onChange={(v) => form.set('amount', v)}
          error={form.errors.amount ?? form.errors.amountOre}
        />
      </div>
      <div className="form__row">
        <TextField label={t('movements.approvalRef')} required {...form.bind('approvalRef')} />
        <TextField
          label={t('movements.approvalDate')}
          required
          placeholder={t('date.placeholder')}
          {...form.bind('approvalDate')}
        />
        <TextField
          name="transferVoucher"
          label={t('movements.voucher')}
          value={form.values.voucherRef}
          onChange={(v) => form.set('voucherRef', v)}
          error={form.errors.voucherRef}
        />
      </div>
      <FormActions submitLabel={t('movements.transfer')} onCancel={() => setOpen(false)} />
    </Form>
  );
}
