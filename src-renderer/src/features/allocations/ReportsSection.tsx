/** Centres' reports on their awards, returns of unused money, and approvals to keep it. */
import { useState } from 'react';
import {
  CentreReportInput,
  CentreReturnInput,
  KeepUnusedInput,
  type Allocation,
  type Round,
} from '../../../../src-shared/api/contract';
import { REPORT_STATUSES } from '../../../../src-shared/allocations/rules';
import { useI18n } from '../../i18n/i18n';
import { useApiMutation } from '../../lib/query';
import { dateInputToIso, formatIsoDate, isoToDateInput, todayIso } from '../../lib/format';
import { useForm } from '../../lib/form';
import { kr, oreToInput, parseAmounts } from '../../lib/money-input';
import { Dialog } from '../../ui/dialog';
import { DateField } from '../../ui/date-field';
import { MoneyField } from '../../ui/money-field';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { Badge, Button, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { Form, FormActions } from '../../ui/form';

type Action = { kind: 'report' | 'return' | 'keep'; allocation: Allocation };

export function ReportsSection({ round, onChange }: { round: Round; onChange(r: Round): void }) {
  const { t } = useI18n();
  const [action, setAction] = useState<Action | null>(null);
  const rows = round.allocations.filter((a) => (a.awardedOre ?? 0) > 0);
  if (rows.length === 0) return null;
  const done = (r: Round) => {
    setAction(null);
    onChange(r);
  };
  return (
    <section className="subsection" aria-labelledby="reports-heading">
      <h2 id="reports-heading">{t('report.heading')}</h2>
      <table className="table" aria-label={t('report.heading')}>
        <thead>
          <tr>
            <th scope="col">{t('apps.centre')}</th>
            <th scope="col">{t('report.due')}</th>
            <th scope="col">{t('report.status')}</th>
            <th scope="col" className="num">
              {t('rounds.paid')}
            </th>
            <th scope="col" className="num">
              {t('report.spent')}
            </th>
            <th scope="col" className="num">
              {t('rounds.returned')}
            </th>
            <th scope="col" className="num">
              {t('report.participants')}
            </th>
            <th scope="col">
              <span className="sr-only">{t('report.record')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>{a.centreName}</td>
              <td>{a.reportDueDate ? formatIsoDate(a.reportDueDate) : '—'}</td>
              <td>
                <Badge tone={a.reportStatus === 'godkjent' ? 'ok' : a.overdue ? 'warn' : 'muted'}>
                  {t(`reportStatus.${a.reportStatus}`)}
                </Badge>{' '}
                {a.overdue ? <Badge tone="warn">{t('report.overdue')}</Badge> : null}
              </td>
              <td className="num">{kr(a.paidOre)}</td>
              <td className="num">{kr(a.spentOre)}</td>
              <td className="num">
                {kr(a.returnedOre)}
                {a.keptUnusedOre ? (
                  <div className="hint">
                    {t('report.keep')}: {kr(a.keptUnusedOre)}
                  </div>
                ) : null}
              </td>
              <td className="num">{a.participantsReached ?? '—'}</td>
              <td className="table__actions">
                <Button variant="link" onClick={() => setAction({ kind: 'report', allocation: a })}>
                  {t('report.record')}
                </Button>
                {a.paidOre > 0 ? (
                  <>
                    <Button
                      variant="link"
                      onClick={() => setAction({ kind: 'return', allocation: a })}
                    >
                      {t('report.return')}
                    </Button>
                    <Button
                      variant="link"
                      onClick={() => setAction({ kind: 'keep', allocation: a })}
                    >
                      {t('report.keep')}
                    </Button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {action?.kind === 'report' ? (
        <ReportDialog
          allocation={action.allocation}
          onClose={() => setAction(null)}
          onDone={done}
        />
      ) : null}
      {action?.kind === 'return' ? (
        <ReturnDialog
          allocation={action.allocation}
          onClose={() => setAction(null)}
          onDone={done}
        />
      ) : null}
      {action?.kind === 'keep' ? (
        <KeepDialog allocation={action.allocation} onClose={() => setAction(null)} onDone={done} />
      ) : null}
    </section>
  );
}

interface DialogProps {
  allocation: Allocation;
  onClose(): void;
  onDone(r: Round): void;
}

function ReportDialog({ allocation: a, onClose, onDone }: DialogProps) {
  const centreReportsRecord = useApiMutation('centreReports.record');
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm({
    reportReceivedDate: isoToDateInput(a.reportReceivedDate) || isoToDateInput(todayIso()),
    reportDueDate: isoToDateInput(a.reportDueDate),
    spent: oreToInput(a.spentOre),
    participants: a.participantsReached === null ? '' : String(a.participantsReached),
    reportText: a.reportText ?? '',
    reportStatus:
      a.reportStatus === 'venter' || a.reportStatus === 'purret' ? 'mottatt' : a.reportStatus,
  });
  async function submit() {
    const { amounts, errors } = parseAmounts(
      { spent: form.values.spent },
      { spent: t('report.spent') },
    );
    if (errors.spent) return form.setErrors(errors);
    const p = form.values.participants.trim();
    const input = form.validate(CentreReportInput, {
      allocationId: a.id,
      reportReceivedDate: dateInputToIso(form.values.reportReceivedDate),
      reportDueDate: dateInputToIso(form.values.reportDueDate),
      spentOre: amounts.spent,
      participantsReached: p === '' ? null : /^\d+$/.test(p) ? Number(p) : p,
      reportText: form.values.reportText,
      reportStatus: form.values.reportStatus,
    });
    if (!input) return;
    const res = await centreReportsRecord(input);
    if (!res.ok) return form.showApiError(res.error);
    toast(t('report.saved'));
    onDone(res.value);
  }
  return (
    <Dialog open title={`${t('report.record')}: ${a.centreName}`} onClose={onClose}>
      <Form onSubmit={submit}>
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <DateField
            label={t('report.receivedDate')}
            autoFocus
            {...form.bind('reportReceivedDate')}
          />
          <DateField label={t('report.due')} {...form.bind('reportDueDate')} />
        </div>
        <div className="form__row">
          <MoneyField
            name="spent"
            label={t('report.spent')}
            value={form.values.spent}
            onChange={(v) => form.set('spent', v)}
            error={form.errors.spent ?? form.errors.spentOre}
          />
          <TextField
            name="participants"
            label={t('report.participants')}
            inputMode="numeric"
            value={form.values.participants}
            onChange={(v) => form.set('participants', v)}
            error={form.errors.participants ?? form.errors.participantsReached}
          />
          <SelectField
            name="reportStatus"
            label={t('report.status')}
            value={form.values.reportStatus}
            onChange={(v) => form.set('reportStatus', v as typeof form.values.reportStatus)}
            options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`reportStatus.${s}`) }))}
            error={form.errors.reportStatus}
          />
        </div>
        <TextAreaField label={t('report.text')} {...form.bind('reportText')} />
        <FormActions onCancel={onClose} />
      </Form>
    </Dialog>
  );
}

function ReturnDialog({ allocation: a, onClose, onDone }: DialogProps) {
  const centreReportsRecordReturn = useApiMutation('centreReports.recordReturn');
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm({ date: isoToDateInput(todayIso()), amount: '', voucherRef: '', note: '' });
  async function submit() {
    const { amounts, errors } = parseAmounts(
      { amount: form.values.amount },
      { amount: t('report.returnAmount') },
    );
    if (errors.amount) return form.setErrors(errors);
    const input = form.validate(CentreReturnInput, {
      allocationId: a.id,
      date: dateInputToIso(form.values.date),
      amountOre: amounts.amount ?? undefined,
      voucherRef: form.values.voucherRef,
      note: form.values.note,
    });
    if (!input) return;
    const res = await centreReportsRecordReturn(input);
    if (!res.ok) return form.showApiError(res.error);
    toast(t('report.returned'));
    onDone(res.value);
  }
  return (
    <Dialog open title={`${t('report.return')}: ${a.centreName}`} onClose={onClose}>
      <Form onSubmit={submit}>
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <DateField
            name="returnDate"
            label={t('movements.date')}
            required
            value={form.values.date}
            onChange={(v) => form.set('date', v)}
            error={form.errors.date}
          />
          <MoneyField
            name="returnAmount"
            label={t('report.returnAmount')}
            required
            autoFocus
            value={form.values.amount}
            onChange={(v) => form.set('amount', v)}
            error={form.errors.amount ?? form.errors.amountOre}
          />
        </div>
        <div className="form__row">
          <TextField
            name="returnVoucher"
            label={t('movements.voucher')}
            value={form.values.voucherRef}
            onChange={(v) => form.set('voucherRef', v)}
            error={form.errors.voucherRef}
          />
          <TextField
            name="returnNote"
            label={t('movements.note')}
            value={form.values.note}
            onChange={(v) => form.set('note', v)}
            error={form.errors.note}
          />
        </div>
        <FormActions onCancel={onClose} />
      </Form>
    </Dialog>
  );
}

function KeepDialog({ allocation: a, onClose, onDone }: DialogProps) {
  const centreReportsKeepUnused = useApiMutation('centreReports.keepUnused');
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm({
    amount: oreToInput(a.keptUnusedOre),
    approvalRef: a.keptApprovalRef ?? '',
  });
  async function submit() {
    const { amounts, errors } = parseAmounts(
      { amount: form.values.amount },
      { amount: t('report.keepAmount') },
    );
    if (errors.amount) return form.setErrors(errors);
    const input = form.validate(KeepUnusedInput, {
      allocationId: a.id,
      amountOre: amounts.amount ?? undefined,
      approvalRef: form.values.approvalRef,
    });
    if (!input) return;
    const res = await centreReportsKeepUnused(input);
    if (!res.ok) return form.showApiError(res.error);
    toast(t('report.kept'));
    onDone(res.value);
  }
  return (
    <Dialog open title={`${t('report.keep')}: ${a.centreName}`} onClose={onClose}>
      <Form onSubmit={submit}>
        <ErrorBox message={form.formError} />
        <MoneyField
          name="keepAmount"
          label={t('report.keepAmount')}
          required
          autoFocus
          value={form.values.amount}
          onChange={(v) => form.set('amount', v)}
          error={form.errors.amount ?? form.errors.amountOre}
        />
        <TextField
          name="keepApproval"
          label={t('report.keepApproval')}
          required
          value={form.values.approvalRef}
          onChange={(v) => form.set('approvalRef', v)}
          error={form.errors.approvalRef}
        />
        <FormActions onCancel={onClose} />
      </Form>
    </Dialog>
  );
}
