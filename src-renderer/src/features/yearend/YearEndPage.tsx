/**
 * Årsavslutning: the checklist for a fiscal year, a decision for every closing balance,
 * exceptions with reasons, close/reopen, and the accountant's workbook and CSV.
 */
import { useState } from 'react';
import {
  DecideBalanceInput,
  type YearEndGrant,
  type YearEndOverview,
} from '../../../../src-shared/api/contract';
import { BALANCE_DECISIONS } from '../../../../src-shared/yearend/rules';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { dateInputToIso, isoToDateInput, todayIso } from '../../lib/format';
import { useForm } from '../../lib/form';
import { kr } from '../../lib/money-input';
import { useApi, useApiMutation } from '../../lib/query';
import { Dialog } from '../../ui/dialog';
import { DateField } from '../../ui/date-field';
import { SelectField, TextField } from '../../ui/fields';
import { Form, FormActions } from '../../ui/form';
import { Badge, Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { ChecklistTable } from './ChecklistTable';
import { GrantsYearTable } from './GrantsYearTable';
import './yearend.css';
import { PriorYearCorrections } from './PriorYearCorrections';

const thisYear = () => Number(todayIso().slice(0, 4));

export function YearSelect({ year, onChange }: { year: number; onChange(y: number): void }) {
  const { t } = useI18n();
  const years = Array.from({ length: 8 }, (_, i) => thisYear() + 1 - i);
  return (
    <SelectField
      name="year"
      label={t('ye.year')}
      value={String(year)}
      onChange={(v) => onChange(Number(v))}
      options={years.map((y) => ({ value: String(y), label: String(y) }))}
    />
  );
}

export function YearEndPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(thisYear() - 1);
  const { data, error, setData } = useApi('yearEnd.overview', { year });
  return (
    <section>
      <PageHeader title={t('ye.heading', { year })} />
      <div className="filters">
        <YearSelect year={year} onChange={setYear} />
      </div>
      <ErrorBox message={error} />
      {!data && !error ? <Loading text={t('common.loading')} /> : null}
      {data && data.year === year ? <YearEndBody overview={data} onChange={setData} /> : null}
    </section>
  );
}

function YearEndBody({
  overview: o,
  onChange,
}: {
  overview: YearEndOverview;
  onChange(o: YearEndOverview): void;
}) {
  const yearEndConfirmException = useApiMutation('yearEnd.confirmException');
  const yearEndClose = useApiMutation('yearEnd.close');
  const yearEndReopen = useApiMutation('yearEnd.reopen');
  const { t } = useI18n();
  const [deciding, setDeciding] = useState<YearEndGrant | null>(null);
  const [excepting, setExcepting] = useState<string | null>(null);
  const [closing, setClosing] = useState<'close' | 'reopen' | null>(null);
  const closed = o.status === 'closed';
  return (
    <>
      <div className="actions-row">
        <Badge tone={closed ? 'muted' : 'ok'}>{closed ? t('ye.closed') : t('ye.open')}</Badge>
        {o.lockedByYear && o.lockedByYear !== o.year ? (
          <span className="hint">{t('ye.lockedBy', { year: o.lockedByYear })}</span>
        ) : null}
        {closed ? (
          <Button onClick={() => setClosing('reopen')}>{t('ye.reopen')}</Button>
        ) : (
          <Button variant="primary" disabled={!o.canClose} onClick={() => setClosing('close')}>
            {t('ye.close')}
          </Button>
        )}
      </div>

      <section className="subsection" aria-labelledby="ye-checklist">
        <h2 id="ye-checklist">{t('ye.checklist')}</h2>
        {o.items.length === 0 ? (
          <EmptyState>{t(closed ? 'ye.noItemsClosed' : 'ye.noItems')}</EmptyState>
        ) : (
          <ChecklistTable items={o.items} closed={closed} onException={setExcepting} />
        )}
      </section>

      <section className="subsection" aria-labelledby="ye-grants">
        <h2 id="ye-grants">{t('ye.grants')}</h2>
        {o.grants.length === 0 ? (
          <EmptyState>{t('ye.noGrants')}</EmptyState>
        ) : (
          <GrantsYearTable overview={o} onDecide={setDeciding} />
        )}
      </section>

      <PriorYearCorrections overview={o} />

      <Exports year={o.year} />

      {o.events.length > 0 ? (
        <section className="subsection">
          <h2>{t('ye.events')}</h2>
          <ul>
            {o.events.map((e) => (
              <li key={e.id}>
                {new Date(e.atMs).toLocaleString('nb-NO')} – {t(`ye.event.${e.action}`)} ({e.actor})
                {e.reason ? `: ${e.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {deciding ? (
        <DecideDialog
          year={o.year}
          grant={deciding}
          onClose={() => setDeciding(null)}
          onDone={(next) => {
            setDeciding(null);
            onChange(next);
          }}
        />
      ) : null}
      {excepting ? (
        <ReasonDialog
          title={t('ye.exception')}
          label={t('ye.exceptionReason')}
          required
          onClose={() => setExcepting(null)}
          submit={(reason) => yearEndConfirmException({ year: o.year, itemKey: excepting, reason })}
          done={t('ye.exceptionSaved')}
          onDone={(next) => {
            setExcepting(null);
            onChange(next);
          }}
        />
      ) : null}
      {closing === 'close' ? (
        <ReasonDialog
          title={t('ye.closeConfirm', { year: o.year })}
          label={t('ye.closeNote')}
          submitLabel={t('ye.close')}
          onClose={() => setClosing(null)}
          submit={(reason) => yearEndClose({ year: o.year, reason })}
          done={t('ye.closedToast')}
          onDone={(next) => {
            setClosing(null);
            onChange(next);
          }}
        />
      ) : null}
      {closing === 'reopen' ? (
        <ReasonDialog
          title={t('ye.reopen')}
          label={t('ye.reopenReason')}
          required
          submitLabel={t('ye.reopen')}
          onClose={() => setClosing(null)}
          submit={(reason) => yearEndReopen({ year: o.year, reason })}
          done={t('ye.reopened')}
          onDone={(next) => {
            setClosing(null);
            onChange(next);
          }}
        />
      ) : null}
    </>
  );
}

function Exports({ year }: { year: number }) {
  const { t } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  async function download(method: 'yearEnd.exportWorkbook' | 'yearEnd.exportAccountingCsv') {
    setBusy(true);
    try {
      const res = await call(method, { year });
      if (!res.ok) return toast(res.error.message, 'error');
      await saveFile(res.value.fileName, res.value.contentBase64);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="subsection">
      <h2>{t('ye.exports')}</h2>
      <div className="actions-row">
        <Button disabled={busy} onClick={() => void download('yearEnd.exportWorkbook')}>
          {t('ye.workbook')}
        </Button>
        <Button disabled={busy} onClick={() => void download('yearEnd.exportAccountingCsv')}>
          {t('ye.csv')}
        </Button>
        {busy ? (
          <span className="hint" role="status">
            {t('ye.working')}
          </span>
        ) : null}
      </div>
    </section>
  );
}

function DecideDialog({
  year,
  grant,
  onClose,
  onDone,
}: {
  year: number;
  grant: YearEndGrant;
  onClose(): void;
  onDone(o: YearEndOverview): void;
}) {
  const yearEndDecideBalance = useApiMutation('yearEnd.decideBalance');
  const { t } = useI18n();
  const toast = useToast();
  const d = grant.decision;
  const form = useForm({
    decision: d?.decision ?? 'carried_forward',
    approvalRef: d?.approvalRef ?? '',
    approvalDate: isoToDateInput(d?.approvalDate),
    note: d?.note ?? '',
  });
  async function submit() {
    const input = form.validate(DecideBalanceInput, {
      grantId: grant.grantId,
      year,
      decision: form.values.decision,
      approvalRef: form.values.approvalRef,
      approvalDate: dateInputToIso(form.values.approvalDate),
      note: form.values.note,
    });
    if (!input) return;
    const res = await yearEndDecideBalance(input);
    if (!res.ok) return form.showApiError(res.error);
    toast(t('ye.decisionSaved'));
    onDone(res.value);
  }
  return (
    <Dialog
      open
      title={`${t('ye.decision')}: ${grant.title} (${kr(grant.balance.closingOre)})`}
      onClose={onClose}
    >
      <Form onSubmit={submit}>
        <ErrorBox message={form.formError} />
        <SelectField
          label={t('ye.decision')}
          options={BALANCE_DECISIONS.map((b) => ({ value: b, label: t(`decision.${b}`) }))}
          {...form.bind('decision')}
        />
        {form.values.decision === 'carried_forward' ? (
          <div className="form__row">
            <TextField
              label={t('movements.approvalRef')}
              required
              autoFocus
              {...form.bind('approvalRef')}
            />
            <DateField
              label={t('movements.approvalDate')}
              required
              {...form.bind('approvalDate')}
            />
          </div>
        ) : null}
        <TextField
          label={t('common.notes')}
          required={form.values.decision === 'explained'}
          {...form.bind('note')}
        />
        <FormActions onCancel={onClose} />
      </Form>
    </Dialog>
  );
}

function ReasonDialog({
  title,
  label,
  required = false,
  submitLabel,
  submit,
  done,
  onClose,
  onDone,
}: {
  title: string;
  label: string;
  required?: boolean;
  submitLabel?: string;
  submit(reason: string): ReturnType<typeof call<'yearEnd.close'>>;
  done: string;
  onClose(): void;
  onDone(o: YearEndOverview): void;
}) {
  const toast = useToast();
  const form = useForm({ reason: '' });
  const [busy, setBusy] = useState(false);
  async function go() {
    setBusy(true);
    try {
      const res = await submit(form.values.reason);
      if (!res.ok) return form.showApiError(res.error);
      toast(done);
      onDone(res.value);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog open title={title} onClose={onClose}>
      <Form onSubmit={go}>
        <ErrorBox message={form.formError} />
        <TextField label={label} required={required} autoFocus {...form.bind('reason')} />
        <FormActions submitLabel={submitLabel} busy={busy} onCancel={onClose} />
      </Form>
    </Dialog>
  );
}
