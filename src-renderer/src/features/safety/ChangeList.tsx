/** One change-log entry in words: the fields it touched, before → after. */
import type { AuditEntry } from '../../../../src-shared/api/contract';
import { auditEntityLabel, describeChanges } from '../../../../src-shared/safety/audit';
import { isSafetyKey, useSafetyText, type SafetyText } from './safety-text';

export function entityLabel(st: SafetyText, entity: string): string {
  const key = `auditEntity.${entity}`;
  return isSafetyKey(key) ? st(key) : auditEntityLabel(entity);
}

export function ChangeList({ entry }: { entry: AuditEntry }) {
  const st = useSafetyText();
  const changes = describeChanges(entry.before, entry.after);
  if (changes.length === 0) return <span className="muted">{st('history.noChanges')}</span>;
  return (
    <ul>
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
