/**
 * One grant, as tabs (issue 13.3): Oversikt, Søknad, Bevegelser, Fordeling per år,
 * Tildelinger, Frister, Notater og dokumenter, Historikk. The tab lives in the address
 * ('#/grants/12?tab=bevegelser'), so Back and reload keep it; forms open on demand.
 */
import { MOVEMENT_PAGE_SIZE, type Grant } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { navigate } from '../../lib/router';
import { useApi, usePrefetchApi } from '../../lib/query';
import { useUrlState } from '../../lib/url-state';
import { Button, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { NotFound } from '../../ui/not-found';
import { Tabs } from '../../ui/tabs';
import { ApplicationSection } from '../applications/ApplicationSection';
import { NotesAndDocumentsSection } from '../documents/NotesAndDocumentsSection';
import { HistoryPanel } from '../safety/HistoryPanel';
import { AwardHistorySection } from './AwardHistorySection';
import { DeadlinesSection } from './DeadlinesSection';
import { GrantOverview } from './GrantOverview';
import { GrantRoundsPanel } from './GrantRoundsPanel';
import { MovementsSection } from './MovementsSection';
import { YearSplitSection } from './YearSplitSection';
import './grant-page.css';

/** The tabs in order, with the address name of each. */
const TABS: readonly [string, MessageKey][] = [
  ['oversikt', 'grantPage.tab.overview'],
  ['soknad', 'grantPage.tab.application'],
  ['bevegelser', 'grantPage.tab.movements'],
  ['fordeling', 'grantPage.tab.split'],
  ['tildelinger', 'grantPage.tab.awards'],
  ['frister', 'grantPage.tab.deadlines'],
  ['notater', 'grantPage.tab.notes'],
  ['historikk', 'grantPage.tab.history'],
];

/** The tabs a grant has: the money tabs only where money is, the award ones once awarded. */
function tabsOf(g: Grant): string[] {
  const awarded = g.carriesMoney && g.awardedOre !== null;
  return TABS.map(([id]) => id).filter((id) =>
    id === 'bevegelser'
      ? g.carriesMoney
      : id === 'fordeling' || id === 'tildelinger'
        ? awarded
        : true,
  );
}

export function GrantDetailPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { data: g, error, notFound, setData } = useApi('grants.get', { id });
  const [url, update] = useUrlState({ tab: 'oversikt' });
  // Opened on «Bevegelser» (a link or reload): the ledger's first page comes with the grant.
  usePrefetchApi(
    'movements.list',
    { grantId: id, page: 1, pageSize: MOVEMENT_PAGE_SIZE },
    url.tab === 'bevegelser',
  );
  if (notFound) return <NotFound back="/grants" />;
  if (error) return <ErrorBox message={error} />;
  if (!g) return <Loading text={t('common.loading')} />;
  const available = tabsOf(g);
  const tab = available.includes(url.tab) ? url.tab : 'oversikt';
  const select = (next: string) => update({ tab: next });
  return (
    <section className="grant-page">
      <PageHeader
        title={g.title}
        actions={
          <>
            <Button onClick={() => navigate('/grants')}>{t('common.back')}</Button>
            <Button variant="primary" onClick={() => navigate(`/grants/${id}/edit`)}>
              {t('common.edit')}
            </Button>
          </>
        }
      />
      <Tabs
        label={t('grantPage.tabs')}
        idPrefix={`grant-${g.id}`}
        tabs={TABS.filter(([k]) => available.includes(k)).map(([k, label]) => ({
          id: k,
          label: t(label),
        }))}
        selected={tab}
        onSelect={select}
      >
        <TabContent tab={tab} grant={g} onChange={setData} onTab={select} />
      </Tabs>
    </section>
  );
}

function TabContent({
  tab,
  grant: g,
  onChange,
  onTab,
}: {
  tab: string;
  grant: Grant;
  onChange(g: Grant): void;
  onTab(tab: string): void;
}) {
  switch (tab) {
    case 'soknad':
      return <ApplicationSection grantId={g.id} />;
    case 'bevegelser':
      return <MovementsSection grant={g} />;
    case 'fordeling':
      return (
        <YearSplitSection
          key={g.yearSplits.map((s) => `${s.year}:${s.amountOre}`).join(',')}
          grant={g}
          onChange={onChange}
        />
      );
    case 'tildelinger':
      return (
        <>
          <AwardHistorySection grant={g} onChange={onChange} />
          {g.kssRole === 'forvalter' ? <GrantRoundsPanel grant={g} /> : null}
        </>
      );
    case 'frister':
      return <DeadlinesSection grant={g} onChange={onChange} />;
    case 'notater':
      return <NotesAndDocumentsSection owner={{ grantId: g.id }} />;
    case 'historikk':
      return (
        // The change list scrolls sideways in its own keyboard-reachable box.
        <HistoryPanel entity="grant" entityId={g.id} />
      );
    default:
      return <GrantOverview grant={g} onChange={onChange} onTab={onTab} />;
  }
}
