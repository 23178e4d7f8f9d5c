/** Innstillinger: the organisation's settings, the example data (remove in one step), links. */
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useApi, useApiMutation } from '../../lib/query';
import { Link } from '../../lib/router';
import { Dialog } from '../../ui/dialog';
import { Button, ErrorBox, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { LoadExampleButton } from './LoadExampleButton';
import { OrganisationForm } from './OrganisationForm';

export function SettingsPage() {
  const { t } = useI18n();
  const { data: settings, error } = useApi('settings.getOrganisation', {});
  return (
    <>
      <PageHeader title={t('setup.settingsTitle')} />
      <ErrorBox message={error} />
      <section className="card" aria-labelledby="settings-org">
        <h2 id="settings-org">{t('setup.orgTitle')}</h2>
        {settings ? (
          <OrganisationForm key={settings?.updatedAtMs ?? 'none'} settings={settings} />
        ) : null}
      </section>
      <ExampleDataSection />
      <p>
        <Link to="/settings/accounts">{t('setup.accountsLink')}</Link>
      </p>
    </>
  );
}

function ExampleDataSection() {
  const { t } = useI18n();
  const toast = useToast();
  const { data: status, error } = useApi('exampleData.status', {});
  const remove = useApiMutation('exampleData.remove');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  async function run() {
    if (!status) return;
    setBusy(true);
    setRemoveError(null);
    const res = await remove({ confirmDiscardChanges: true });
    setBusy(false);
    if (!res.ok) return setRemoveError(res.error.message);
    setAsking(false);
    toast(t('setup.removed'));
  }

  return (
    <section className="card" aria-labelledby="settings-example">
      <h2 id="settings-example">{t('setup.exampleTitle')}</h2>
      <ErrorBox message={error} />
      {status && !status.loaded ? (
        <>
          <p>{t('setup.exampleNotLoaded')}</p>
          <LoadExampleButton />
        </>
      ) : null}
      {status?.loaded ? (
        <>
          <p>{t('setup.exampleLoadedText')}</p>
          {status.changesSinceLoad > 0 ? (
            <p>{t('setup.exampleChanges', { n: status.changesSinceLoad })}</p>
          ) : null}
          {status.canRemove ? (
            <Button variant="danger" onClick={() => setAsking(true)}>
              {t('setup.removeExample')}
            </Button>
          ) : (
            <p>{t('setup.exampleCannotRemove')}</p>
          )}
        </>
      ) : null}
      <Dialog open={asking} title={t('setup.removeTitle')} onClose={() => setAsking(false)}>
        <p>{t('setup.removeText', { file: status?.backupFileName ?? '' })}</p>
        {status && status.changesSinceLoad > 0 ? (
          <p>{t('setup.exampleChanges', { n: status.changesSinceLoad })}</p>
        ) : null}
        <ErrorBox message={removeError} />
        <div className="form__actions">
          <Button variant="danger" disabled={busy} onClick={() => void run()} autoFocus>
            {t('setup.removeConfirm')}
          </Button>
          <Button disabled={busy} onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
