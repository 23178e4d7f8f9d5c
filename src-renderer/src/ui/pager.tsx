/**
 * «Forrige / Viser 101–200 av 2 000 / Neste» under a server-paged list (grants, rounds,
 * applications). Nothing when everything fits on one page.
 */
import { useI18n } from '../i18n/i18n';
import { formatCount as count } from '../lib/format';
import { Button } from './layout';

export function Pager({
  page,
  pageSize,
  total,
  label,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The navigation's accessible name, e.g. «Sider med tilskudd». */
  label: string;
  onPage(page: number): void;
}) {
  const { t } = useI18n();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (pageCount <= 1) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="actions-row pager" aria-label={label}>
      <Button disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('ui.prevPage')}
      </Button>
      <span>{t('ui.showing', { from: count(from), to: count(to), total: count(total) })}</span>
      <Button disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        {t('ui.nextPage')}
      </Button>
    </nav>
  );
}
