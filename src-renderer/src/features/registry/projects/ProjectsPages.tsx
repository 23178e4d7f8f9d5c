import {
  ProjectCreateInput,
  ProjectUpdateInput,
  type ProjectSummary,
} from '../../../../../src-shared/api/contract';
import {
  KSS_ROLES,
  PROJECT_KINDS,
  PROJECT_STATUSES,
  type KssRole,
  type ProjectKind,
  type ProjectStatus,
} from '../../../../../src-shared/grants/rules';
import { useI18n } from '../../../i18n/i18n';
import { dateInputToIso, formatIsoDate, isoToDateInput } from '../../../lib/format';
import { useForm } from '../../../lib/form';
import { Link, navigate } from '../../../lib/router';
import { useApi, useApiMutation } from '../../../lib/query';
import { useUrlState } from '../../../lib/url-state';
import { DateField } from '../../../ui/date-field';
import { ListPage, urlSort } from '../../../ui/list-page';
import { SortableTable, type Column } from '../../../ui/sortable-table';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { Badge, Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../../ui/layout';
import { useToast } from '../../../ui/toast';
import { GrantTable } from '../../grants/GrantTable';
import { PartnerSection } from './PartnerSection';
import { HistoryPanel } from '../../safety/HistoryPanel';
import { KeyFiguresSection } from '../../keyfigures/KeyFiguresSection';
import { Form, FormActions } from '../../../ui/form';
import { NotFound } from '../../../ui/not-found';

const FILTERS = { q: '', status: '', kind: '', role: '', sort: '', dir: '' };

export function ProjectsListPage() {
  const { t } = useI18n();
  const [f, update] = useUrlState(FILTERS);
  const { data, error } = useApi('projects.list', {
    search: f.q || null,
    status: (f.status || null) as ProjectStatus | null,
    kind: (f.kind || null) as ProjectKind | null,
    kssRole: (f.role || null) as KssRole | null,
  });
  const columns: Column<ProjectSummary>[] = [
    {
      key: 'name',
      label: t('projects.name'),
      // A sub-project sorts under its measure («ROSA › …»), as it is shown.
      value: (p) => (p.parentName ? `${p.parentName} › ${p.name}` : p.name),
      cell: (p) => (
        <>
          {p.parentName ? <span className="muted">{p.parentName} › </span> : null}
          <Link to={`/projects/${p.id}`}>{p.name}</Link>
        </>
      ),
    },
    {
      key: 'kind',
      label: t('projects.kind'),
      kind: 'status',
      order: PROJECT_KINDS,
      value: (p) => p.kind,
      cell: (p) => t(`kind.${p.kind}`),
    },
    {
      key: 'role',
      label: t('projects.kssRole'),
      kind: 'status',
      order: KSS_ROLES,
      value: (p) => p.kssRole,
      cell: (p) => t(`role.${p.kssRole}`),
    },
    { key: 'number', label: t('projects.projectNumber'), value: (p) => p.projectNumber },
    {
      key: 'status',
      label: t('common.status'),
      kind: 'status',
      order: PROJECT_STATUSES,
      value: (p) => p.status,
      cell: (p) => t(`projectStatus.${p.status}`),
    },
    { key: 'grants', label: t('projects.grants'), kind: 'number', value: (p) => p.grantCount },
  ];
  const newButton = (
    <Button variant="primary" onClick={() => navigate('/projects/new')}>
      {t('projects.new')}
    </Button>
  );
  return (
    <ListPage
      title={t('projects.heading')}
      actions={newButton}
      filtered={Boolean(f.q || f.status || f.kind || f.role)}
      onClearFilters={() => update({ q: '', status: '', kind: '', role: '' })}
      error={error}
      count={data?.length}
      emptyText={t('projects.empty')}
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
            name="kind"
            label={t('projects.kind')}
            value={f.kind}
            onChange={(kind) => update({ kind })}
            options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            placeholder={t('common.all')}
          />
          <SelectField
            name="kssRole"
            label={t('projects.kssRole')}
            value={f.role}
            onChange={(role) => update({ role })}
            options={KSS_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            placeholder={t('common.all')}
          />
          <SelectField
            name="status"
            label={t('common.status')}
            value={f.status}
            onChange={(status) => update({ status })}
            options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projectStatus.${s}`) }))}
            placeholder={t('common.all')}
          />
        </>
      }
    >
      <SortableTable
        rows={data ?? []}
        columns={columns}
        rowKey={(p) => p.id}
        label={t('projects.heading')}
        {...urlSort(f, update)}
      />
    </ListPage>
  );
}

type ProjectFormValues = {
  name: string;
  kind: string;
  parentId: string;
  kssRole: string;
  projectNumber: string;
  startDate: string;
  endDate: string;
  status: string;
  recurring: boolean;
  recurringSinceYear: string;
  description: string;
};

const EMPTY_PROJECT: ProjectFormValues = {
  name: '',
  kind: 'prosjekt',
  parentId: '',
  kssRole: '',
  projectNumber: '',
  startDate: '',
  endDate: '',
  status: 'aktiv',
  recurring: false,
  recurringSinceYear: '',
  description: '',
};

export function ProjectCreatePage() {
  return <ProjectForm initial={EMPTY_PROJECT} />;
}

export function ProjectEditPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { data: p, error } = useApi('projects.get', { id });
  if (error) return <ErrorBox message={error} />;
  if (!p) return <Loading text={t('common.loading')} />;
  return (
    <ProjectForm
      id={id}
      initial={{
        name: p.name,
        kind: p.kind,
        parentId: p.parentId ? String(p.parentId) : '',
        kssRole: p.kssRole,
        projectNumber: p.projectNumber ?? '',
        startDate: isoToDateInput(p.startDate),
        endDate: isoToDateInput(p.endDate),
        status: p.status,
        recurring: p.recurring,
        recurringSinceYear: p.recurringSinceYear ? String(p.recurringSinceYear) : '',
        description: p.description ?? '',
      }}
    />
  );
}

function ProjectForm({ id, initial }: { id?: number; initial: ProjectFormValues }) {
  const projectsCreate = useApiMutation('projects.create');
  const projectsUpdate = useApiMutation('projects.update');
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm(initial);
  const parents = useApi('projects.list', {});
  async function submit() {
    const v = form.values;
    const candidate = {
      name: v.name,
      kind: v.kind || undefined,
      parentId: v.parentId ? Number(v.parentId) : null,
      kssRole: v.kssRole || undefined,
      projectNumber: v.projectNumber,
      startDate: dateInputToIso(v.startDate),
      endDate: dateInputToIso(v.endDate),
      status: v.status || undefined,
      recurring: v.recurring,
      recurringSinceYear: v.recurringSinceYear.trim() ? Number(v.recurringSinceYear) : null,
      description: v.description,
    };
    form.setBusy(true);
    try {
      const res =
        id === undefined
          ? await (async () => {
              const input = form.validate(ProjectCreateInput, candidate);
              return input ? projectsCreate(input) : null;
            })()
          : await (async () => {
              const input = form.validate(ProjectUpdateInput, { id, ...candidate });
              return input ? projectsUpdate(input) : null;
            })();
      if (!res) return;
      if (!res.ok) return form.showApiError(res.error);
      toast(t('projects.saved'));
      navigate(`/projects/${res.value.id}`, { force: true });
    } finally {
      form.setBusy(false);
    }
  }
  const e = form.errors;
  const role = form.values.kssRole as KssRole | '';
  return (
    <section>
      <PageHeader title={id === undefined ? t('projects.new') : t('projects.edit')} />
      <Form onSubmit={submit} className="form">
        <ErrorBox message={form.formError} />
        <TextField label={t('projects.name')} required autoFocus {...form.bind('name')} />
        <div className="form__row">
          <SelectField
            name="kind"
            label={t('projects.kind')}
            required
            value={form.values.kind}
            onChange={(v) => form.set('kind', v)}
            options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            error={e.kind}
          />
          <SelectField
            name="kssRole"
            label={t('projects.kssRole')}
            required
            value={form.values.kssRole}
            onChange={(v) => form.set('kssRole', v)}
            options={KSS_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            placeholder="—"
            hint={role ? t(`role.${role}.hint`) : undefined}
            error={e.kssRole}
          />
          <SelectField
            name="parentId"
            label={t('projects.parent')}
            value={form.values.parentId}
            onChange={(v) => form.set('parentId', v)}
            options={(parents.data ?? [])
              .filter((p) => p.id !== id)
              .map((p) => ({ value: String(p.id), label: p.name }))}
            placeholder="—"
            error={e.parentId}
          />
        </div>
        <div className="form__row">
          <TextField
            label={t('projects.projectNumber')}
            hint={t('projects.projectNumberHint')}
            {...form.bind('projectNumber')}
          />
          <SelectField
            name="status"
            label={t('common.status')}
            value={form.values.status}
            onChange={(v) => form.set('status', v)}
            options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projectStatus.${s}`) }))}
            error={e.status}
          />
        </div>
        <div className="form__row">
          <DateField label={t('projects.startDate')} {...form.bind('startDate')} />
          <DateField label={t('projects.endDate')} {...form.bind('endDate')} />
        </div>
        <div className="form__row">
          <div className="field">
            <label className="checkbox">
              <input
                type="checkbox"
                name="recurring"
                checked={form.values.recurring}
                onChange={(ev) => form.set('recurring', ev.target.checked)}
              />{' '}
              {t('projects.recurring')}
            </label>
          </div>
          {form.values.recurring ? (
            <TextField
              label={t('projects.recurringSince')}
              inputMode="numeric"
              {...form.bind('recurringSinceYear')}
            />
          ) : null}
        </div>
        <TextAreaField label={t('common.description')} {...form.bind('description')} />
        <FormActions
          busy={form.busy}
          onCancel={() => navigate(id === undefined ? '/projects' : `/projects/${id}`)}
        />
      </Form>
    </section>
  );
}

export function ProjectDetailPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { data: p, error, notFound } = useApi('projects.get', { id });
  if (notFound) return <NotFound back="/projects" />;
  if (error) return <ErrorBox message={error} />;
  if (!p) return <Loading text={t('common.loading')} />;
  return (
    <section>
      <PageHeader
        title={p.name}
        actions={
          <>
            <Button onClick={() => navigate('/projects')}>{t('common.back')}</Button>
            <Button onClick={() => navigate(`/projects/${id}/edit`)}>{t('common.edit')}</Button>
            <Button variant="primary" onClick={() => navigate(`/grants/new?projectId=${id}`)}>
              {t('projects.newGrant')}
            </Button>
          </>
        }
      />
      <dl className="details">
        <dt>{t('projects.kind')}</dt>
        <dd>{t(`kind.${p.kind}`)}</dd>
        <dt>{t('projects.kssRole')}</dt>
        <dd>
          {t(`role.${p.kssRole}`)} <span className="hint">{t(`role.${p.kssRole}.hint`)}</span>
        </dd>
        {p.parentId ? (
          <>
            <dt>{t('projects.parent')}</dt>
            <dd>
              <Link to={`/projects/${p.parentId}`}>{p.parentName}</Link>
            </dd>
          </>
        ) : null}
        <dt>{t('projects.projectNumber')}</dt>
        <dd>{p.projectNumber ?? '—'}</dd>
        <dt>{t('common.status')}</dt>
        <dd>
          <Badge tone={p.status === 'aktiv' ? 'ok' : 'muted'}>
            {t(`projectStatus.${p.status}`)}
          </Badge>
        </dd>
        <dt>{t('grants.period')}</dt>
        <dd>
          {p.startDate ? formatIsoDate(p.startDate) : '—'} –{' '}
          {p.endDate ? formatIsoDate(p.endDate) : ''}
        </dd>
        {p.recurring ? (
          <>
            <dt>{t('projects.recurring')}</dt>
            <dd>
              {t('common.yes')}
              {p.recurringSinceYear
                ? ` (${t('projects.recurringSince').toLowerCase()} ${p.recurringSinceYear})`
                : ''}
            </dd>
          </>
        ) : null}
        {p.description ? (
          <>
            <dt>{t('common.description')}</dt>
            <dd className="pre">{p.description}</dd>
          </>
        ) : null}
      </dl>
      <PartnerSection projectId={id} partners={p.partners} />
      {p.children.length > 0 ? (
        <section className="subsection">
          <h2>{t('projects.children')}</h2>
          <ul>
            {p.children.map((c) => (
              <li key={c.id}>
                <Link to={`/projects/${c.id}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="subsection">
        <h2>{t('projects.grants')}</h2>
        {p.grants.length === 0 ? (
          <EmptyState>{t('grants.empty')}</EmptyState>
        ) : (
          <GrantTable rows={p.grants} label={t('projects.grants')} />
        )}
      </section>
      <KeyFiguresSection projectId={p.id} />
      <HistoryPanel entity="project" entityId={p.id} />
    </section>
  );
}
