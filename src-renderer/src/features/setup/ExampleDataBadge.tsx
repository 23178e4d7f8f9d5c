/** «Eksempeldata» in the app header whenever the 2024 example dataset is loaded. */
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../lib/query';
import { Link } from '../../lib/router';

export function ExampleDataBadge() {
  const { t } = useI18n();
  const { data } = useApi('exampleData.status', {});
  if (!data?.loaded) return null;
  return (
    <Link to="/settings" className="badge badge--warn example-badge" data-testid="example-badge">
      {t('setup.exampleBadge')}
    </Link>
  );
}
