/**
 * "Historikk" for one record, to embed on a detail page:
 * `<HistoryPanel entity="centre" entityId={centre.id} />`.
 * Newest first; "Vis flere" loads further entries. It reloads after every write (lib/query.ts).
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/query';
import { Button, EmptyState, ErrorBox, Loading } from '../../ui/layout';
import { useSafetyText } from './safety-text';
import { ChangeList } from './ChangeList';

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
  const { t, lang } = useI18n();
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
        <div className="table-scroll">
          <table className="table history-table" aria-label={st('history.panelHeading')}>
            <thead>
              <tr>
                <th scope="col">{st('history.time')}</th>
                <th scope="col">{st('history.actor')}</th>
                <th scope="col">{st('history.action')}</th>
                <th scope="col">{st('history.changes')}</th>
                <th scope="col">{st('history.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.atMs, lang)}</td>
                  <td>{r.actor}</td>
                  <td>{st(`auditAction.${r.action}`)}</td>
                  <td>
                    <ChangeList entry={r} />
                  </td>
                  <td className="pre">{r.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.total > data.rows.length ? (
        <Button variant="link" onClick={() => setLimit((n) => n + STEP)} disabled={loading}>
          {st('history.more')}
        </Button>
      ) : null}
    </section>
  );
}
