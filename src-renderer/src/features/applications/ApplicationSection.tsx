/**
 * The application part of a grant's page: its deadline, the priced scenarios with the cap
 * warnings, the centres meant to take part, and «Lag neste års søknad».
 */
import { useState } from 'react';
import {
  ScenarioAddInput,
  type Application,
  type Output,
  type Scenario,
} from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { useApi, useWrite } from '../../lib/query';
import { dateInputToIso, formatIsoDate, isoToDateInput } from '../../lib/format';
import { useForm } from '../../lib/form';
import { kr, oreToInput, parseAmounts } from '../../lib/money-input';
import { Link, navigate } from '../../lib/router';
import { Dialog } from '../../ui/dialog';
import { DateField } from '../../ui/date-field';
import { MoneyField } from '../../ui/money-field';
import { TextAreaField, TextField } from '../../ui/fields';
import { Form, FormActions } from '../../ui/form';
import { Button, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { capText } from './caps';
import { PackButton } from './PackDialog';
import './applications.css';

export function ApplicationSection({ grantId }: { grantId: number }) {
  const { t } = useI18n();
  const { data: app, error, setData } = useApi('applications.get', { grantId });
  if (error) return <ErrorBox message={error} />;
  if (!app) return null;
  return (
    <section className="subsection" aria-labelledby="application-heading">
      <h2 id="application-heading">{t('pipeline.section')}</h2>
      <DeadlineRow app={app} onChange={setData} />
      <p>
        {app.caps.length === 0
          ? t('pipeline.noCap')
          : t('pipeline.capIs', { cap: app.caps.map((c) => capText(c)).join('; ') })}
      </p>
      {app.warnings.length > 0 ? (
        <div className="warning-box" role="status" aria-label={t('pipeline.warnings')}>
          <ul>
            {app.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Scenarios app={app} onChange={setData} />
      {app.participants.length > 0 ? (
        <details>
          <summary>{t('pipeline.participants', { n: app.participants.length })}</summary>
          <p>{app.participants.map((p) => p.name).join(', ')}</p>
        </details>
      ) : null}
      <Editions app={app} />
      <p>
        <PackButton grantId={app.grantId} />{' '}
        <Link to={`/applications/${app.grantId}/print`}>{t('packPrint.link')}</Link>
      </p>
    </section>
  );
}

function DeadlineRow({ app, onChange }: { app: Application; onChange(a: Application): void }) {
  const write = useWrite();
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const form = useForm({ deadline: isoToDateInput(app.deadline) });
  async function save() {
    const res = await write('applications.setDeadline', {
      grantId: app.grantId,
      deadline: dateInputToIso(form.values.deadline),
    });
    if (!res.ok) return form.showApiError(res.error);
    setEditing(false);
    onChange(res.value);
  }
  if (!editing) {
    return (
      <p className="actions-row">
        <span>
          {t('pipeline.deadline')}:{' '}
          <strong>{app.deadline ? formatIsoDate(app.deadline) : '—'}</strong>
        </span>
        <Button variant="link" onClick={() => setEditing(true)}>
          {t('pipeline.editDeadline')}
        </Button>
      </p>
    );
  }
  return (
    <Form onSubmit={save} className="form__row" label={t('pipeline.deadline')}>
      <DateField label={t('pipeline.deadline')} autoFocus {...form.bind('deadline')} />
      <FormActions onCancel={() => setEditing(false)} />
    </Form>
  );
}

function Scenarios({ app, onChange }: { app: Application; onChange(a: Application): void }) {
  const write = useWrite();
  const { t } = useI18n();
  const toast = useToast();
  const [editing, setEditing] = useState<Scenario | 'new' | null>(null);
  const [removing, setRemoving] = useState<Scenario | null>(null);
  async function choose(scenarioId: number | null) {
    const res = await write('applications.chooseScenario', { grantId: app.grantId, scenarioId });
    if (!res.ok) return toast(res.error.message, 'error');
    onChange(res.value);
  }
  const decided = ['innvilget', 'delvis_innvilget', 'avsluttet'].includes(app.status);
  return (
    <>
      <h3>{t('pipeline.scenarios')}</h3>
      {app.scenarios.length === 0 ? <p className="hint">{t('pipeline.noScenarios')}</p> : null}
      {app.scenarios.length > 0 ? (
        <div className="table-scroll">
          <table className="table" aria-label={t('pipeline.scenarios')}>
            <thead>
              <tr>
                <th scope="col">{t('pipeline.scenarioName')}</th>
                <th scope="col" className="num">
                  {t('pipeline.amount')}
                </th>
                <th scope="col">
                  {decided ? t('pipeline.awardedScenario') : t('pipeline.chosen')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('pipeline.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {app.scenarios.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.name}
                    {s.description ? <div className="hint">{s.description}</div> : null}
                    {s.capWarning ? (
                      <div className="scenario-warning">{t('pipeline.overCap')}</div>
                    ) : null}
                  </td>
                  <td className="num">{kr(s.amountOre)}</td>
                  <td>
                    {s.chosen ? (
                      <Button variant="link" onClick={() => void choose(null)}>
                        ✓ {t('pipeline.unchoose')}
                      </Button>
                    ) : (
                      <Button variant="link" onClick={() => void choose(s.id)}>
                        {decided ? t('pipeline.markAwarded') : t('pipeline.choose')}
                      </Button>
                    )}
                  </td>
                  <td className="table__actions">
                    <Button variant="link" onClick={() => setEditing(s)}>
                      {t('common.edit')}
                    </Button>
                    <Button variant="link" onClick={() => setRemoving(s)}>
                      {t('pipeline.remove')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {decided && app.awardDifferenceOre !== null && app.awardDifferenceOre !== 0 ? (
        <p className="hint">{t('pipeline.awardDiffers', { diff: kr(app.awardDifferenceOre) })}</p>
      ) : null}
      <Button onClick={() => setEditing('new')}>{t('pipeline.addScenario')}</Button>
      {editing ? (
        <ScenarioDialog
          app={app}
          scenario={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={(a) => {
            setEditing(null);
            onChange(a);
          }}
        />
      ) : null}
      {removing ? (
        <Dialog
          open
          title={t('pipeline.removeTitle', { name: removing.name })}
          onClose={() => setRemoving(null)}
        >
          <Form
            onSubmit={async () => {
              const res = await write('applications.removeScenario', { id: removing.id });
              setRemoving(null);
              if (!res.ok) return toast(res.error.message, 'error');
              onChange(res.value);
            }}
          >
            <FormActions
              danger
              submitLabel={t('pipeline.remove')}
              onCancel={() => setRemoving(null)}
            />
          </Form>
        </Dialog>
      ) : null}
    </>
  );
}

function ScenarioDialog({
  app,
  scenario,
  onClose,
  onDone,
}: {
  app: Application;
  scenario: Scenario | null;
  onClose(): void;
  onDone(a: Application): void;
}) {
  const write = useWrite();
  const { t } = useI18n();
  const form = useForm({
    name: scenario?.name ?? '',
    amount: oreToInput(scenario?.amountOre),
    description: scenario?.description ?? '',
  });
  async function submit() {
    const { amounts, errors } = parseAmounts(
      { amount: form.values.amount },
      { amount: t('pipeline.amount') },
    );
    if (errors.amount && form.values.amount.trim() !== '') return form.setErrors(errors);
    const input = form.validate(ScenarioAddInput, {
      grantId: app.grantId,
      name: form.values.name,
      amountOre: form.values.amount.trim() === '' ? null : amounts.amount,
      description: form.values.description,
    });
    if (!input) return;
    const res = scenario
      ? await write('applications.updateScenario', { ...input, id: scenario.id })
      : await write('applications.addScenario', input);
    if (!res.ok) return form.showApiError(res.error);
    onDone(res.value);
  }
  return (
    <Dialog
      open
      title={scenario ? t('pipeline.editScenario') : t('pipeline.addScenario')}
      onClose={onClose}
    >
      <Form onSubmit={submit}>
        <ErrorBox message={form.formError} />
        <TextField label={t('pipeline.scenarioName')} required autoFocus {...form.bind('name')} />
        <MoneyField
          name="amount"
          label={t('pipeline.amount')}
          hint={app.capOre !== null ? t('pipeline.capHint', { cap: kr(app.capOre) }) : undefined}
          value={form.values.amount}
          onChange={(v) => form.set('amount', v)}
          error={form.errors.amount ?? form.errors.amountOre}
        />
        <TextAreaField
          name="description"
          label={t('pipeline.description')}
          value={form.values.description}
          onChange={(v) => form.set('description', v)}
          error={form.errors.description}
        />
        <FormActions onCancel={onClose} />
      </Form>
    </Dialog>
  );
}

function Editions({ app }: { app: Application }) {
  const write = useWrite();
  const { t } = useI18n();
  const toast = useToast();
  const [result, setResult] = useState<Output<'applications.createNextYear'> | null>(null);
  const [busy, setBusy] = useState(false);
  async function createNext() {
    setBusy(true);
    const res = await write('applications.createNextYear', { grantId: app.grantId });
    setBusy(false);
    if (!res.ok) return toast(res.error.message, 'error');
    setResult(res.value);
  }
  return (
    <div className="actions-row">
      {app.previousYearGrantId ? (
        <Link to={`/grants/${app.previousYearGrantId}`}>{t('pipeline.previousYear')}</Link>
      ) : null}
      {app.nextYearGrantId ? (
        <Link to={`/grants/${app.nextYearGrantId}`}>{t('pipeline.nextYear')}</Link>
      ) : app.projectRecurring ? (
        <Button variant="primary" disabled={busy} onClick={() => void createNext()}>
          {t('pipeline.createNextYear')}
        </Button>
      ) : null}
      {result ? (
        <Dialog
          open
          title={t('pipeline.createdTitle', { title: result.application.title })}
          onClose={() => setResult(null)}
        >
          <p>{t('pipeline.copiedIntro')}</p>
          <ul className="copied-list" aria-label={t('pipeline.copied')}>
            {result.copied.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <p className="hint">{t('pipeline.noMoneyCopied')}</p>
          <div className="form__actions">
            <Button
              variant="primary"
              onClick={() => {
                setResult(null);
                navigate(`/grants/${result.application.grantId}`);
              }}
            >
              {t('pipeline.openNext')}
            </Button>
            <Button onClick={() => setResult(null)}>{t('common.close')}</Button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
