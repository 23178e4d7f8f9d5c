import { CentreCreateInput, CentreUpdateInput } from '../../../../../src-shared/api/contract';
import { useI18n } from '../../../i18n/i18n';
import { dateInputToIso } from '../../../lib/format';
import { useForm } from '../../../lib/form';
import { navigate } from '../../../lib/router';
import { useApi, useApiMutation } from '../../../lib/query';
import { DateField } from '../../../ui/date-field';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { ErrorBox, Loading, PageHeader } from '../../../ui/layout';
import { useToast } from '../../../ui/toast';
import { driftsformOptions, regionOptions } from './labels';
import { Form, FormActions } from '../../../ui/form';

const EMPTY = {
  name: '',
  driftsform: '',
  region: '',
  dailyLeader: '',
  contactEmail: '',
  orgNumber: '',
  notes: '',
  joinedDate: '',
};

export function CentreCreatePage() {
  return <CentreForm initial={EMPTY} />;
}

export function CentreEditPage({ id }: { id: number }) {
  const { t } = useI18n();
  const existing = useApi('centres.get', { id });
  const c = existing.data;
  if (existing.error) return <ErrorBox message={existing.error} />;
  if (!c) return <Loading text={t('common.loading')} />;
  return (
    <CentreForm
      id={id}
      initial={{
        name: c.name,
        driftsform: c.driftsform,
        region: c.region,
        dailyLeader: c.dailyLeader ?? '',
        contactEmail: c.contactEmail ?? '',
        orgNumber: c.orgNumber ?? '',
        notes: c.notes ?? '',
        joinedDate: '',
      }}
    />
  );
}

/** Create (no id) or edit (id) a member centre. */
function CentreForm({ id, initial }: { id?: number; initial: typeof EMPTY }) {
  const centresUpdate = useApiMutation('centres.update');
  const centresCreate = useApiMutation('centres.create');
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm(initial);
  const editing = id !== undefined;

  async function submit() {
    const v = form.values;
    const candidate = {
      name: v.name,
      driftsform: v.driftsform || undefined,
      region: v.region || undefined,
      dailyLeader: v.dailyLeader,
      contactEmail: v.contactEmail,
      orgNumber: v.orgNumber,
      notes: v.notes,
    };
    form.setBusy(true);
    try {
      if (editing) {
        const input = form.validate(CentreUpdateInput, { id, ...candidate });
        if (!input) return;
        const res = await centresUpdate(input);
        if (!res.ok) return form.showApiError(res.error);
        toast(t('centres.updated'));
        navigate(`/centres/${res.value.id}`, { force: true });
      } else {
        const input = form.validate(CentreCreateInput, {
          ...candidate,
          joinedDate: dateInputToIso(v.joinedDate),
        });
        if (!input) return;
        const res = await centresCreate(input);
        if (!res.ok) return form.showApiError(res.error);
        toast(t('centres.created'));
        navigate(`/centres/${res.value.id}`, { force: true });
      }
    } finally {
      form.setBusy(false);
    }
  }

  const e = form.errors;
  return (
    <section>
      <PageHeader title={editing ? t('centres.editHeading') : t('centres.new')} />
      <Form onSubmit={submit} className="form">
        <ErrorBox message={form.formError} />
        <TextField label={t('centres.name')} required autoFocus {...form.bind('name')} />
        <div className="form__row">
          <SelectField
            name="driftsform"
            label={t('centres.driftsform')}
            required
            value={form.values.driftsform}
            onChange={(v) => form.set('driftsform', v)}
            options={driftsformOptions(t)}
            placeholder="—"
            error={e.driftsform}
          />
          <SelectField
            name="region"
            label={t('centres.region')}
            required
            value={form.values.region}
            onChange={(v) => form.set('region', v)}
            options={regionOptions(t)}
            placeholder="—"
            error={e.region}
          />
        </div>
        <div className="form__row">
          <TextField label={t('centres.dailyLeader')} {...form.bind('dailyLeader')} />
          <TextField
            label={t('centres.contactEmail')}
            type="email"
            {...form.bind('contactEmail')}
          />
        </div>
        <div className="form__row">
          <TextField
            label={t('centres.orgNumber')}
            inputMode="numeric"
            {...form.bind('orgNumber')}
          />
          {!editing ? (
            <DateField label={t('centres.firstMembership')} {...form.bind('joinedDate')} />
          ) : null}
        </div>
        <TextAreaField label={t('common.notes')} {...form.bind('notes')} />
        <FormActions
          busy={form.busy}
          onCancel={() => navigate(editing ? `/centres/${id}` : '/centres')}
        />
      </Form>
    </section>
  );
}
