/**
 * One change-log entry in words (the fields it touched, before → after, references by name),
 * and the table of entries the Endringslogg page and the Historikk panels share: four
 * columns that wrap, so «Begrunnelse» stays in view at half a laptop screen (683 px).
 */
import type { CSSProperties } from 'react';
import type { AuditEntry } from '../../../../src-shared/api/contract';
import {
  auditEntityLabel,
  auditRecordName,
  describeChanges,
} from '../../../../src-shared/safety/audit';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useSafetyText } from './safety-text';

type Lang = 'nb' | 'en';

/** «Tilskudd: Juleaksjonen 2025», «Innstillinger». */
export function recordLabel(entry: AuditEntry, lang: Lang): string {
  const kind = auditEntityLabel(entry.entity, lang);
  const name = auditRecordName(entry, lang);
  return name ? `${kind}: ${name}` : kind;
}

/** Record pages a log entry can link to. */
const RECORD_PAGES: Record<string, string> = {
  centre: '/centres/',
  grant: '/grants/',
  project: '/projects/',
  funder: '/funders/',
  allocation_round: '/rounds/',
};

const LIST: CSSProperties = { listStyle: 'none', margin: 0, padding: 0 };
const WRAP: CSSProperties = { overflowWrap: 'anywhere' };

export function ChangeList({ entry }: { entry: AuditEntry }) {
  const st = useSafetyText();
  const { lang } = useI18n();
  const changes = describeChanges(entry, lang);
  if (changes.length === 0) return <span className="muted">{st('history.noChanges')}</span>;
  return (
    <ul style={LIST}>
      {changes.map((c) => (
        <li key={c.field}>
          <strong>{c.label}:</strong>{' '}
          {c.before !== null && c.after !== null ? (
            <>
              <del>{c.before}</del> → <ins>{c.after}</ins>
            </>
          ) : (
            (c.after ?? c.before)
          )}
        </li>
      ))}
    </ul>
  );
}

/** `02.12.2026 kl. 02:17`, breaking only between the date and the time. */
function When({ ms, lang }: { ms: number; lang: Lang }) {
  const [date = '', time = ''] = formatDateTime(ms, lang).split(/ (?=kl\.|at )/);
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }}>{date}</span>{' '}
      <span style={{ whiteSpace: 'nowrap' }}>{time}</span>
    </>
  );
}

function RecordCell({ entry, lang }: { entry: AuditEntry; lang: Lang }) {
  const page = RECORD_PAGES[entry.entity];
  const label = recordLabel(entry, lang);
  return page && entry.action !== 'delete' ? (
    <Link to={`${page}${entry.entityId}`}>{label}</Link>
  ) : (
    <>{label}</>
  );
}

/**
 * Entries newest first: when and who, (the record and) what was done, the changes, the
 * reason. `withRecord` adds the record column (the log of many records).
 */
export function HistoryTable({
  rows,
  label,
  withRecord,
}: {
  rows: readonly AuditEntry[];
  label: string;
  withRecord: boolean;
}) {
  const st = useSafetyText();
  const { lang } = useI18n();
  return (
    // Reachable by Tab, so a keyboard user can scroll it sideways at half width (axe:
    // scrollable-region-focusable), from the first paint on.
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className="table" aria-label={label} style={{ tableLayout: 'fixed' }}>
        <colgroup>
          <col style={{ width: '6.5rem' }} />
          <col style={{ width: withRecord ? '22%' : '5.5rem' }} />
          <col />
          <col style={{ width: '21%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">
              {st('history.time')} / {st('history.actor')}
            </th>
            <th scope="col">
              {withRecord ? `${st('history.record')} / ` : ''}
              {st('history.action')}
            </th>
            <th scope="col">{st('history.changes')}</th>
            <th scope="col">{st('history.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td style={WRAP}>
                <When ms={r.atMs} lang={lang} />
                <div className="muted">{r.actor}</div>
              </td>
              <td style={WRAP}>
                {withRecord ? (
                  <div>
                    <RecordCell entry={r} lang={lang} />
                  </div>
                ) : null}
                <div className={withRecord ? 'muted' : undefined}>
                  {st(`auditAction.${r.action}`)}
                </div>
              </td>
              <td style={WRAP}>
                <ChangeList entry={r} />
              </td>
              <td className="pre" style={WRAP}>
                {r.reason ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
