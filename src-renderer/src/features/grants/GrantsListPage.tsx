import { useState } from 'react';
import {
  GRANT_STATUSES,
  KSS_ROLES,
  type GrantStatus,
  type KssRole,
} from '../../../../src-shared/grants/rules';
import { useI18n } from '../../i18n/i18n';
import { navigate, queryOf } from '../../lib/router';
import { useApi } from '../../lib/query';
import { SelectField, TextField } from '../../ui/fields';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { GrantTable } from './GrantTable';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: THIS_YEAR - 2014 + 3 }, (_, i) => String(THIS_YEAR + 2 - i));

export function GrantsListPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  // The overview's charts link here filtered: '#/grants?year=2024&status=sokt'.
  const [year, setYear] = useState(() => queryOf(window.location.hash).get('year') ?? '');
  const [funderId, setFunderId] = useState('');
  const [projectId, setProjectId] = useState('');
  const [status, setStatus] = useState(() => queryOf(window.location.hash).get('status') ?? '');
  const [role, setRole] = useState('');
  const funders = useApi('funders.list', {});
  const projects = useApi('projects.list', {});
  const { data, error } = useApi('grants.list', {
    search: search || null,
    year: year ? Number(year) : null,
    funderId: funderId ? Number(funderId) : null,
    projectId: projectId ? Number(projectId) : null,
    status: (status || null) as GrantStatus | null,
    kssRole: (role || null) as KssRole | null,
  });
  const filtered = [search, year, funderId, projectId, status, role].some((v) => v !== '');
  return (
    <section>
      <PageHeader
        title={t('grants.heading')}
        actions={
          <Button variant="primary" onClick={() => navigate('/grants/new')}>
            {t('grants.new')}
          </Button>
        }
      />
      <div className="filters" role="search">
        <TextField
          name="search"
          type="search"
          label={t('common.search')}
          placeholder={t('grants.searchPlaceholder')}
          value={search}
          onChange={setSearch}
        />
        <SelectField
          name="year"
          label={t('common.year')}
          value={year}
          onChange={setYear}
          options={YEARS.map((y) => ({ value: y, label: y }))}
          placeholder={t('common.all')}
        />
        <SelectField
          name="funderId"
          label={t('grants.funder')}
          value={funderId}
          onChange={setFunderId}
          options={(funders.data ?? []).map((f) => ({ value: String(f.id), label: f.name }))}
          placeholder={t('common.all')}
        />
        <SelectField
          name="projectId"
          label={t('grants.project')}
          value={projectId}
          onChange={setProjectId}
          options={(projects.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
          placeholder={t('common.all')}
        />
        <SelectField
          name="status"
          label={t('common.status')}
          value={status}
          onChange={setStatus}
          options={GRANT_STATUSES.map((s) => ({ value: s, label: t(`grantStatus.${s}`) }))}
          placeholder={t('common.all')}
        />
        <SelectField
          name="kssRole"
          label={t('projects.kssRole')}
          value={role}
          onChange={setRole}
          options={KSS_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          placeholder={t('common.all')}
        />
      </div>
      <ErrorBox message={error} />
      {!data ? <Loading text={t('common.loading')} /> : null}
      {data && data.rows.length === 0 ? (
        <EmptyState>{filtered ? t('grants.emptyFiltered') : t('grants.empty')}</EmptyState>
      ) : null}
      {data && data.rows.length > 0 ? (
        <GrantTable rows={data.rows} label={t('grants.heading')} />
      ) : null}
    </section>
  );
}
