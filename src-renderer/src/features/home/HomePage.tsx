import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { useLoad } from '../../lib/useLoad';
import { Button, PageHeader } from '../../ui/layout';

export function HomePage() {
  const { t } = useI18n();
  const { data } = useLoad('centres.list', {}, []);
  const members = data?.filter((c) => c.isMember).length;
  return (
    <section>
      <PageHeader title={t('home.heading')} />
      <p>{t('home.intro')}</p>
      <div className="cards">
        <div className="card">
          <div className="card__label">{t('home.members')}</div>
          <div className="card__value">{members ?? '…'}</div>
          <Button variant="link" onClick={() => navigate('/centres')}>
            {t('home.goCentres')}
          </Button>
        </div>
      </div>
    </section>
  );
}
