/**
 * «Tildelingshistorikk» (issue 10.3): the award as the funder's letters tell it, with the
 * dialogs to correct the decision (with a reason) and to record a top-up or reduction.
 */
import {
  GrantAwardChangeInput,
  GrantCorrectAwardInput,
  type Grant,
} from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { useApiMutation } from '../../lib/query';
import { dateInputToIso, formatIsoDate, isoToDateInput, todayIso } from '../../lib/format';
import { useForm } from '../../lib/form';
import { kr, oreToInput, parseAmounts } from '../../lib/money-input';
import { Dialog } from '../../ui/dialog';
import { DateField } from '../../ui/date-field';
import { MoneyField } from '../../ui/money-field';
import { TextField } from '../../ui/fields';
import { Button, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { Form, FormActions } from '../../ui/form';
import { ScrollRegion } from './ScrollRegion';
import { useOpener } from './use-opener';

type Open = 'correct' | 'topUp';

export function AwardHistorySection({
  grant,
  onChange,
}: {
  grant: Grant;
  onChange(g: Grant): void;
}) {
  const { t } = useI18n();
  const dialog = useOpener<Open>();
  const open = dialog.value;
  const canChange = grant.status === 'innvilget' || grant.status === 'delvis_innvilget';
  const done = (g: Grant) => {
    dialog.close();
    onChange(g);
  };
  return (
    <section className="subsection" aria-labelledby="award-history-heading">
      <h2 id="award-history-heading">{t('awards.heading')}</h2>
      <p className="hint">{t('awards.hint')}</p>
      <ScrollRegion label={t('awards.heading')}>
        <table className="table" aria-label={t('awards.heading')}>
          <thead>
            <tr>
              <th scope="col">{t('awards.kind')}</th>
              <th scope="col">{t('awards.date')}</th>
              <th scope="col" className="num">
                {t('awards.change')}
              </th>
              <th scope="col" className="num">
                {t('awards.total')}
              </th>
              <th scope="col">{t('awards.reference')}</th>
              <th scope="col">{t('awards.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {grant.awardHistory.map((h, i) => (
              <tr key={h.id ?? `award-${i}`}>
                <td>{t(`awards.kind.${h.kind}`)}</td>
                <td>
                  {h.decisionDate ? formatIsoDate(h.decisionDate) : '—'}
                  {h.previousDecisionDate && h.previousDecisionDate !== h.decisionDate ? (
                    <div className="hint">
                      {t('awards.previousDate', { date: formatIsoDate(h.previousDecisionDate) })}
                    </div>
                  ) : null}
                </td>
                <td className="num">{kr(h.changeOre)}</td>
                <td className="num">{kr(h.totalOre)}</td>
                <td>{h.reference ?? ''}</td>
                <td>{h.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {canChange ? (
        <div className="form__actions">
          <Button onClick={() => dialog.open('correct')}>{t('awards.correct')}</Button>
          <Button onClick={() => dialog.open('topUp')}>{t('awards.topUp')}</Button>
        </div>
      ) : null}
      {open === 'correct' ? (
        <CorrectDialog grant={grant} onClose={dialog.close} onDone={done} />
      ) : null}
      {open === 'topUp' ? <TopUpDialog grant={grant} onClose={dialog.close} onDone={done} /> : null}
    </section>
  );
}

interface DialogProps {
  grant: Grant;
  onClose(): void;
  onDone(g: Grant): void;
}

function CorrectDialog({ grant, onClose, onDone }: DialogProps) {
  const { t } = useI18n();
  const correctAward = useApiMutation('grants.correctAward');
  const toast = useToast();
  const form = useForm({
    amount: oreToInput(grant.awardedOre),
    date: isoToDateInput(grant.decisionDate),
    reason: '',
  });
  async function submit() {
    const { amounts, errors } = parseAmounts(
      { amount: form.values.amount },
      { amount: t('awards.amount') },
    );
    if (errors.amount) return form.setErrors(errors);
    const input = form.validate(GrantCorrectAwardInput, {
      id: grant.id,
      awardedOre: amounts.amount ?? undefined,
      decisionDate: dateInputToIso(form.values.date),
      reason: form.values.reason,
    });
    if (!input) return;
    const res = await correctAward(input);
    if (!res.ok) return form.showApiError(res.error);
    toast(t('awards.saved'));
    onDone(res.value);
  }
  return (
    <Dialog open title={t('awards.correctTitle')} onClose={onClose}>
      <p className="hint">{t('awards.correctHint')}</p>
      <Form onSubmit={submit}>
        <ErrorBox message={form.formError} />
        <MoneyField
          label={t('awards.amount')}
          required
          {...form.bind('amount')}
          name="correctAmount"
          error={form.errors.amount ?? form.errors.awardedOre}
        />
        <DateField
          label={t('awards.date')}
          required
          {...form.bind('date')}
          name="correctDate"
          error={form.errors.date ?? form.errors.decisionDate}
        />
        <TextField
          label={t('awards.reason')}
          required
          {...form.bind('reason')}
          name="correctReason"
        />
        <FormActions submitLabel={t('awards.correct')} onCancel={onClose} />
      </Form>
    </Dialog>
  );
}

function TopUpDialog({ grant, onClose, onDone }: DialogProps) {
  const { t } = useI18n();
  const addAwardChange = useApiMutation('grants.addAwardChange');
  const toast = useToast();
  const form = useForm({ amount: '', date: isoToDateInput(todayIso()), reference: '', reason: '' });
  async function submit() {
    const { amounts, errors } = parseAmounts(
      { amount: form.values.amount },
      { amount: t('awards.changeAmount') },
    );
    if (errors.amount) return form.setErrors(errors);
    const input = form.validate(GrantAwardChangeInput, {
      id: grant.id,
      changeOre: amounts.amount ?? undefined,
      decisionDate: dateInputToIso(form.values.date),
      reference: form.values.reference,
      reason: form.values.reason,
    });
    if (!input) return;
    const res = await addAwardChange(input);
    if (!res.ok) return form.showApiError(res.error);
    toast(t('awards.saved'));
    onDone(res.value);
  }
  return (
    <Dialog open title={t('awards.topUpTitle')} onClose={onClose}>
      <p className="hint">{t('awards.topUpHint')}</p>
      <Form onSubmit={submit}>
        <ErrorBox message={form.formError} />
        <MoneyField
          label={t('awards.changeAmount')}
          required
          {...form.bind('amount')}
          name="topUpAmount"
          error={form.errors.amount ?? form.errors.changeOre}
        />
        <DateField
          label={t('awards.date')}
          required
          {...form.bind('date')}
          name="topUpDate"
          error={form.errors.date ?? form.errors.decisionDate}
        />
        <TextField
          label={t('awards.reference')}
          {...form.bind('reference')}
          name="topUpReference"
        />
        <TextField label={t('awards.reason')} {...form.bind('reason')} name="topUpReason" />
        <FormActions submitLabel={t('awards.topUp')} onCancel={onClose} />
      </Form>
    </Dialog>
  );
}
