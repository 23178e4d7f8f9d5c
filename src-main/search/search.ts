/**
 * The global search (Ctrl+K): one FTS5 query over `search_index` (kept in step by the triggers
 * of the search_index migration), ranked by bm25 with the title weighing ten times the other
 * text, then each hit dressed with its role, a subtitle and the route that opens it.
 */
import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../src-shared/api/contract';
import { NOTE_KIND_LABELS, type NoteKind } from '../../src-shared/documents/labels';
import { formatIsoDate } from '../../src-shared/kernel/dates';
import type { SearchResult } from '../../src-shared/search/contract';
import { toMatchQuery } from '../../src-shared/search/fold';
import type { ServiceContext } from '../platform/context';
import { snippetAround } from './snippet';

/** The ranked hits: bm25 weights per column (entity, entity_id, title are not indexed). */
export const SEARCH_SQL = `
  SELECT entity, entity_id AS entityId, title
    FROM search_index
   WHERE search_index MATCH ?
   ORDER BY bm25(search_index, 0, 0, 0, 10.0, 1.0), rowid
   LIMIT ?`;

interface Hit {
  entity: string;
  entityId: number;
  title: string;
}

/** A hit's role, subtitle and route; a note also brings its owner's name as the title. */
type Dress = (
  hit: Hit,
  text: string,
) => (Omit<SearchResult, 'id' | 'title'> & { title?: string }) | null;

interface NoteRow {
  date: string;
  kind: NoteKind;
  body: string;
  grantId: number | null;
  grantTitle: string | null;
  funderId: number | null;
  funderName: string | null;
}

/** A note opens the grant or funder it belongs to, with a snippet of its text. */
function noteDresser(sqlite: Database.Database): Dress {
  const note = sqlite.prepare<[number]>(`
    SELECT n.note_date AS date, n.kind, n.body, n.grant_id AS grantId, g.title AS grantTitle,
           n.funder_id AS funderId, o.name AS funderName
      FROM record_notes n LEFT JOIN grants g ON g.id = n.grant_id
      LEFT JOIN organisations o ON o.id = n.funder_id
     WHERE n.id = ?`);
  return ({ entityId: id }, text) => {
    const r = note.get(id) as NoteRow | undefined;
    if (!r) return null;
    const owner = r.grantId !== null ? 'Tilskudd' : 'Tilskuddsyter';
    return {
      entity: 'note',
      title: r.grantTitle ?? r.funderName ?? '',
      subtitle: `Notat ${formatIsoDate(r.date)} · ${NOTE_KIND_LABELS[r.kind]} · ${owner}`,
      route: r.grantId !== null ? `/grants/${r.grantId}` : `/funders/${r.funderId}`,
      snippet: snippetAround(r.body, text),
    };
  };
}

function dressers(sqlite: Database.Database): Record<string, Dress> {
  const org = sqlite.prepare<[number, number, number, number]>(`
    SELECT EXISTS (SELECT 1 FROM member_centres WHERE organisation_id = ?) AS centre,
           EXISTS (SELECT 1 FROM funders WHERE organisation_id = ?) AS funder,
           (SELECT project_id FROM project_partners WHERE organisation_id = ?
             ORDER BY project_id LIMIT 1) AS projectId,
           ? AS id`);
  const project = sqlite.prepare<[number]>(`SELECT kind FROM projects WHERE id = ?`);
  const grant = sqlite.prepare<[number]>(`
    SELECT p.name AS project, o.name AS funder
      FROM grants g JOIN projects p ON p.id = g.project_id
      JOIN organisations o ON o.id = g.funder_id
     WHERE g.id = ?`);
  const round = sqlite.prepare<[number]>(`
    SELECT g.title AS grantTitle FROM allocation_rounds r JOIN grants g ON g.id = r.grant_id
     WHERE r.id = ?`);
  return {
    organisation: ({ entityId: id }) => {
      const r = org.get(id, id, id, id) as {
        centre: number;
        funder: number;
        projectId: number | null;
      };
      if (r.centre) return { entity: 'centre', subtitle: 'Medlemssenter', route: `/centres/${id}` };
      if (r.funder) return { entity: 'funder', subtitle: 'Tilskuddsyter', route: `/funders/${id}` };
      return {
        entity: 'partner',
        subtitle: 'Samarbeidspartner',
        route: r.projectId === null ? '/projects' : `/projects/${r.projectId}`,
      };
    },
    project: ({ entityId: id }) => {
      const r = project.get(id) as { kind: string } | undefined;
      if (!r) return null;
      const subtitle = r.kind === 'tiltak' ? 'Tiltak' : 'Prosjekt';
      return { entity: 'project', subtitle, route: `/projects/${id}` };
    },
    grant: ({ entityId: id }) => {
      const r = grant.get(id) as { project: string; funder: string } | undefined;
      if (!r) return null;
      const subtitle = `Tilskudd · ${r.project} · ${r.funder}`;
      return { entity: 'grant', subtitle, route: `/grants/${id}` };
    },
    round: ({ entityId: id }) => {
      const r = round.get(id) as { grantTitle: string } | undefined;
      if (!r) return null;
      const subtitle = `Tildelingsrunde · ${r.grantTitle}`;
      return { entity: 'round', subtitle, route: `/rounds/${id}` };
    },
    note: noteDresser(sqlite),
  };
}

export function createSearchService(ctx: ServiceContext) {
  const { sqlite } = ctx;
  const find = sqlite.prepare<[string, number]>(SEARCH_SQL);
  const dress = dressers(sqlite);

  return {
    query(input: ParsedInput<'search.query'>): SearchResult[] {
      const match = toMatchQuery(input.text);
      if (match === null) return [];
      const hits = find.all(match, input.limit) as Hit[];
      const results: SearchResult[] = [];
      for (const hit of hits) {
        // An entity this version does not show is skipped.
        const dressed = dress[hit.entity]?.(hit, input.text);
        if (dressed) results.push({ id: hit.entityId, title: hit.title, ...dressed });
      }
      return results;
    },
  };
}
