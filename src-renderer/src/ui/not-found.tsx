/** «Fant ikke siden»: for unknown routes and for records that do not exist (NOT_FOUND). */
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { PageHeader } from './layout';

export function NotFound({ path, back }: { path?: string; back?: string }) {
  const { t } = useI18n();
  return (
    <div className="not-found" data-testid="not-found">
      <PageHeader title={t('notFound.title')} />
      <p>{path !== undefined ? t('notFound.text', { path }) : t('notFound.record')}</p>
      <p className="not-found__links">
        {back ? <Link to={back}>{t('common.back')}</Link> : null}
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </div>
  );
}

/**
 * Browser mode opened without its launch token: nothing can load, so say how to open the
 * app instead of «Laster …» for ever.
 */
export function NoTokenPage() {
  const { t } = useI18n();
  return (
    <main className="content no-token" data-testid="no-token">
      <h1>{t('noToken.title')}</h1>
      <p>{t('noToken.text')}</p>
      <pre>http://127.0.0.1:…/?token=…</pre>
      <p>{t('noToken.hint')}</p>
    </main>
  );
}
