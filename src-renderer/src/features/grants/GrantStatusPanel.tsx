/** Moves a grant along its life-cycle; only the transitions the service allows are offered. */
import { parseEuro } from '../../../../src-shared/kernel/euro';
import { GrantStatusInput, type Grant } from '../../../../src-shared/api/contract';
import type { GrantStatus } from '../../../../src-shared/grants/rules';
import { useI18n } from '../../i18n/i18n';
import { useApiMutation } from '../../lib/query';
import { dateInputToIso } from '../../lib/format';
import { useForm } from '../../lib/form';
import { amountMessage, oreToInput, parseAmounts } from '../../lib/money-input';
import { Dialog } from '../../ui/dialog';
import { DateField } from '../../ui/date-field';
import { TextField } from '../../ui/fields';
import { MoneyField } from '../../ui/money-field';
import { Button, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { Form, FormActions } from '../../ui/form';
import { useOpener } from './use-opener';

const AWARDING: readonly GrantStatus[] = ['innvilget', 'delvis_innvilget'];

export function GrantStatusPanel({ grant, onChange }: { grant: Grant; onChange(g: Grant): void }) {
  const { t } = useI18n();
  const dialog = useOpener<GrantStatus>();
  const target = dialog.value;
  if (grant.allowedTransitions.length === 0) return null;
  return (
    <section className="subsection" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('grants.statusChange')}</h2>
      <div className="actions-row">
        {grant.allowedTransitions.map((s) => (
          <Button key={s} onClick={() => dialog.open(s)}>
            {t(`grantStatus.${s}`)}
          </Button>
        ))}
      </div>
      {target ? (
        <StatusDialog
          grant={grant}
          target={target}
          onClose={dialog.close}
          onDone={(g) => {
            dialog.close();
            onChange(g);
          }}
        />
      ) : null}
    </section>
  );
}

function StatusDialog({
  grant,
  target,
  onClose,
  onDone,
}: {
  grant: Grant;
  target: GrantStatus;
  onClose(): void;
  onDone(g: Grant): void;
}) {
  const grantsSetStatus = useApiMutation('grants.setStatus');
  const { t } = useI18n();
  const toast = useToast();
  const awarding = AWARDING.includes(target) && grant.carriesMoney;
  const form = useForm({
    awarded: target === 'innvilget' ? oreToInput(grant.appliedOre) : '',
    decisionDate: '',
    reference: grant.reference ?? '',
    reason: '',
    awardedEur: '',
  });
  const inEur = awarding && grant.currency === 'EUR';
  async function submit() {
    const { amounts, errors } = parseAmounts(
      { awarded: form.values.awarded },
      { awarded: t('grants.awarded') },
    );
    if (errors.awarded) {
      form.setErrors(errors);
      return;
    }
    const eur = inEur ? parseEuro(form.values.awardedEur) : null;
    if (eur && !eur.ok) {
      form.setErrors({ awardedEur: amountMessage(t('eur.awarded'), eur.reason) });
      return;
    }
    const input = form.validate(GrantStatusInput, {
      id: grant.id,
      status: target,
      awardedOre: awarding ? amounts.awarded : null,
      awardedEurCents: eur?.ok ? eur.value : null,
      decisionDate: dateInputToIso(form.values.decisionDate),
      reference: form.values.reference,
      reason: form.values.reason,
    });
    if (!input) return;
    const res = await grantsSetStatus(input);
    if (!res.ok) {
      form.showApiError(res.error);
      if (res.error.issues?.some((i) => i.path === 'awardedOre')) {
        form.setErrors((e) => ({ ...e, awarded: e.awardedOre ?? '' }));
      }
      return;
    }
    toast(t('grants.statusChanged'));
    onDone(res.value);
  }
  return (
    <Dialog
      open
      title={`${t('grants.statusChange')}: ${t(`grantStatus.${target}`)}`}
      onClose={onClose}
    >
      <Form onSubmit={submit}>
        <ErrorBox message={form.formError} />
        {awarding ? (
          <>
            <MoneyField
              name="awarded"
              label={t('grants.awarded')}
              required
              autoFocus
              value={form.values.awarded}
              onChange={(v) => form.set('awarded', v)}
              error={form.errors.awarded ?? form.errors.awardedOre}
            />
            <DateField label={t('grants.decisionDate')} required {...form.bind('decisionDate')} />
            <TextField label={t('grants.reference')} {...form.bind('reference')} />
            {inEur ? (
              <MoneyField
                label={t('eur.awarded')}
                required
                currency="EUR"
                {...form.bind('awardedEur')}
                error={form.errors.awardedEur ?? form.errors.awardedEurCents}
              />
            ) : null}
          </>
        ) : null}
        {AWARDING.includes(target) && !grant.carriesMoney ? (
          <DateField label={t('grants.decisionDate')} {...form.bind('decisionDate')} />
        ) : null}
        <TextField label={t('grants.reason')} autoFocus={!awarding} {...form.bind('reason')} />
        <FormActions onCancel={onClose} />
      </Form>
    </Dialog>
  );
}
