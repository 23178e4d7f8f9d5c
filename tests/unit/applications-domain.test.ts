/** The pure rules of the application pipeline: dates a year on, the 12-month window, caps. */
import { describe, expect, it } from 'vitest';
import { bindingCap, monthsBefore, overCap, shiftYears } from '../../src-shared/applications/rules';
import { nextTitle } from '../../src-main/applications/next-year';

describe('shiftYears', () => {
  it('keeps the calendar date, and 29 February becomes 28 February', () => {
    expect(shiftYears('2024-03-15', 1)).toBe('2025-03-15');
    expect(shiftYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(shiftYears('2027-02-28', 1)).toBe('2028-02-28');
    expect(shiftYears('2024-12-31', 1)).toBe('2025-12-31');
  });
});

describe('monthsBefore', () => {
  it('goes back whole months, clamping the day to the month', () => {
    expect(monthsBefore('2025-03-01', 12)).toBe('2024-03-01');
    expect(monthsBefore('2025-02-28', 12)).toBe('2024-02-28');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2025-01-15', 13)).toBe('2023-12-15');
  });
});

describe('caps', () => {
  it('binds the lowest cap, and equal to the cap is within it', () => {
    expect(bindingCap([{ amountOre: 5 }, { amountOre: 3 }, { amountOre: 4 }])).toEqual({
      amountOre: 3,
    });
    expect(bindingCap([])).toBeNull();
    expect(overCap(300, 300)).toBe(false);
    expect(overCap(301, 300)).toBe(true);
    expect(overCap(null, 300)).toBe(false);
    expect(overCap(301, null)).toBe(false);
  });
});

describe('nextTitle', () => {
  it('moves the year in the title, or adds next year', () => {
    expect(nextTitle('Sommeraksjonen 2024', 2024)).toBe('Sommeraksjonen 2025');
    expect(nextTitle('Juleaksjonen 2024 – JuleVinter 2024', 2024)).toBe(
      'Juleaksjonen 2025 – JuleVinter 2025',
    );
    expect(nextTitle('Sommeraksjonen', 2024)).toBe('Sommeraksjonen 2025');
    expect(nextTitle('Prosjekt 20245', 2024)).toBe('Prosjekt 20245 2025');
  });
});
