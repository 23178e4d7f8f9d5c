/**
 * Contract slice: the global search (Ctrl+K) across centres, funders, partners, projects,
 * grants, rounds and the notes on grants and funders. Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { method } from '../api/shapes';

/**
 * What a result is; an organisation is shown by its role (centre before funder before partner);
 * a note (on a grant or a funder) opens the record it belongs to.
 */
export const SEARCH_ENTITIES = [
  'centre',
  'funder',
  'partner',
  'project',
  'grant',
  'round',
  'note',
] as const;
export type SearchEntity = (typeof SEARCH_ENTITIES)[number];

export const SearchResultSchema = z.object({
  entity: z.enum(SEARCH_ENTITIES),
  id: z.number().int(),
  title: z.string(),
  /** A line that tells results with the same title apart («Tilskudd · Juleaksjonen · …»). */
  subtitle: z.string(),
  /** The renderer route that opens the record, e.g. '/centres/12'. */
  route: z.string(),
  /** For a hit in a longer text (a note): an excerpt around the first matching word. */
  snippet: z.string().optional(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const SearchQueryInput = z.object({
  text: z
    .string({ error: 'Søketekst må være tekst.' })
    .max(200, 'Søketekst kan ha høyst 200 tegn.'),
  limit: z
    .number({ error: 'Antall treff må være et tall.' })
    .int('Antall treff må være et heltall.')
    .min(1, 'Antall treff må være minst 1.')
    .max(50, 'Antall treff kan være høyst 50.')
    .default(20),
});

export const searchMethods = {
  'search.query': method(
    'Finds centres, funders, partners, projects, grants, rounds and notes by words or word beginnings (æøå- and accent-folded), best match first.',
    SearchQueryInput,
    z.array(SearchResultSchema),
  ),
} as const;
