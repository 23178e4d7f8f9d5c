/**
 * The organisation's own settings: name, organisation number, default admin share. Callers key
 * it by `settings.updatedAtMs`, so loaded or saved settings start a fresh form.
 */
import {
  OrganisationSettingsInput,
  type OrganisationSettings,
} from '../../../../src-shared/setup/contract';
import {
  formatBasisPoints,
  parsePercentToBasisPoints,
} from '../../../../src-shared/kernel/percent';
import { useI18n } from '../../i18n/i18n';
import { useForm } from '../../lib/form';
import { useApiMutation } from '../../lib/query';
import { TextField } from '../../ui/fields';
import { Form } from '../../ui/form';
import { Button, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';

interface Values extends Record<string, unknown> {
  name: string;
  orgNumber: string;
  adminShare: string;
}

function toValues(s: OrganisationSettings | null): Values {
  return {
    name: s?.name ?? '',
    orgNumber: s?.orgNumber ?? '',
    adminShare:
      s?.defaultAdminBasisPoints != null
        ? formatBasisPoints(s.defaultAdminBasisPoints).replace(/\s?%$/, '')
        : '',
  };
}

export function OrganisationForm({
  settings,
  onSaved,
}: {
  settings: OrganisationSettings | null;
  onSaved?: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const save = useApiMutation('settings.setOrganisation');
  const form = useForm<Values>(toValues(settings));

  async function submit() {
    const share = form.values.adminShare.trim();
    const bp = share === '' ? null : parsePercentToBasisPoints(share);
    if (share !== '' && bp === null) {
      form.setErrors({ adminShare: t('setup.adminShareInvalid') });
      form.setFormError(t('setup.adminShareInvalid'));
      return;
    }
    const input = form.validate(OrganisationSettingsInput, {
      name: form.values.name.trim() || null,
      orgNumber: form.values.orgNumber.replace(/\s/g, '') || null,
      defaultAdminBasisPoints: bp,
    });
    if (!input) return;
    form.setBusy(true);
    const res = await save(input);
    form.setBusy(false);
    if (!res.ok) return form.showApiError(res.error);
    toast(t('setup.orgSaved'));
    onSaved?.();
  }

  return (
    <Form className="form" onSubmit={submit} label={t('setup.orgTitle')}>
      <ErrorBox message={form.formError} />
      <TextField label={t('setup.orgName')} {...form.bind('name')} autoComplete="organization" />
      <TextField
        label={t('setup.orgNumber')}
        hint={t('setup.orgNumberHint')}
        inputMode="numeric"
        {...form.bind('orgNumber')}
      />
      <TextField
        label={t('setup.adminShare')}
        hint={t('setup.adminShareHint')}
        inputMode="decimal"
        {...form.bind('adminShare')}
      />
      <div className="form__actions">
        <Button type="submit" variant="primary" disabled={form.busy}>
          {t('setup.saveOrg')}
        </Button>
      </div>
    </Form>
  );
}
