import { useEffect, type ReactNode } from 'react';
import { ApplicationsPage } from './features/applications/ApplicationsPage';
import { PackPrintPage } from './features/applications/PackPrintPage';
import { DeadlinesPage } from './features/deadlines/DeadlinesPage';
import { BackupsPage, RecoveryGate } from './features/safety/BackupsPage';
import { CentreDetailPage } from './features/registry/centres/CentreDetailPage';
import { CentreCreatePage, CentreEditPage } from './features/registry/centres/CentreFormPage';
import { CentresListPage } from './features/registry/centres/CentresListPage';
import {
  FunderCreatePage,
  FunderDetailPage,
  FunderEditPage,
  FundersListPage,
} from './features/registry/funders/FundersPages';
import { GrantDetailPage } from './features/grants/GrantDetailPage';
import { GrantCreatePage, GrantEditPage } from './features/grants/GrantFormPage';
import { GrantsListPage } from './features/grants/GrantsListPage';
import { HistoryPage } from './features/safety/HistoryPage';
import { HomePage } from './features/dashboard/HomePage';
import { ImportPage } from './features/import/ImportPage';
import { AccountsPage } from './features/yearend/AccountsPage';
import { AnnualReportPage } from './features/yearend/AnnualReportPage';
import { YearEndPage } from './features/yearend/YearEndPage';
import { FunderReportPage } from './features/allocations/FunderReportPage';
import { OverduePage } from './features/allocations/OverduePage';
import { RoundPage } from './features/allocations/RoundPage';
import { RoundsListPage } from './features/allocations/RoundsListPage';
import {
  ProjectCreatePage,
  ProjectDetailPage,
  ProjectEditPage,
  ProjectsListPage,
} from './features/registry/projects/ProjectsPages';
import { ExampleDataBadge } from './features/setup/ExampleDataBadge';
import { SettingsPage } from './features/setup/SettingsPage';
import { WelcomeGate } from './features/setup/WelcomeGate';
import { SearchLauncher } from './features/search/SearchDialog';
import { NoTokenPage, NotFound } from './ui/not-found';
import { useI18n } from './i18n/i18n';
import type { MessageKey } from './i18n/messages';
import { missingToken, transportName } from './lib/api';
import { Link, match, useRoute } from './lib/router';
import { useFocusableScrollers } from './lib/scroll-focus';

interface Route {
  pattern: string;
  render(params: Record<string, string>): ReactNode;
}

const ROUTES: Route[] = [
  { pattern: '/', render: () => <HomePage /> },
  { pattern: '/centres', render: () => <CentresListPage /> },
  { pattern: '/centres/new', render: () => <CentreCreatePage /> },
  { pattern: '/centres/:id', render: (p) => <CentreDetailPage id={Number(p.id)} /> },
  { pattern: '/centres/:id/edit', render: (p) => <CentreEditPage id={Number(p.id)} /> },
  { pattern: '/applications', render: () => <ApplicationsPage /> },
  { pattern: '/applications/:id/print', render: (p) => <PackPrintPage grantId={Number(p.id)} /> },
  { pattern: '/grants', render: () => <GrantsListPage /> },
  { pattern: '/grants/new', render: () => <GrantCreatePage /> },
  { pattern: '/grants/:id', render: (p) => <GrantDetailPage id={Number(p.id)} /> },
  { pattern: '/grants/:id/edit', render: (p) => <GrantEditPage id={Number(p.id)} /> },
  { pattern: '/rounds', render: () => <RoundsListPage /> },
  { pattern: '/rounds/:id', render: (p) => <RoundPage id={Number(p.id)} /> },
  { pattern: '/rounds/:id/report', render: (p) => <FunderReportPage roundId={Number(p.id)} /> },
  { pattern: '/reports/overdue', render: () => <OverduePage /> },
  { pattern: '/deadlines', render: () => <DeadlinesPage /> },
  { pattern: '/projects', render: () => <ProjectsListPage /> },
  { pattern: '/projects/new', render: () => <ProjectCreatePage /> },
  { pattern: '/projects/:id', render: (p) => <ProjectDetailPage id={Number(p.id)} /> },
  { pattern: '/projects/:id/edit', render: (p) => <ProjectEditPage id={Number(p.id)} /> },
  { pattern: '/year-end', render: () => <YearEndPage /> },
  { pattern: '/annual-report', render: () => <AnnualReportPage /> },
  { pattern: '/settings', render: () => <SettingsPage /> },
  { pattern: '/settings/accounts', render: () => <AccountsPage /> },
  { pattern: '/import', render: () => <ImportPage /> },
  { pattern: '/backups', render: () => <BackupsPage /> },
  { pattern: '/history', render: () => <HistoryPage /> },
  { pattern: '/funders', render: () => <FundersListPage /> },
  { pattern: '/funders/new', render: () => <FunderCreatePage /> },
  { pattern: '/funders/:id', render: (p) => <FunderDetailPage id={Number(p.id)} /> },
  { pattern: '/funders/:id/edit', render: (p) => <FunderEditPage id={Number(p.id)} /> },
];

interface NavGroup {
  label: MessageKey;
  items: { to: string; label: MessageKey }[];
}

const NAV: NavGroup[] = [
  {
    label: 'nav.group.daily',
    items: [
      { to: '/', label: 'nav.home' },
      { to: '/applications', label: 'nav.applications' },
      { to: '/deadlines', label: 'nav.deadlines' },
      { to: '/grants', label: 'nav.grants' },
      { to: '/rounds', label: 'nav.rounds' },
      { to: '/reports/overdue', label: 'nav.overdue' },
    ],
  },
  {
    label: 'nav.group.register',
    items: [
      { to: '/projects', label: 'nav.projects' },
      { to: '/funders', label: 'nav.funders' },
      { to: '/centres', label: 'nav.centres' },
    ],
  },
  {
    label: 'nav.group.year',
    items: [
      { to: '/year-end', label: 'nav.yearEnd' },
      { to: '/annual-report', label: 'nav.annualReport' },
      { to: '/settings/accounts', label: 'nav.accounts' },
    ],
  },
  {
    label: 'nav.group.data',
    items: [
      { to: '/history', label: 'nav.history' },
      { to: '/import', label: 'nav.import' },
      { to: '/backups', label: 'nav.backups' },
      { to: '/settings', label: 'nav.settings' },
    ],
  },
];

/** The menu entry for `path`: the longest one that is `path` or a folder above it. */
function activeEntry(path: string): string | null {
  const bare = path.split('?')[0]!;
  let best: string | null = null;
  for (const group of NAV) {
    for (const { to } of group.items) {
      const hit = to === '/' ? bare === '/' : bare === to || bare.startsWith(`${to}/`);
      if (hit && (best === null || to.length > best.length)) best = to;
    }
  }
  return best;
}

function resolve(path: string): ReactNode {
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) return route.render(params);
  }
  return <NotFound path={path.split('?')[0]!} />;
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const path = useRoute();
  const active = activeEntry(path);
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  // Move focus to the new page's heading so keyboard and screen-reader users land there.
  useEffect(() => {
    const h1 = document.querySelector<HTMLElement>('main h1');
    h1?.setAttribute('tabindex', '-1');
    h1?.focus({ preventScroll: true });
  }, [path]);

  useFocusableScrollers('main.content');

  if (missingToken()) return <NoTokenPage />;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Hovedmeny">
        <div className="sidebar__brand">
          <strong>{t('app.title')}</strong>
          <span>{t('app.org')}</span>
        </div>
        {NAV.map((group) => (
          <div className="nav-group" key={group.label}>
            <h2 className="nav-group__title" id={`nav-${group.label}`}>
              {t(group.label)}
            </h2>
            <ul aria-labelledby={`nav-${group.label}`}>
              {group.items.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={active === item.to ? 'page' : undefined}>
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div className="sidebar__footer">
          {transportName() === 'http' ? (
            <span className="badge badge--muted">{t('app.browserMode')}</span>
          ) : null}
          <button
            type="button"
            className="btn btn--link"
            onClick={() => setLang(lang === 'nb' ? 'en' : 'nb')}
          >
            {t('nav.language')}
          </button>
        </div>
      </nav>
      <div className="main-column">
        <header className="topbar">
          <ExampleDataBadge />
          <SearchLauncher />
        </header>
        <main className="content">
          <RecoveryGate>
            <WelcomeGate>{resolve(path)}</WelcomeGate>
          </RecoveryGate>
        </main>
      </div>
    </div>
  );
}
