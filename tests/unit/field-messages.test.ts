import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { amountOre, isoDate, oneOf } from '../../src-shared/api/fields';
import { summariseIssues, toFieldIssues } from '../../src-shared/api/issues';

function messageOf(schema: z.ZodType, value: unknown): string {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error.issues[0]!.message;
}

describe('field messages (issue 13.6)', () => {
  it('an empty required select asks for a choice', () => {
    const region = oneOf('Region', ['nord', 'sor'] as const);
    expect(messageOf(region, undefined)).toBe('Velg region.');
    expect(messageOf(region, '')).toBe('Velg region.');
    expect(messageOf(region, 'Finnmark')).toBe('Region har en ugyldig verdi. Velg fra listen.');
    expect(messageOf(oneOf("KSS' rolle", ['a'] as const), '')).toBe("Velg KSS' rolle.");
  });

  it('a zero or negative amount that must be positive says so in kroner', () => {
    expect(messageOf(amountOre('Beløp', 1), 0)).toBe('Beløp må være større enn 0 kr.');
    expect(messageOf(amountOre('Beløp', 1), -500)).toBe('Beløp må være større enn 0 kr.');
    expect(messageOf(amountOre('Beløp'), -1)).toBe('Beløp kan ikke være negativt.');
  });

  it('a date failing two checks is one error, not «(og 1 feil til)»', () => {
    const schema = z.object({ date: isoDate('Dato') });
    const parsed = schema.safeParse({ date: '31.02.2024' });
    expect(parsed.success).toBe(false);
    const issues = toFieldIssues(parsed.error!);
    const doubled = [...issues, ...issues];
    expect(summariseIssues(doubled)).not.toMatch(/feil til/);
    expect(summariseIssues(doubled)).toBe(issues[0]!.message);
    expect(
      summariseIssues([...doubled, { path: 'amountOre', message: 'Beløp må være hele øre.' }]),
    ).toMatch(/\(og 1 feil til\)$/);
  });
});
