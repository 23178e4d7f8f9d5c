/**
 * The one translate function: fills every `{name}` placeholder of a catalogue text (every
 * occurrence, not only the first). A placeholder without a value stays as written.
 */
export type Vars = Record<string, string | number>;

export function fillPlaceholders(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}
