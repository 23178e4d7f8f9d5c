import { useState } from 'react';
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
import { SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../../ui/layout';
import { useToast } from '../../../ui/toast';
import { GrantTable } from '../../grants/GrantTable';
import { HistoryPanel } from '../../safety/HistoryPanel';
import { FunderApplicationsSection } from './FunderApplicationsSection';
import { NotesAndDocumentsSection } from '../../documents/NotesAndDocumentsSection';
import { Form, FormActions } from '../../../ui/form';
import { NotFound } from '../../../ui/not-found';

export function FundersListPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [type, setType] = useState('');
  const { data, error } = useApi('funders.list', {
    search: search || null,
    funderType: (type || null) as FunderType | null,
  });
  return (
    <section>
      <PageHeader
        title={t('funders.heading')}
        actions={
          <Button variant="primary" onClick={() => navigate('/funders/new')}>
            {t('funders.new')}
          </Button>
        }
      />
      <div className="filters" role="search">
        <TextField
          name="search"
          type="search"
          label={t('common.search')}
          value={search}
          onChange={setSearch}
        />
        <SelectField
          name="funderType"
          label={t('funders.type')}
          value={type}
          onChange={setType}
          options={FUNDER_TYPES.map((f) => ({ value: f, label: t(`funderType.${f}`) }))}
          placeholder={t('common.all')}
        />
      </div>
      <ErrorBox message={error} />
      {!data ? <Loading text={t('common.loading')} /> : null}
      {data && data.length === 0 ? <EmptyState>{t('funders.empty')}</EmptyState> : null}
      {data && data.length > 0 ? (
        <table className="table" aria-label={t('funders.heading')}>
          <thead>
            <tr>
              <th scope="col">{t('funders.name')}</th>
              <th scope="col">{t('funders.type')}</th>
              <th scope="col">{t('centres.orgNumber')}</th>
              <th scope="col" className="num">
                {t('funders.grantCount')}
              </th>
              <th scope="col" className="num">
                {t('funders.awardedTotal')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((f) => (
              <tr key={f.id}>
                <td>
                  <Link to={`/funders/${f.id}`}>{f.name}</Link>
                </td>
                <td>{t(`funderType.${f.funderType}`)}</td>
                <td>{f.orgNumber ? formatOrgNumber(f.orgNumber) : ''}</td>
                <td className="num">{f.grantCount}</td>
                <td className="num">{kr(f.awardedTotalOre)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
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
      navigate(`/funders/${res.value.id}`);
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
          <table className="table" aria-label={t('funders.byYear')}>
            <thead>
              <tr>
                <th scope="col">{t('common.year')}</th>
                <th scope="col" className="num">
                  {t('grants.applied')}
                </th>
                <th scope="col" className="num">
                  {t('grants.awarded')}
                </th>
                <th scope="col" className="num">
                  {t('grants.received')}
                </th>
              </tr>
            </thead>
            <tbody>
              {f.years.map((y) => (
                <tr key={y.year}>
                  <td>{y.year}</td>
                  <td className="num">{kr(y.appliedOre)}</td>
                  <td className="num">
                    {kr(y.awardedOre)}
                    {y.awardedConfirmed ? '' : ` ${t('split.suggestion')}`}
                  </td>
                  <td className="num">{kr(y.receivedOre)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
        <table className="table" aria-label={t('funders.contacts')}>
          <thead>
            <tr>
              <th scope="col">{t('funders.contactName')}</th>
              <th scope="col">{t('funders.contactRole')}</th>
              <th scope="col">{t('funders.contactEmail')}</th>
              <th scope="col">{t('funders.contactPhone')}</th>
              <th scope="col">
                <span className="sr-only">{t('common.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {funder.contacts.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.role ?? ''}</td>
                <td>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : ''}</td>
                <td>{c.phone ?? ''}</td>
                <td className="table__actions">
                  <Button variant="link" onClick={() => void remove(c.id, c.name)}>
                    {t('common.remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
