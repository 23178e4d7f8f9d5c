import { useState } from 'react';
import type { CentreSummary } from '../../../../../src-shared/api/contract';
import type { Driftsform, Region } from '../../../../../src-shared/registry/centres';
import { useI18n } from '../../../i18n/i18n';
import { formatIsoDate } from '../../../lib/format';
import { Link, navigate, queryOf } from '../../../lib/router';
import { useApi } from '../../../lib/query';
import { SelectField, TextField } from '../../../ui/fields';
import { Badge, Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../../ui/layout';
import { driftsformOptions, regionOptions } from './labels';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: THIS_YEAR - 2010 + 2 }, (_, i) => String(THIS_YEAR + 1 - i));

export function MemberStatus({ centre, today }: { centre: CentreSummary; today?: string }) {
  const { t } = useI18n();
  if (centre.isMember && centre.leftDate && (!today || centre.leftDate >= today)) {
    return (
      <Badge tone="warn">{t('centres.leaving', { date: formatIsoDate(centre.leftDate) })}</Badge>
    );
  }
  return centre.isMember ? (
    <Badge tone="ok">{t('centres.member')}</Badge>
  ) : (
    <Badge tone="muted">{t('centres.notMember')}</Badge>
  );
}

/** Status for a list filtered to a year: member on some day of that year (not today). */
function YearMemberStatus({ centre, year }: { centre: CentreSummary; year: string }) {
  const { t } = useI18n();
  return centre.isMember ? (
    <Badge tone="ok">{t('centres.memberOfYear', { year })}</Badge>
  ) : (
    <Badge tone="muted">{t('centres.notMember')}</Badge>
  );
}

export function CentresListPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  // The overview's paid-per-region chart links here filtered: '#/centres?region=nord'.
  const [region, setRegion] = useState(() => queryOf(window.location.hash).get('region') ?? '');
  const [driftsform, setDriftsform] = useState('');
  const [year, setYear] = useState('');
  const { data, error, loading } = useApi('centres.list', {
    search: search || null,
    region: (region || null) as Region | null,
    driftsform: (driftsform || null) as Driftsform | null,
    memberInYear: year ? Number(year) : null,
  });
  const filtered = search !== '' || region !== '' || driftsform !== '' || year !== '';

  return (
    <section>
      <PageHeader
        title={t('centres.heading')}
        actions={
          <Button variant="primary" onClick={() => navigate('/centres/new')}>
            {t('centres.new')}
          </Button>
        }
      />
      <div className="filters" role="search">
        <TextField
          name="search"
          label={t('common.search')}
          value={search}
          onChange={setSearch}
          type="search"
        />
        <SelectField
          name="region"
          label={t('centres.region')}
          value={region}
          onChange={setRegion}
          options={regionOptions(t)}
          placeholder={t('common.all')}
        />
        <SelectField
          name="driftsform"
          label={t('centres.driftsform')}
          value={driftsform}
          onChange={setDriftsform}
          options={driftsformOptions(t)}
          placeholder={t('common.all')}
        />
        <SelectField
          name="memberInYear"
          label={t('centres.memberInYear')}
          value={year}
          onChange={setYear}
          options={YEARS.map((y) => ({ value: y, label: y }))}
          placeholder={t('common.all')}
        />
      </div>
      <ErrorBox message={error} />
      {loading && !data ? <Loading text={t('common.loading')} /> : null}
      {data && data.length === 0 ? (
        <EmptyState>
          <p>{filtered ? t('centres.emptyFiltered') : t('centres.empty')}</p>
          {!filtered ? (
            <Button variant="primary" onClick={() => navigate('/centres/new')}>
              {t('centres.new')}
            </Button>
          ) : null}
        </EmptyState>
      ) : null}
      {data && data.length > 0 ? (
        <>
          <table className="table" aria-label={t('centres.heading')}>
            <thead>
              <tr>
                <th scope="col">{t('centres.name')}</th>
                <th scope="col">{t('centres.driftsform')}</th>
                <th scope="col">{t('centres.region')}</th>
                <th scope="col">{t('centres.dailyLeader')}</th>
                <th scope="col">{t('centres.contactEmail')}</th>
                <th scope="col">{t('centres.memberStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/centres/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>{t(`driftsform.${c.driftsform}`)}</td>
                  <td>{t(`region.${c.region}`)}</td>
                  <td>{c.dailyLeader ?? ''}</td>
                  <td>{c.contactEmail ?? ''}</td>
                  <td>
                    {year ? (
                      <YearMemberStatus centre={c} year={year} />
                    ) : (
                      <MemberStatus centre={c} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('centres.count', { n: data.length })}</p>
        </>
      ) : null}
    </section>
  );
}
