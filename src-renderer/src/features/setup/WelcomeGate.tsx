/**
 * On a first run (`setup.firstRunStatus().showWelcome`) the welcome screen replaces the page:
 * start empty or load the 2024 example data, and the organisation's settings.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useApi, useApiMutation } from '../../lib/query';
import { Button, PageHeader } from '../../ui/layout';
import { LoadExampleButton } from './LoadExampleButton';
import { OrganisationForm } from './OrganisationForm';

export function WelcomeGate({ children }: { children: ReactNode }) {
  const { data } = useApi('setup.firstRunStatus', {});
  if (!data?.showWelcome) return <>{children}</>;
  return <WelcomeScreen />;
}

function WelcomeScreen() {
  const { t } = useI18n();
  const dismiss = useApiMutation('setup.dismissWelcome');
  const { data: settings } = useApi('settings.getOrganisation', {});
  return (
    <div className="welcome">
      <PageHeader title={t('setup.welcomeTitle')} />
      <p>{t('setup.welcomeIntro')}</p>
      <div className="welcome__choices">
        <Button variant="primary" onClick={() => void dismiss({})}>
          {t('setup.startEmpty')}
        </Button>
        <LoadExampleButton />
      </div>
      <section className="card" aria-labelledby="welcome-org">
        <h2 id="welcome-org">{t('setup.orgTitle')}</h2>
        <OrganisationForm key={settings?.updatedAtMs ?? 'none'} settings={settings} />
      </section>
    </div>
  );
}
