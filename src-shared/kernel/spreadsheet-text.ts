/**
 * The one neutraliser for text the app hands to a spreadsheet: xlsx cells, CSV fields and
 * the tables copied to the clipboard (tab-separated text and HTML — Excel and LibreOffice
 * paste the HTML flavour when there is one). Text that a spreadsheet would take for a
 * formula — starting with = + - @, a tab or a carriage return (CSV/formula injection, as
 * OWASP lists them) — gets a leading apostrophe, so it is shown and kept as text. Other text
 * is unchanged. Amounts are never passed through it: they go out as numbers (xlsx) or in
 * their own format (CSV), where a leading minus is the sign.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet would read `text` as the start of a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** `text`, with a leading apostrophe when a spreadsheet would take it for a formula. */
export function spreadsheetText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
