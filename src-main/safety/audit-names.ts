/**
 * Names for the records a page of the change log refers to («Prosjekt: Juleaksjonen», not
 * «Prosjekt: 1»): the page's references are gathered first, then looked up in ONE query,
 * never per row. A record that no longer exists comes back as null («#12 (slettet)»).
 */
import type Database from 'better-sqlite3';
import {
  auditRefKey,
  auditRefs,
  type AuditNames,
  type AuditRef,
  type DescribableEntry,
} from '../../src-shared/safety/audit';
import { cachedStatement } from '../platform/statements';

/**
 * Each kind of record's words as a JSON array; src-shared/safety/audit.ts (`refWords`) reads
 * them: a name, a title, [centre, round] for an allocation, [type, date, amount] for a
 * movement, [what is due, grant] for a deadline.
 */
const NAMES_SQL = `
  with wanted(kind, id) as (
    select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(?)
  )
  select kind, id, case kind
    when 'organisation' then (select json_array(name) from organisations where id = wanted.id)
    when 'project' then (select json_array(name) from projects where id = wanted.id)
    when 'grant' then (select json_array(title) from grants where id = wanted.id)
    when 'round' then (select json_array(name) from allocation_rounds where id = wanted.id)
    when 'scenario' then (select json_array(name) from application_scenarios where id = wanted.id)
    when 'allocation' then (
      select json_array(o.name, r.name) from allocations a
        join organisations o on o.id = a.centre_id
        join allocation_rounds r on r.id = a.round_id
       where a.id = wanted.id)
    when 'movement' then (
      select json_array(type, date, amount_ore) from movements where id = wanted.id)
    when 'deadline' then (
      select json_array(d.description, g.title) from grant_deadlines d
        join grants g on g.id = d.grant_id
       where d.id = wanted.id)
  end as words
  from wanted`;

/** Names of every record the entries refer to, in one query. */
export function auditNames(
  sqlite: Database.Database,
  entries: readonly Pick<DescribableEntry, 'entity' | 'entityId' | 'before' | 'after'>[],
): Map<string, string | null> {
  const wanted = new Map<string, AuditRef>();
  for (const e of entries) for (const r of auditRefs(e)) wanted.set(auditRefKey(r), r);
  const found = new Map<string, string | null>();
  if (wanted.size === 0) return found;
  const rows = cachedStatement(sqlite, NAMES_SQL).all(
    JSON.stringify([...wanted.values()].map((r) => [r.kind, r.id])),
  ) as {
    kind: AuditRef['kind'];
    id: number;
    words: string | null;
  }[];
  for (const row of rows) found.set(auditRefKey(row), row.words);
  return found;
}

/** The names one entry needs, picked from the page's. */
export function namesFor(
  entry: Pick<DescribableEntry, 'entity' | 'entityId' | 'before' | 'after'>,
  all: ReadonlyMap<string, string | null>,
): AuditNames {
  const out: Record<string, string | null> = {};
  for (const r of auditRefs(entry)) {
    const key = auditRefKey(r);
    out[key] = all.get(key) ?? null;
  }
  return out;
}
