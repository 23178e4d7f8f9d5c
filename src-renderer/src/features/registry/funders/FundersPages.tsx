import {
  FunderContactInput,
  FunderCreateInput,
  FunderUpdateInput,
  type FunderSummary,
} from '../../../../../src-shared/api/contract';
import { FUNDER_TYPES, type FunderType } from '../../../../../src-shared/grants/rules';
import { formatOrgNumber } from '../../../../../src-shared/kernel/orgnr';
import { useI18n } from '../../../i18n/i18n';
import { useForm } from '../../../lib/form';
import { kr } from '../../../lib/money-input';
import { Link, navigate } from '../../../lib/router';
import { useApi, useApiMutation } from '../../../lib/query';
import { useUrlState } from '../../../lib/url-state';
import { ListPage, urlSort } from '../../../ui/list-page';
import { SortableTable, type Column } from '../../../ui/sortable-table';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../../ui/layout';
import { useToast } from '../../../ui/toast';
import { GrantTable } from '../../grants/GrantTable';
import { HistoryPanel } from '../../safety/HistoryPanel';
import { FunderApplicationsSection } from './FunderApplicationsSection';
import { NotesAndDocumentsSection } from '../../documents/NotesAndDocumentsSection';
import { Form, FormActions } from '../../../ui/form';
import { NotFound } from '../../../ui/not-found';

const FILTERS = { q: '', type: '', sort: '', dir: '' };

export function FundersListPage() {
  const { t } = useI18n();
  const [f, update] = useUrlState(FILTERS);
  const { data, error } = useApi('funders.list', {
    search: f.q || null,
    funderType: (f.type || null) as FunderType | null,
  });
  const columns: Column<FunderSummary>[] = [
    {
      key: 'name',
      label: t('funders.name'),
      value: (x) => x.name,
      cell: (x) => <Link to={`/funders/${x.id}`}>{x.name}</Link>,
    },
    {
      key: 'type',
      label: t('funders.type'),
      kind: 'status',
      order: FUNDER_TYPES,
      value: (x) => x.funderType,
      cell: (x) => t(`funderType.${x.funderType}`),
    },
    {
      key: 'orgNumber',
      label: t('centres.orgNumber'),
      value: (x) => x.orgNumber,
      cell: (x) => (x.orgNumber ? formatOrgNumber(x.orgNumber) : ''),
    },
    { key: 'grants', label: t('funders.grantCount'), kind: 'number', value: (x) => x.grantCount },
    {
      key: 'awarded',
      label: t('funders.awardedTotal'),
      kind: 'money',
      value: (x) => x.awardedTotalOre,
    },
  ];
  const newButton = (
    <Button variant="primary" onClick={() => navigate('/funders/new')}>
      {t('funders.new')}
    </Button>
  );
  return (
    <ListPage
      title={t('funders.heading')}
      actions={newButton}
      filtered={f.q !== '' || f.type !== ''}
      onClearFilters={() => update({ q: '', type: '' })}
      error={error}
      count={data?.length}
      emptyText={t('funders.empty')}
      filters={
        <>
          <TextField
            name="search"
            type="search"
            label={t('common.search')}
            value={f.q}
            onChange={(q) => update({ q })}
          />
          <SelectField
            name="funderType"
            label={t('funders.type')}
            value={f.type}
            onChange={(type) => update({ type })}
            options={FUNDER_TYPES.map((x) => ({ value: x, label: t(`funderType.${x}`) }))}
            placeholder={t('common.all')}
          />
        </>
      }
    >
      <SortableTable
        rows={data ?? []}
        columns={columns}
        rowKey={(x) => x.id}
        label={t('funders.heading')}
        {...urlSort(f, update)}
      />
    </ListPage>
  );
}

type FunderFormValues = {
  name: string;
  funderType: string;
  orgNumber: string;
  website: string;
  notes: string;
};

const EMPTY_FUNDER: FunderFormValues = {
  name: '',
  funderType: '',
  orgNumber: '',
  website: '',
  notes: '',
};

export function FunderCreatePage() {
  return <FunderForm initial={EMPTY_FUNDER} />;
}

export function FunderEditPage({ id }: { id: number }) {
  const { t } = useI18n();
  const existing = useApi('funders.get', { id });
  if (existing.error) return <ErrorBox message={existing.error} />;
  const f = existing.data;
  if (!f) return <Loading text={t('common.loading')} />;
  return (
    <FunderForm
      id={id}
      initial={{
        name: f.name,
        funderType: f.funderType,
        orgNumber: f.orgNumber ?? '',
        website: f.website ?? '',
        notes: f.notes ?? '',
      }}
    />
  );
}

function FunderForm({ id, initial }: { id?: number; initial: FunderFormValues }) {
  const fundersCreate = useApiMutation('funders.create');
  const fundersUpdate = useApiMutation('funders.update');
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm(initial);
  async function submit() {
    const v = { ...form.values, funderType: form.values.funderType || undefined };
    form.setBusy(true);
    try {
      const res =
        id === undefined
          ? await (async () => {
              const input = form.validate(FunderCreateInput, v);
              return input ? fundersCreate(input) : null;
            })()
          : await (async () => {
              const input = form.validate(FunderUpdateInput, { id, ...v });
              return input ? fundersUpdate(input) : null;
            })();
      if (!res) return;
      if (!res.ok) return form.showApiError(res.error);
      toast(t('funders.saved'));
      navigate(`/funders/${res.value.id}`, { force: true });
    } finally {
      form.setBusy(false);
    }
  }
  const e = form.errors;
  return (
    <section>
      <PageHeader title={id === undefined ? t('funders.new') : t('funders.edit')} />
      <Form onSubmit={submit} className="form">
        <ErrorBox message={form.formError} />
        <TextField label={t('funders.name')} required autoFocus {...form.bind('name')} />
        <div className="form__row">
          <SelectField
            name="funderType"
            label={t('funders.type')}
            required
            value={form.values.funderType}
            onChange={(v) => form.set('funderType', v)}
            options={FUNDER_TYPES.map((f) => ({ value: f, label: t(`funderType.${f}`) }))}
            placeholder="—"
            error={e.funderType}
          />
          <TextField
            label={t('centres.orgNumber')}
            inputMode="numeric"
            {...form.bind('orgNumber')}
          />
        </div>
        <TextField label={t('funders.website')} {...form.bind('website')} />
        <TextAreaField label={t('common.notes')} {...form.bind('notes')} />
        <FormActions
          busy={form.busy}
          onCancel={() => navigate(id === undefined ? '/funders' : `/funders/${id}`)}
        />
      </Form>
    </section>
  );
}

export function FunderDetailPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { data: f, error, notFound } = useApi('funders.get', { id });
  if (notFound) return <NotFound back="/funders" />;
  if (error) return <ErrorBox message={error} />;
  if (!f) return <Loading text={t('common.loading')} />;
  return (
    <section>
      <PageHeader
        title={f.name}
        actions={
          <>
            <Button onClick={() => navigate('/funders')}>{t('common.back')}</Button>
            <Button variant="primary" onClick={() => navigate(`/funders/${id}/edit`)}>
              {t('common.edit')}
            </Button>
          </>
        }
      />
      <dl className="details">
        <dt>{t('funders.type')}</dt>
        <dd>{t(`funderType.${f.funderType}`)}</dd>
        <dt>{t('centres.orgNumber')}</dt>
        <dd>{f.orgNumber ? formatOrgNumber(f.orgNumber) : '—'}</dd>
        <dt>{t('funders.website')}</dt>
        <dd>{f.website ?? '—'}</dd>
        {f.notes ? (
          <>
            <dt>{t('common.notes')}</dt>
            <dd className="pre">{f.notes}</dd>
          </>
        ) : null}
      </dl>
      <Contacts funder={f} />
      <section className="subsection">
        <h2>{t('funders.byYear')}</h2>
        {f.years.length === 0 ? (
          <EmptyState>{t('grants.empty')}</EmptyState>
        ) : (
          <SortableTable
            rows={f.years}
            rowKey={(y) => y.year}
            label={t('funders.byYear')}
            defaultSort={{ key: 'year', dir: 'desc' }}
            columns={[
              { key: 'year', label: t('common.year'), kind: 'number', value: (y) => y.year },
              {
                key: 'applied',
                label: t('grants.applied'),
                kind: 'money',
                value: (y) => y.appliedOre,
              },
              {
                key: 'awarded',
                label: t('grants.awarded'),
                kind: 'money',
                value: (y) => y.awardedOre,
                cell: (y) =>
                  `${kr(y.awardedOre)}${y.awardedConfirmed ? '' : ` ${t('split.suggestion')}`}`,
              },
              {
                key: 'received',
                label: t('grants.received'),
                kind: 'money',
                value: (y) => y.receivedOre,
              },
            ]}
          />
        )}
        {f.grants.length > 0 ? <GrantTable rows={f.grants} label={t('grants.heading')} /> : null}
      </section>
      <FunderApplicationsSection funderId={f.id} />
      <NotesAndDocumentsSection owner={{ funderId: f.id }} />
      <HistoryPanel entity="funder" entityId={f.id} />
    </section>
  );
}

const EMPTY_CONTACT = { name: '', role: '', email: '', phone: '' };

function Contacts({
  funder,
}: {
  funder: FunderSummary & {
    contacts: {
      id: number;
      name: string;
      role: string | null;
      email: string | null;
      phone: string | null;
    }[];
  };
}) {
  const fundersAddContact = useApiMutation('funders.addContact');
  const fundersRemoveContact = useApiMutation('funders.removeContact');
  const { t } = useI18n();
  const form = useForm(EMPTY_CONTACT);
  async function add() {
    const input = form.validate(FunderContactInput, { funderId: funder.id, ...form.values });
    if (!input) return;
    const res = await fundersAddContact(input);
    if (!res.ok) return form.showApiError(res.error);
    form.setValues(EMPTY_CONTACT);
  }
  async function remove(contactId: number, name: string) {
    if (!window.confirm(`${t('common.remove')} ${name}?`)) return;
    const res = await fundersRemoveContact({ id: contactId });
    if (!res.ok) form.setFormError(res.error.message);
  }
  return (
    <section className="subsection">
      <h2>{t('funders.contacts')}</h2>
      {funder.contacts.length === 0 ? (
        <EmptyState>{t('funders.noContacts')}</EmptyState>
      ) : (
        <SortableTable
          rows={funder.contacts}
          rowKey={(c) => c.id}
          label={t('funders.contacts')}
          columns={[
            { key: 'name', label: t('funders.contactName'), value: (c) => c.name },
            { key: 'role', label: t('funders.contactRole'), value: (c) => c.role },
            {
              key: 'email',
              label: t('funders.contactEmail'),
              value: (c) => c.email,
              cell: (c) => (c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : ''),
            },
            { key: 'phone', label: t('funders.contactPhone'), value: (c) => c.phone },
            {
              key: 'remove',
              label: t('common.remove'),
              hideLabel: true,
              value: () => null,
              className: 'table__actions',
              cell: (c) => (
                <Button variant="link" onClick={() => void remove(c.id, c.name)}>
                  {t('common.remove')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Form onSubmit={add} className="form form--inline" label={t('funders.addContact')}>
        <h3>{t('funders.addContact')}</h3>
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <TextField
            name="contactName"
            label={t('funders.contactName')}
            required
            value={form.values.name}
            onChange={(v) => form.set('name', v)}
            error={form.errors.name}
          />
          <TextField
            name="contactRole"
            label={t('funders.contactRole')}
            hint={t('funders.contactRoleHint')}
            value={form.values.role}
            onChange={(v) => form.set('role', v)}
            error={form.errors.role}
          />
        </div>
        <div className="form__row">
          <TextField
            name="contactEmail"
            label={t('funders.contactEmail')}
            type="email"
            value={form.values.email}
            onChange={(v) => form.set('email', v)}
            error={form.errors.email}
          />
          <TextField
            name="contactPhone"
            label={t('funders.contactPhone')}
            value={form.values.phone}
            onChange={(v) => form.set('phone', v)}
            error={form.errors.phone}
          />
        </div>
        <FormActions submitLabel={t('common.add')} />
      </Form>
    </section>
  );
}
