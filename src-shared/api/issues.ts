import type { z } from 'zod';
import type { FieldIssue } from './errors';

/**
 * Zod issues → field issues. Our field builders carry Norwegian messages that name the
 * field; anything else falls back to zod's Norwegian locale (configured in the contract).
 * Used by the dispatcher and by forms, so both show the same words.
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message:
      issue.path.length === 0 && issue.code === 'invalid_type'
        ? 'Ugyldig forespørsel: forventet et objekt med felter.'
        : issue.message,
  }));
}

/** One line for a list of issues: the first message, and how many more there are. */
export function summariseIssues(issues: readonly FieldIssue[]): string {
  // One message per field: a date that fails two checks is one error, not «(og 1 feil til)».
  const seen = new Set<string>();
  const perField = issues.filter((i) => !seen.has(i.path) && (seen.add(i.path), true));
  const [first, ...rest] = perField;
  if (!first) return 'Ugyldig forespørsel.';
  return rest.length === 0 ? first.message : `${first.message} (og ${rest.length} feil til)`;
}
