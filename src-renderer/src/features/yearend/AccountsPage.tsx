/** Account codes for the accounting export (defaults from NS 4102; editable). */
import { useState } from 'react';
import type { AccountSetting } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { useApi, useApiMutation } from '../../lib/query';
import { TextField } from '../../ui/fields';
import { Form, FormActions } from '../../ui/form';
import { ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';

export function AccountsPage() {
  const { t } = useI18n();
  const { data, error, setData } = useApi('accounts.list', {});
  return (
    <section>
      <PageHeader title={t('acc.heading')} />
      <p className="hint">{t('acc.hint')}</p>
      <ErrorBox message={error} />
      {data ? <AccountsForm key={JSON.stringify(data)} settings={data} onSaved={setData} /> : null}
      {!data && !error ? <Loading text={t('common.loading')} /> : null}
    </section>
  );
}

function AccountsForm({
  settings,
  onSaved,
}: {
  settings: AccountSetting[];
  onSaved(s: AccountSetting[]): void;
}) {
  const accountsSet = useApiMutation('accounts.set');
  const { t } = useI18n();
  const toast = useToast();
  const [codes, setCodes] = useState<Record<string, string>>(() =>
    Object.fromEntries(settings.map((s) => [s.key, s.accountCode])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  async function save() {
    const changed = Object.fromEntries(
      settings
        .filter((s) => codes[s.key] !== s.accountCode)
        .map((s) => [s.key, codes[s.key] ?? '']),
    );
    if (Object.keys(changed).length === 0) return;
    const res = await accountsSet(changed);
    if (!res.ok) {
      setFormError(res.error.message);
      setErrors(Object.fromEntries((res.error.issues ?? []).map((i) => [i.path, i.message])));
      return;
    }
    setErrors({});
    setFormError(null);
    toast(t('acc.saved'));
    onSaved(res.value);
  }
  return (
    <Form className="form" onSubmit={save} label={t('acc.heading')}>
      <ErrorBox message={formError} />
      {settings.map((s) => (
        <TextField
          key={s.key}
          name={s.key}
          label={`${s.label} (${s.usedFor})`}
          inputMode="numeric"
          hint={t('acc.default', { code: s.defaultCode, name: s.defaultName })}
          value={codes[s.key] ?? ''}
          onChange={(v) => setCodes((c) => ({ ...c, [s.key]: v }))}
          error={errors[s.key]}
        />
      ))}
      <FormActions />
    </Form>
  );
}
