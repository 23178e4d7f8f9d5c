/**
 * The funder page's application part: success rate per year (awarded / applied, count and
 * amount, computed by the service in SQL), the last decisions, the funder's caps (øvre
 * beløpsgrense) with a form to set and remove them, and the application and report deadlines.
 */
import { useState } from 'react';
import { CapSetInput, type FunderApplications } from '../../../../../src-shared/api/contract';
import { CAP_KINDS, type CapKind } from '../../../../../src-shared/applications/rules';
import { CAP_KIND_LABEL } from '../../../../../src-shared/applications/labels';
import { formatBasisPoints } from '../../../../../src-shared/kernel/percent';
import { useI18n } from '../../../i18n/i18n';
import { useApi, useWrite } from '../../../lib/query';
import { formatIsoDate } from '../../../lib/format';
import { useForm } from '../../../lib/form';
import { kr, parseAmounts } from '../../../lib/money-input';
import { Link } from '../../../lib/router';
import { SelectField, TextField } from '../../../ui/fields';
import { Form, FormActions } from '../../../ui/form';
import { Button, EmptyState, ErrorBox } from '../../../ui/layout';
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
          <div className="table-scroll">
            <table className="table" aria-label={t('pipeline.funderDeadlines')}>
              <thead>
                <tr>
                  <th scope="col">{t('pipeline.date')}</th>
                  <th scope="col">{t('pipeline.application')}</th>
                  <th scope="col">{t('pipeline.what')}</th>
                  <th scope="col">{t('pipeline.delivered')}</th>
                </tr>
              </thead>
              <tbody>
                {data.deadlines.map((d, i) => (
                  <tr key={`${d.grantId}-${i}`}>
                    <td>{formatIsoDate(d.date)}</td>
                    <td>
                      <Link to={`/grants/${d.grantId}`}>{d.title}</Link>
                    </td>
                    <td>{d.what}</td>
                    <td>{d.done ? t('pipeline.yes') : t('pipeline.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
        <div className="table-scroll">
          <table className="table" aria-label={t('pipeline.successRate')}>
            <thead>
              <tr>
                <th scope="col">{t('common.year')}</th>
                <th scope="col" className="num">
                  {t('pipeline.sent')}
                </th>
                <th scope="col" className="num">
                  {t('pipeline.awardedCount')}
                </th>
                <th scope="col" className="num">
                  {t('pipeline.rateCount')}
                </th>
                <th scope="col" className="num">
                  {t('grants.applied')}
                </th>
                <th scope="col" className="num">
                  {t('grants.awarded')}
                </th>
                <th scope="col" className="num">
                  {t('pipeline.rateAmount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.successByYear.map((y) => (
                <tr key={y.year}>
                  <td>{y.year}</td>
                  <td className="num">
                    {y.appliedCount}
                    {y.pendingCount > 0 ? ` (${t('pipeline.pending', { n: y.pendingCount })})` : ''}
                  </td>
                  <td className="num">
                    {y.awardedCount} / {y.decidedCount}
                  </td>
                  <td className="num">{rate(y.countRateBp)}</td>
                  <td className="num">{kr(y.decidedAppliedOre)}</td>
                  <td className="num">{kr(y.awardedOre)}</td>
                  <td className="num">{rate(y.amountRateBp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
        <div className="table-scroll">
          <table className="table" aria-label={t('pipeline.lastDecisions')}>
            <thead>
              <tr>
                <th scope="col">{t('grants.decisionDate')}</th>
                <th scope="col">{t('pipeline.application')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col" className="num">
                  {t('grants.applied')}
                </th>
                <th scope="col" className="num">
                  {t('grants.awarded')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.lastDecisions.map((d) => (
                <tr key={d.grantId}>
                  <td>{formatIsoDate(d.decisionDate)}</td>
                  <td>
                    <Link to={`/grants/${d.grantId}`}>{d.title}</Link>
                  </td>
                  <td>
                    <StatusBadge status={d.status} />
                  </td>
                  <td className="num">{kr(d.appliedOre)}</td>
                  <td className="num">{kr(d.awardedOre)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
        <div className="table-scroll">
          <table className="table" aria-label={t('pipeline.caps')}>
            <thead>
              <tr>
                <th scope="col">{t('pipeline.capFor')}</th>
                <th scope="col" className="num">
                  {t('pipeline.capAmount')}
                </th>
                <th scope="col">{t('common.notes')}</th>
                <th scope="col">
                  <span className="sr-only">{t('pipeline.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.caps.map((c) => (
                <tr key={c.id}>
                  <td>{c.kind === 'scheme' ? c.schemeName : String(c.year)}</td>
                  <td className="num">{kr(c.amountOre)}</td>
                  <td>{c.note ?? ''}</td>
                  <td className="table__actions">
                    <Button variant="link" onClick={() => void remove(c.id)}>
                      {t('pipeline.remove')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
            <TextField
              name="amount"
              label={t('pipeline.capAmount')}
              required
              inputMode="decimal"
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
