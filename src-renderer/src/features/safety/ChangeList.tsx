/** One change-log entry in words: the fields it touched, before → after, references by name. */
import type { AuditEntry } from '../../../../src-shared/api/contract';
import {
  auditEntityLabel,
  auditRecordName,
  describeChanges,
} from '../../../../src-shared/safety/audit';
import { useI18n } from '../../i18n/i18n';
import { useSafetyText } from './safety-text';

/** «Tilskudd: Juleaksjonen 2025», «Innstillinger». */
export function recordLabel(entry: AuditEntry, lang: 'nb' | 'en'): string {
  const kind = auditEntityLabel(entry.entity, lang);
  const name = auditRecordName(entry, lang);
  return name ? `${kind}: ${name}` : kind;
}

export function ChangeList({ entry }: { entry: AuditEntry }) {
  const st = useSafetyText();
  const { lang } = useI18n();
  const changes = describeChanges(entry, lang === 'en' ? 'en' : 'nb');
  if (changes.length === 0) return <span className="muted">{st('history.noChanges')}</span>;
  return (
    <ul className="change-list">
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
