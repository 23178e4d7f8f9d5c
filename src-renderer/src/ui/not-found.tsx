/** «Fant ikke siden»: for unknown routes and for records that do not exist (NOT_FOUND). */
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { PageHeader } from './layout';

export function NotFound({ path }: { path?: string }) {
  const { t } = useI18n();
  return (
    <div className="not-found" data-testid="not-found">
      <PageHeader title={t('notFound.title')} />
      <p>{path !== undefined ? t('notFound.text', { path }) : t('notFound.record')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
