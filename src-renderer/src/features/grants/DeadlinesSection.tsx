import { useState } from 'react';
import { GrantDeadlineInput, type Grant } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { useApiMutation } from '../../lib/query';
import { dateInputToIso, formatIsoDate, todayIso } from '../../lib/format';
import { useForm } from '../../lib/form';
import { DateField } from '../../ui/date-field';
import { TextField } from '../../ui/fields';
import { Button, EmptyState, ErrorBox } from '../../ui/layout';
import { Form, FormActions } from '../../ui/form';
import { ScrollRegion } from './ScrollRegion';
import { useOpener } from './use-opener';

export function DeadlinesSection({ grant, onChange }: { grant: Grant; onChange(g: Grant): void }) {
  const grantsAddDeadline = useApiMutation('grants.addDeadline');
  const grantsCompleteDeadline = useApiMutation('grants.completeDeadline');
  const { t } = useI18n();
  const form = useForm({ dueDate: '', description: '' });
  const panel = useOpener<true>();
  const [doneError, setDoneError] = useState<string | null>(null);
  const close = () => {
    form.setValues({ dueDate: '', description: '' });
    form.setErrors({});
    form.setFormError(null);
    panel.close();
  };
  async function add() {
    const input = form.validate(GrantDeadlineInput, {
      grantId: grant.id,
      dueDate: dateInputToIso(form.values.dueDate),
      description: form.values.description,
    });
    if (!input) return;
    const res = await grantsAddDeadline(input);
    if (!res.ok) return form.showApiError(res.error);
    close();
    onChange(res.value);
  }
  async function done(id: number) {
    const res = await grantsCompleteDeadline({ id, doneDate: todayIso() });
    if (!res.ok) return setDoneError(res.error.message);
    setDoneError(null);
    onChange(res.value);
  }
  return (
    <section className="subsection" aria-labelledby="deadlines-heading">
      <h2 id="deadlines-heading">{t('grants.deadlines')}</h2>
      <ErrorBox message={doneError} />
      {grant.deadlines.length === 0 ? (
        <EmptyState>{t('grants.noDeadlines')}</EmptyState>
      ) : (
        <ScrollRegion label={t('grants.deadlines')}>
          <table className="table" aria-label={t('grants.deadlines')}>
            <thead>
              <tr>
                <th scope="col">{t('grants.deadlineDue')}</th>
                <th scope="col">{t('grants.deadlineWhat')}</th>
                <th scope="col">{t('grants.deadlineDone')}</th>
              </tr>
            </thead>
            <tbody>
              {grant.deadlines.map((d) => (
                <tr key={d.id}>
                  <td>{formatIsoDate(d.dueDate)}</td>
                  <td>{d.description}</td>
                  <td>
                    {d.doneDate ? (
                      formatIsoDate(d.doneDate)
                    ) : (
                      <Button variant="link" onClick={() => void done(d.id)}>
                        {t('grants.markDone')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p>
        <Button
          aria-expanded={panel.value !== null}
          aria-controls="deadline-form"
          onClick={() => (panel.value ? close() : panel.open(true))}
        >
          {t('grants.addDeadline')}
        </Button>
      </p>
      {panel.value ? (
        <div
          id="deadline-form"
          className="grant-panel"
          onKeyDown={(ev) => {
            if (ev.key === 'Escape') {
              ev.preventDefault();
              close();
            }
          }}
        >
          <Form onSubmit={add} className="form form--inline" label={t('grants.addDeadline')}>
            <ErrorBox message={form.formError} />
            <div className="form__row">
              <DateField
                label={t('grants.deadlineDue')}
                required
                autoFocus
                {...form.bind('dueDate')}
              />
              <TextField label={t('grants.deadlineWhat')} required {...form.bind('description')} />
            </div>
            <FormActions submitLabel={t('grants.addDeadline')} onCancel={close} />
          </Form>
        </div>
      ) : null}
    </section>
  );
}
