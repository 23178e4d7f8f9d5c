/**
 * Folding for the global search, the same on both sides of the index: the FTS5 tokenizer
 * (unicode61, remove_diacritics 2) folds case and accents (é→e, å→a, ä→a), but ø and æ are
 * letters of their own, not accented letters, so it keeps them. The search index stores
 * ø/Ø→o and æ/Æ→ae (db/migrations/…_search_index.sql) and the query is folded here the same
 * way: «tromso» and «tromsø» both find «Tromsø», «saer» and «sær» both find «Særtilskudd».
 */
export function foldSearchText(text: string): string {
  return text.normalize('NFC').replace(/[øØ]/g, 'o').replace(/[æÆ]/g, 'ae');
}

/** At most this many words of a query are used. */
export const MAX_QUERY_WORDS = 8;

/**
 * A user's text → an FTS5 MATCH expression: each word folded, quoted (so no word is read as
 * FTS syntax: AND, NOT, NEAR, "-", ":" …) and made a prefix («hald» finds «Halden»); all words
 * must match. Null when the text has no letters or digits.
 */
export function toMatchQuery(text: string): string | null {
  const words = foldSearchText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => `"${w}"*`)
    .join(' ');
}
