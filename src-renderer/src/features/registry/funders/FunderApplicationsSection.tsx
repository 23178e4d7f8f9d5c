/**
 * The funder page's application part: success rate per year (awarded / applied, count and
 * amount, computed by the service in SQL), the last decisions, the funder's caps (øvre
 * beløpsgrense) with a form to set and remove them, and the application and report deadlines.
 */
import { useState } from 'react';
import { CapSetInput, type FunderApplications } from '../../../../../src-shared/api/contract';
import { CAP_KINDS, type CapKind } from '../../../../../src-shared/applications/rules';
import { CAP_KIND_LABEL } from '../../../../../src-shared/applications/labels';
import { GRANT_STATUSES } from '../../../../../src-shared/grants/rules';
import { formatBasisPoints } from '../../../../../src-shared/kernel/percent';
import { useI18n } from '../../../i18n/i18n';
import { useApi, useWrite } from '../../../lib/query';
import { useForm } from '../../../lib/form';
import { parseAmounts } from '../../../lib/money-input';
import { Link } from '../../../lib/router';
import { SelectField, TextField } from '../../../ui/fields';
import { Form, FormActions } from '../../../ui/form';
import { Button, EmptyState, ErrorBox } from '../../../ui/layout';
import { MoneyField } from '../../../ui/money-field';
import { SortableTable } from '../../../ui/sortable-table';
import { useToast } from '../../../ui/toast';
import { StatusBadge } from '../../grants/StatusBadge';
import '../../applications/applications.css';

const rate = (bp: number | null) => (bp === null ? '—' : formatBasisPoints(bp));

export function FunderApplicationsSection({ funderId }: { funderId: number }) {
  const { t } = useI18n();
  const { data, error } = useApi('applications.funderOverview', { funderId });
  if (error) return <ErrorBox message={error} />;
  if (!data) return null;
  return (
    <>
      <SuccessRates data={data} />
      <LastDecisions data={data} />
      <Caps data={data} />
      <section className="subsection" aria-labelledby="funder-deadlines">
        <h2 id="funder-deadlines">{t('pipeline.funderDeadlines')}</h2>
        {data.deadlines.length === 0 ? (
          <EmptyState>{t('pipeline.noDeadlines')}</EmptyState>
        ) : (
          <SortableTable
            rows={data.deadlines}
            rowKey={(d) => `${d.grantId}-${d.date}-${d.what}`}
            label={t('pipeline.funderDeadlines')}
            columns={[
              { key: 'date', label: t('pipeline.date'), kind: 'date', value: (d) => d.date },
              {
                key: 'title',
                label: t('pipeline.application'),
                value: (d) => d.title,
                cell: (d) => <Link to={`/grants/${d.grantId}`}>{d.title}</Link>,
              },
              { key: 'what', label: t('pipeline.what'), value: (d) => d.what },
              {
                key: 'done',
                label: t('pipeline.delivered'),
                value: (d) => d.done,
                cell: (d) => (d.done ? t('pipeline.yes') : t('pipeline.no')),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}

function SuccessRates({ data }: { data: FunderApplications }) {
  const { t } = useI18n();
  return (
    <section className="subsection" aria-labelledby="funder-success">
      <h2 id="funder-success">{t('pipeline.successRate')}</h2>
      {data.successByYear.length === 0 ? (
        <EmptyState>{t('pipeline.noApplications')}</EmptyState>
      ) : (
        <SortableTable
          rows={data.successByYear}
          rowKey={(y) => y.year}
          label={t('pipeline.successRate')}
          totals={false}
          columns={[
            { key: 'year', label: t('common.year'), kind: 'number', value: (y) => y.year },
            {
              key: 'sent',
              label: t('pipeline.sent'),
              kind: 'number',
              value: (y) => y.appliedCount,
              cell: (y) =>
                `${y.appliedCount}${y.pendingCount > 0 ? ` (${t('pipeline.pending', { n: y.pendingCount })})` : ''}`,
            },
            {
              key: 'awardedCount',
              label: t('pipeline.awardedCount'),
              kind: 'number',
              value: (y) => y.awardedCount,
              cell: (y) => `${y.awardedCount} / ${y.decidedCount}`,
            },
            {
              key: 'rateCount',
              label: t('pipeline.rateCount'),
              kind: 'number',
              value: (y) => y.countRateBp,
              cell: (y) => rate(y.countRateBp),
            },
            {
              key: 'applied',
              label: t('grants.applied'),
              kind: 'money',
              value: (y) => y.decidedAppliedOre,
            },
            {
              key: 'awarded',
              label: t('grants.awarded'),
              kind: 'money',
              value: (y) => y.awardedOre,
            },
            {
              key: 'rateAmount',
              label: t('pipeline.rateAmount'),
              kind: 'number',
              value: (y) => y.amountRateBp,
              cell: (y) => rate(y.amountRateBp),
            },
          ]}
        />
      )}
      <p className="hint">{t('pipeline.successHint')}</p>
    </section>
  );
}

function LastDecisions({ data }: { data: FunderApplications }) {
  const { t } = useI18n();
  return (
    <section className="subsection" aria-labelledby="funder-decisions">
      <h2 id="funder-decisions">{t('pipeline.lastDecisions')}</h2>
      {data.lastDecisions.length === 0 ? (
        <EmptyState>{t('pipeline.noDecisions')}</EmptyState>
      ) : (
        <SortableTable
          rows={data.lastDecisions}
          rowKey={(d) => d.grantId}
          label={t('pipeline.lastDecisions')}
          columns={[
            {
              key: 'date',
              label: t('grants.decisionDate'),
              kind: 'date',
              value: (d) => d.decisionDate,
            },
            {
              key: 'title',
              label: t('pipeline.application'),
              value: (d) => d.title,
              cell: (d) => <Link to={`/grants/${d.grantId}`}>{d.title}</Link>,
            },
            {
              key: 'status',
              label: t('common.status'),
              kind: 'status',
              order: GRANT_STATUSES,
              value: (d) => d.status,
              cell: (d) => <StatusBadge status={d.status} />,
            },
            {
              key: 'applied',
              label: t('grants.applied'),
              kind: 'money',
              value: (d) => d.appliedOre,
            },
            {
              key: 'awarded',
              label: t('grants.awarded'),
              kind: 'money',
              value: (d) => d.awardedOre,
            },
          ]}
        />
      )}
    </section>
  );
}

function Caps({ data }: { data: FunderApplications }) {
  const write = useWrite();
  const { t } = useI18n();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const form = useForm({
    kind: 'scheme' as CapKind,
    year: '',
    schemeName: '',
    amount: '',
    note: '',
  });
  async function submit() {
    const { amounts, errors } = parseAmounts(
      { amount: form.values.amount },
      { amount: t('pipeline.capAmount') },
    );
    if (errors.amount) return form.setErrors(errors);
    const input = form.validate(CapSetInput, {
      funderId: data.funderId,
      kind: form.values.kind,
      year: form.values.kind === 'year' && form.values.year ? Number(form.values.year) : null,
      schemeName: form.values.kind === 'scheme' ? form.values.schemeName : null,
      amountOre: amounts.amount,
      note: form.values.note,
    });
    if (!input) return;
    const res = await write('applications.setCap', input);
    if (!res.ok) return form.showApiError(res.error);
    setAdding(false);
    toast(t('pipeline.capSaved'));
  }
  async function remove(id: number) {
    const res = await write('applications.removeCap', { id });
    if (!res.ok) return toast(res.error.message, 'error');
  }
  return (
    <section className="subsection" aria-labelledby="funder-caps">
      <h2 id="funder-caps">{t('pipeline.caps')}</h2>
      {data.caps.length === 0 ? <p className="hint">{t('pipeline.noCaps')}</p> : null}
      {data.caps.length > 0 ? (
        <SortableTable
          rows={data.caps}
          rowKey={(c) => c.id}
          label={t('pipeline.caps')}
          columns={[
            {
              key: 'for',
              label: t('pipeline.capFor'),
              value: (c) => (c.kind === 'scheme' ? c.schemeName : String(c.year)),
            },
            {
              key: 'amount',
              label: t('pipeline.capAmount'),
              kind: 'money',
              // Caps of different schemes and years do not add up.
              total: false,
              value: (c) => c.amountOre,
            },
            { key: 'note', label: t('common.notes'), value: (c) => c.note },
            {
              key: 'actions',
              label: t('pipeline.actions'),
              hideLabel: true,
              className: 'table__actions',
              value: () => null,
              cell: (c) => (
                <Button variant="link" onClick={() => void remove(c.id)}>
                  {t('pipeline.remove')}
                </Button>
              ),
            },
          ]}
        />
      ) : null}
      {adding ? (
        <Form onSubmit={submit} label={t('pipeline.addCap')}>
          <ErrorBox message={form.formError} />
          <div className="form__row">
            <SelectField
              name="kind"
              label={t('pipeline.capKind')}
              value={form.values.kind}
              onChange={(v) => form.set('kind', v as CapKind)}
              options={CAP_KINDS.map((k) => ({ value: k, label: CAP_KIND_LABEL[k] }))}
            />
            {form.values.kind === 'year' ? (
              <TextField label={t('common.year')} inputMode="numeric" {...form.bind('year')} />
            ) : (
              <TextField label={t('pipeline.scheme')} {...form.bind('schemeName')} />
            )}
            <MoneyField
              name="amount"
              label={t('pipeline.capAmount')}
              required
              value={form.values.amount}
              onChange={(v) => form.set('amount', v)}
              error={form.errors.amount ?? form.errors.amountOre}
            />
          </div>
          <TextField label={t('common.notes')} {...form.bind('note')} />
          <FormActions onCancel={() => setAdding(false)} />
        </Form>
      ) : (
        <Button onClick={() => setAdding(true)}>{t('pipeline.addCap')}</Button>
      )}
    </section>
  );
}
