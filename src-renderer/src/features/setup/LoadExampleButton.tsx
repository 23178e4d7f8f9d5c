/**
 * «Last inn eksempeldata (Årsmelding 2024)»: loads at once into an empty database, asks first
 * when the database has data (the API refuses without `confirmReplace`).
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useApi, useApiMutation } from '../../lib/query';
import { Dialog } from '../../ui/dialog';
import { Button, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';

export function LoadExampleButton({
  variant = 'secondary',
  onLoaded,
}: {
  variant?: 'primary' | 'secondary';
  onLoaded?: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const { data: status } = useApi('exampleData.status', {});
  const load = useApiMutation('exampleData.load');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(confirmReplace: boolean) {
    setBusy(true);
    setError(null);
    const res = await load({ confirmReplace });
    setBusy(false);
    if (!res.ok) {
      if (!confirmReplace && res.error.code === 'CONFLICT') return setAsking(true);
      return setError(res.error.message);
    }
    setAsking(false);
    toast(t('setup.loaded'));
    onLoaded?.();
  }

  return (
    <>
      <Button
        variant={variant}
        disabled={busy}
        onClick={() => (status?.databaseHasData ? setAsking(true) : void run(false))}
      >
        {busy && !asking ? t('setup.loading') : t('setup.loadExample')}
      </Button>
      {!asking ? <ErrorBox message={error} /> : null}
      <Dialog open={asking} title={t('setup.confirmReplaceTitle')} onClose={() => setAsking(false)}>
        <p>{t('setup.confirmReplaceText')}</p>
        <ErrorBox message={error} />
        <div className="form__actions">
          <Button variant="primary" disabled={busy} onClick={() => void run(true)} autoFocus>
            {busy ? t('setup.loading') : t('setup.confirmReplace')}
          </Button>
          <Button disabled={busy} onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
