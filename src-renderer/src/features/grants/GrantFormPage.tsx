import { CURRENCIES, GrantUpdateInput, type Grant } from '../../../../src-shared/api/contract';
import { ADMIN_RULES } from '../../../../src-shared/grants/rules';
import { formatBasisPoints } from '../../../../src-shared/kernel/percent';
import { useI18n } from '../../i18n/i18n';
import { dateInputToIso, isoToDateInput } from '../../lib/format';
import { useForm } from '../../lib/form';
import { oreToInput, parseAmounts, percentField } from '../../lib/money-input';
import { navigate, queryOf, useRoute } from '../../lib/router';
import { useUnsavedChanges } from '../../lib/unsaved';
import { useApi, useApiMutation } from '../../lib/query';
import { DateField } from '../../ui/date-field';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { MoneyField } from '../../ui/money-field';
import { ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { Form, FormActions } from '../../ui/form';

type GrantFormValues = {
  projectId: string;
  funderId: string;
  title: string;
  schemeName: string;
  reference: string;
  editionYear: string;
  applied: string;
  appliedDate: string;
  periodFrom: string;
  periodTo: string;
  activityFrom: string;
  activityTo: string;
  kssShare: string;
  adminRule: string;
  adminPercent: string;
  adminFixed: string;
  notes: string;
  currency: string;
};

const EMPTY: GrantFormValues = {
  projectId: '',
  funderId: '',
  title: '',
  schemeName: '',
  reference: '',
  editionYear: '',
  applied: '',
  appliedDate: '',
  periodFrom: '',
  periodTo: '',
  activityFrom: '',
  activityTo: '',
  kssShare: '',
  adminRule: 'none',
  adminPercent: '',
  adminFixed: '',
  notes: '',
  currency: 'NOK',
};

export function GrantCreatePage() {
  const path = useRoute();
  const projectId = queryOf(path).get('projectId') ?? '';
  return <GrantForm initial={{ ...EMPTY, projectId }} />;
}

export function GrantEditPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { data: g, error } = useApi('grants.get', { id });
  if (error) return <ErrorBox message={error} />;
  if (!g) return <Loading text={t('common.loading')} />;
  return <GrantForm id={id} initial={fromGrant(g)} />;
}

function fromGrant(g: Grant): GrantFormValues {
  return {
    projectId: String(g.projectId),
    funderId: String(g.funderId),
    title: g.title,
    schemeName: g.schemeName ?? '',
    reference: g.reference ?? '',
    editionYear: g.editionYear ? String(g.editionYear) : '',
    applied: oreToInput(g.appliedOre),
    appliedDate: isoToDateInput(g.appliedDate),
    periodFrom: isoToDateInput(g.periodFrom),
    periodTo: isoToDateInput(g.periodTo),
    activityFrom: isoToDateInput(g.activityFrom),
    activityTo: isoToDateInput(g.activityTo),
    kssShare: oreToInput(g.kssShareOre),
    adminRule: g.adminRule,
    adminPercent:
      g.adminBasisPoints !== null ? formatBasisPoints(g.adminBasisPoints).replace(/\s?%$/, '') : '',
    adminFixed: oreToInput(g.adminFixedOre),
    notes: g.notes ?? '',
    currency: g.currency,
  };
}

function GrantForm({ id, initial }: { id?: number; initial: GrantFormValues }) {
  const grantsCreate = useApiMutation('grants.create');
  const grantsUpdate = useApiMutation('grants.update');
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm(initial);
  useUnsavedChanges(JSON.stringify(form.values) !== JSON.stringify(initial));
  const projects = useApi('projects.list', {});
  const funders = useApi('funders.list', {});
  const project = (projects.data ?? []).find((p) => String(p.id) === form.values.projectId);
  const noMoney = project?.kssRole === 'stottepartner';
  const isPartner = project?.kssRole === 'partner';

  async function submit() {
    const v = form.values;
    const { amounts, errors } = parseAmounts(
      { applied: v.applied, kssShare: v.kssShare, adminFixed: v.adminFixed },
      {
        applied: t('grants.applied'),
        kssShare: t('grants.kssShare'),
        adminFixed: t('grants.adminFixed'),
      },
    );
    const percent = percentField(v.adminPercent, t('grants.adminPercent'));
    if (percent.error) errors.adminPercent = percent.error;
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      form.setFormError(t('common.fixFields'));
      return;
    }
    const rule = noMoney ? 'none' : v.adminRule;
    const candidate = {
      projectId: v.projectId ? Number(v.projectId) : undefined,
      funderId: v.funderId ? Number(v.funderId) : undefined,
      title: v.title,
      schemeName: v.schemeName,
      reference: v.reference,
      editionYear: v.editionYear.trim() ? Number(v.editionYear) : null,
      appliedOre: noMoney ? null : amounts.applied,
      appliedDate: dateInputToIso(v.appliedDate),
      periodFrom: dateInputToIso(v.periodFrom),
      periodTo: dateInputToIso(v.periodTo),
      activityFrom: dateInputToIso(v.activityFrom),
      activityTo: dateInputToIso(v.activityTo),
      kssShareOre: isPartner ? amounts.kssShare : null,
      adminRule: rule,
      adminBasisPoints: rule === 'percent' ? percent.value : null,
      adminFixedOre: rule === 'fixed' ? amounts.adminFixed : null,
      notes: v.notes,
      currency: v.currency,
    };
    // Map schema paths back to the text fields the user typed in.
    const rename = (errs: Record<string, string>) => {
      const map: Record<string, string> = {
        appliedOre: 'applied',
        kssShareOre: 'kssShare',
        adminBasisPoints: 'adminPercent',
        adminFixedOre: 'adminFixed',
      };
      return Object.fromEntries(Object.entries(errs).map(([k, m]) => [map[k] ?? k, m]));
    };
    form.setBusy(true);
    try {
      const input =
        id === undefined
          ? form.validate(GrantUpdateInput.omit({ id: true }), candidate)
          : form.validate(GrantUpdateInput, { id, ...candidate });
      if (!input) {
        form.setErrors((e) => rename(e));
        return;
      }
      const res =
        id === undefined ? await grantsCreate(input) : await grantsUpdate({ id, ...input });
      if (!res.ok) {
        form.showApiError(res.error);
        form.setErrors((e) => rename(e));
        return;
      }
      toast(t('grants.saved'));
      navigate(`/grants/${res.value.id}`, { force: true });
    } finally {
      form.setBusy(false);
    }
  }

  const e = form.errors;
  const text = (
    name: keyof GrantFormValues,
    label: string,
    extra: {
      hint?: string;
      required?: boolean;
      date?: boolean;
      money?: boolean;
      percent?: boolean;
    } = {},
  ) => {
    const Field = extra.date ? DateField : extra.money ? MoneyField : TextField;
    return (
      <Field
        name={name}
        {...(extra.percent ? { inputMode: 'decimal' as const } : {})}
        label={label}
        required={extra.required}
        hint={extra.hint}
        value={form.values[name] as string}
        onChange={(v) => form.set(name, v)}
        error={e[name]}
      />
    );
  };

  return (
    <section>
      <PageHeader title={id === undefined ? t('grants.new') : t('grants.edit')} />
      <Form onSubmit={submit} className="form">
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <SelectField
            name="projectId"
            label={t('grants.project')}
            required
            value={form.values.projectId}
            onChange={(v) => form.set('projectId', v)}
            options={(projects.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
            placeholder="—"
            hint={project ? t(`role.${project.kssRole}.hint`) : undefined}
            error={e.projectId}
          />
          <SelectField
            name="funderId"
            label={t('grants.funder')}
            required
            value={form.values.funderId}
            onChange={(v) => form.set('funderId', v)}
            options={(funders.data ?? []).map((f) => ({ value: String(f.id), label: f.name }))}
            placeholder="—"
            error={e.funderId}
          />
        </div>
        <div className="form__row">
          {text('title', t('grants.title'), { required: true, hint: t('grants.titleHint') })}
          {text('editionYear', t('grants.editionYear'))}
        </div>
        <div className="form__row">
          {text('schemeName', t('grants.scheme'))}
          {text('reference', t('grants.reference'))}
        </div>
        {noMoney ? (
          <p className="hint">{t('grants.noMoney')}</p>
        ) : (
          <div className="form__row">
            {text('applied', t('grants.applied'), { money: true })}
            {text('appliedDate', t('grants.appliedDate'), { date: true })}
            {isPartner
              ? text('kssShare', t('grants.kssShare'), {
                  money: true,
                  hint: t('grants.kssShareHint'),
                })
              : null}
          </div>
        )}
        <div className="form__row">
          {text('periodFrom', t('grants.periodFrom'), { date: true })}
          {text('periodTo', t('grants.periodTo'), { date: true })}
        </div>
        <div className="form__row">
          {text('activityFrom', t('grants.activityFrom'), { date: true })}
          {text('activityTo', t('grants.activityTo'), { date: true })}
        </div>
        {noMoney ? null : (
          <div className="form__row">
            <SelectField
              name="adminRule"
              label={t('grants.adminRule')}
              value={form.values.adminRule}
              onChange={(v) => form.set('adminRule', v)}
              options={ADMIN_RULES.map((r) => ({ value: r, label: t(`adminRule.${r}`) }))}
              error={e.adminRule}
            />
            <SelectField
              name="currency"
              label={t('eur.currency')}
              value={form.values.currency}
              onChange={(v) => form.set('currency', v)}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              error={e.currency}
            />
            {form.values.adminRule === 'percent'
              ? text('adminPercent', t('grants.adminPercent'), { percent: true })
              : null}
            {form.values.adminRule === 'fixed'
              ? text('adminFixed', t('grants.adminFixed'), { money: true })
              : null}
          </div>
        )}
        <TextAreaField label={t('common.notes')} {...form.bind('notes')} />
        <FormActions
          busy={form.busy}
          onCancel={() => navigate(id === undefined ? '/grants' : `/grants/${id}`)}
        />
      </Form>
    </section>
  );
}
