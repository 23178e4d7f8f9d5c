/**
 * Moves an application to another status from the pipeline with `grants.setStatus` (the
 * grant's rules decide what is allowed). On an award it asks for the amount and decision
 * date, and lets her mark the scenario that was awarded (`applications.chooseScenario`).
 */
import { useState } from 'react';
import { GrantStatusInput, type ApplicationRow } from '../../../../src-shared/api/contract';
import { AWARDED_STATUSES, type GrantStatus } from '../../../../src-shared/grants/rules';
import { useI18n } from '../../i18n/i18n';
import { useApi, useWrite } from '../../lib/query';
import { dateInputToIso } from '../../lib/format';
import { useForm } from '../../lib/form';
import { kr, oreToInput, parseAmounts } from '../../lib/money-input';
import { Dialog } from '../../ui/dialog';
import { DateField } from '../../ui/date-field';
import { MoneyField } from '../../ui/money-field';
import { SelectField, TextField } from '../../ui/fields';
import { Form, FormActions } from '../../ui/form';
import { ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';

export function MoveDialog({
  row,
  target,
  onClose,
  onDone,
}: {
  row: ApplicationRow;
  target: GrantStatus;
  onClose(): void;
  onDone(): void;
}) {
  const write = useWrite();
  const { t } = useI18n();
  const toast = useToast();
  const awarding = AWARDED_STATUSES.includes(target);
  const carriesMoney = row.kssRole !== 'stottepartner';
  const app = useApi('applications.get', { grantId: row.grantId });
  const [busy, setBusy] = useState(false);
  const form = useForm({
    awarded: target === 'innvilget' ? oreToInput(row.appliedOre) : '',
    decisionDate: '',
    scenario: row.chosenScenarioId ? String(row.chosenScenarioId) : '',
    reason: '',
  });
  async function submit() {
    const { amounts, errors } = parseAmounts(
      { awarded: form.values.awarded },
      { awarded: t('grants.awarded') },
    );
    if (awarding && carriesMoney && errors.awarded) {
      form.setErrors(errors);
      return;
    }
    const input = form.validate(GrantStatusInput, {
      id: row.grantId,
      status: target,
      awardedOre: awarding && carriesMoney ? amounts.awarded : null,
      decisionDate: dateInputToIso(form.values.decisionDate),
      reason: form.values.reason,
    });
    if (!input) return;
    setBusy(true);
    const res = await write('grants.setStatus', input);
    if (res.ok && awarding) {
      const scenarioId = form.values.scenario ? Number(form.values.scenario) : null;
      if (scenarioId !== row.chosenScenarioId) {
        const chosen = await write('applications.chooseScenario', {
          grantId: row.grantId,
          scenarioId,
        });
        if (!chosen.ok) toast(chosen.error.message, 'error');
      }
    }
    setBusy(false);
    if (!res.ok) {
      form.showApiError(res.error);
      if (res.error.issues?.some((i) => i.path === 'awardedOre')) {
        form.setErrors((e) => ({ ...e, awarded: e.awardedOre ?? '' }));
      }
      return;
    }
    toast(t('pipeline.moved', { title: row.title, status: t(`grantStatus.${target}`) }));
    onDone();
  }
  const scenarios = app.data?.scenarios ?? [];
  return (
    <Dialog open title={`${row.title}: ${t(`grantStatus.${target}`)}`} onClose={onClose}>
      <Form onSubmit={submit}>
        <ErrorBox message={form.formError} />
        {awarding && carriesMoney ? (
          <MoneyField
            name="awarded"
            label={t('grants.awarded')}
            required
            autoFocus
            value={form.values.awarded}
            onChange={(v) => form.set('awarded', v)}
            error={form.errors.awarded ?? form.errors.awardedOre}
          />
        ) : null}
        {awarding || target === 'avslatt' ? (
          <DateField
            label={t('grants.decisionDate')}
            required={awarding}
            {...form.bind('decisionDate')}
          />
        ) : null}
        {awarding && scenarios.length > 0 ? (
          <SelectField
            name="scenario"
            label={t('pipeline.awardedScenario')}
            hint={t('pipeline.awardedScenarioHint')}
            value={form.values.scenario}
            onChange={(v) => form.set('scenario', v)}
            options={scenarios.map((s) => ({
              value: String(s.id),
              label: `${s.name}${s.amountOre !== null ? ` (${kr(s.amountOre)})` : ''}`,
            }))}
            placeholder={t('pipeline.noScenario')}
          />
        ) : null}
        <TextField label={t('grants.reason')} autoFocus={!awarding} {...form.bind('reason')} />
        <FormActions onCancel={onClose} busy={busy} />
      </Form>
    </Dialog>
  );
}
