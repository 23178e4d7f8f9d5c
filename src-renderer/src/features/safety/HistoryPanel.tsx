/**
 * "Historikk" for one record, to embed on a detail page:
 * `<HistoryPanel entity="centre" entityId={centre.id} />`.
 * Newest first; "Vis flere" loads further entries. It reloads after every write (lib/query.ts).
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../lib/query';
import { Button, EmptyState, ErrorBox, Loading } from '../../ui/layout';
import { useSafetyText } from './safety-text';
import { HistoryTable } from './ChangeList';

const STEP = 20;

export function HistoryPanel({
  entity,
  entityId,
}: {
  /** The entity name the services log under: 'centre', 'grant', 'project', 'funder', … */
  entity: string;
  entityId: number;
}) {
  const st = useSafetyText();
  const { t } = useI18n();
  const [limit, setLimit] = useState(STEP);
  const { data, error, loading } = useApi('audit.list', { entity, entityId, limit });
  const headingId = `history-${entity}-${entityId}`;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h2 id={headingId}>{st('history.panelHeading')}</h2>
      <ErrorBox message={error} />
      {loading && !data ? <Loading text={t('common.loading')} /> : null}
      {data && data.rows.length === 0 ? <EmptyState>{st('history.emptyRecord')}</EmptyState> : null}
      {data && data.rows.length > 0 ? (
        <HistoryTable rows={data.rows} label={st('history.panelHeading')} withRecord={false} />
      ) : null}
      {data && data.total > data.rows.length ? (
        <Button variant="link" onClick={() => setLimit((n) => n + STEP)} disabled={loading}>
          {st('history.more')}
        </Button>
      ) : null}
    </section>
  );
}
