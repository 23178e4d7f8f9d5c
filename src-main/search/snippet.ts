/**
 * A short excerpt of a longer text around the first word the query matched, for a search hit
 * whose text is not its title (a note). Matching folds like the index does (case, accents,
 * å by decomposition; ø→o and æ→ae by foldSearchText), so «mote» marks «Møte».
 */
import { MAX_QUERY_WORDS, foldSearchText } from '../../src-shared/search/fold';

const WORD = /[\p{L}\p{N}]+/gu;
/** Characters shown before the matched word, and the whole excerpt at most. */
const BEFORE = 40;
const LENGTH = 140;

function fold(word: string): string {
  return foldSearchText(word).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function snippetAround(text: string, query: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const prefixes = (foldSearchText(query).match(WORD) ?? []).slice(0, MAX_QUERY_WORDS).map(fold);
  let at = 0;
  for (const m of flat.matchAll(WORD)) {
    const word = fold(m[0]);
    if (prefixes.some((p) => word.startsWith(p))) {
      at = m.index;
      break;
    }
  }
  let start = Math.max(0, at - BEFORE);
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space === -1 || space >= at ? at : space + 1;
  }
  let end = Math.min(flat.length, start + LENGTH);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  const head = start > 0 ? '… ' : '';
  const tail = end < flat.length ? ' …' : '';
  return `${head}${flat.slice(start, end)}${tail}`;
}
