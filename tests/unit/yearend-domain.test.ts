/**
 * The pure year-end vocabulary: CSV amounts (exact, property-tested), the project table's
 * size text, the member summary sentence, the Word-friendly HTML table, the «year closed»
 * message and which account a movement is booked on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUNDER_TYPES, MOVEMENT_TYPES } from '../../src-shared/grants/rules';
import {
  ACCOUNT_CODE,
  ACCOUNT_KEYS,
  ACCOUNT_SPECS,
  accountKeyFor,
  csvAmount,
  htmlTable,
  membersSummary,
  parseCsvAmount,
  sizeText,
  tsvTable,
  yearClosedIn,
  yearClosedMessage,
  yearList,
} from '../../src-shared/yearend/rules';
import { MAX_ABS_ORE } from '../../src-shared/kernel/money';

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('csvAmount', () => {
  it('writes kroner with a decimal comma, a sign and no thousands separator', () => {
    expect(csvAmount(0)).toBe('0,00');
    expect(csvAmount(5)).toBe('0,05');
    expect(csvAmount(-5)).toBe('-0,05');
    expect(csvAmount(185_336_805)).toBe('1853368,05');
    expect(csvAmount(-194_500_000)).toBe('-1945000,00');
  });

  it('round-trips every amount we accept, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_ABS_ORE, max: MAX_ABS_ORE }), (ore) => {
        expect(parseCsvAmount(csvAmount(ore))).toBe(ore);
      }),
    );
  });

  it('refuses amounts that are not whole øre', () => {
    expect(() => csvAmount(1.5)).toThrow(RangeError);
  });
});

describe('sizeText', () => {
  it('writes the size as the annual report does', () => {
    expect(plain(sizeText(194_500_000))).toBe('Kr 1 945 000');
    expect(plain(sizeText(112_000_000, [2024, 2023]))).toBe('Kr 1 120 000 (for 2023 og 2024)');
    expect(plain(sizeText(61_218_600, [2024, 2025, 2026]))).toBe(
      'Kr 612 186 (for 2024, 2025 og 2026)',
    );
    expect(plain(sizeText(5_000_050))).toBe('Kr 50 000,50');
    expect(yearList([2025])).toBe('2025');
  });
});

describe('membersSummary', () => {
  const base = {
    year: 2024,
    startCount: 20,
    endCount: 21,
    joined: [{ name: 'Alta Krisesenter', date: '2024-06-01' }],
    left: [],
    leavingAtYearEnd: [],
    municipalOrIks: 11,
    ideell: 6,
    stiftelse: 4,
  };

  it('writes the 2024 report’s paragraph', () => {
    expect(membersSummary(base)).toBe(
      'Året startet med 20 medlemmer. I juni meldte Alta Krisesenter seg inn, slik at organisasjonen per 31.12 hadde 21 medlemmer. Av disse er 11 kommunale/IKS, 6 er ideelle organisasjoner og 4 er stiftelser.',
    );
  });

  it('handles several joins, a departure, singulars and empty groups', () => {
    expect(
      membersSummary({
        ...base,
        joined: [
          { name: 'A', date: '2024-02-01' },
          { name: 'B', date: '2024-09-01' },
        ],
        left: [{ name: 'C', date: '2024-03-31' }],
        endCount: 21,
        municipalOrIks: 0,
        ideell: 1,
        stiftelse: 1,
      }),
    ).toBe(
      'Året startet med 20 medlemmer. I løpet av året meldte A og B seg inn, og C meldte seg ut i mars, slik at organisasjonen per 31.12 hadde 21 medlemmer. Av disse 1 er en ideell organisasjon og 1 er en stiftelse.',
    );
    expect(
      membersSummary({
        ...base,
        startCount: 1,
        endCount: 1,
        joined: [],
        municipalOrIks: 1,
        ideell: 0,
        stiftelse: 0,
        leavingAtYearEnd: ['X'],
      }),
    ).toBe(
      'Året startet med 1 medlem. Per 31.12 hadde organisasjonen 1 medlem. Av disse 1 er kommunal/IKS. Ved årsskiftet 2025 meldes X ut av organisasjonen.',
    );
  });
});

describe('htmlTable / tsvTable', () => {
  it('escapes text and keeps one row per record', () => {
    const html = htmlTable(['Navn', 'Kontakt'], [['<script>alert(1)</script>', 'a&b "c"']]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a&amp;b &quot;c&quot;');
    expect(html.match(/<tr>/g)).toHaveLength(2);
    expect(tsvTable(['A', 'B'], [['x\ty', 'linje 1\nlinje 2']])).toBe(
      'A\tB\r\nx y\tlinje 1 linje 2',
    );
  });
});

describe('the lock message', () => {
  it('is Norwegian for the user and parsed back from the trigger', () => {
    expect(yearClosedMessage(2024)).toBe(
      'Regnskapsåret 2024 er avsluttet. Gjenåpne året med en begrunnelse for å endre det.',
    );
    expect(yearClosedIn('year closed: 2024')).toBe(2024);
    expect(yearClosedIn('CHECK constraint failed')).toBeNull();
  });
});

describe('account codes', () => {
  it('has a default of 4–6 digits for every key and an account for every movement', () => {
    for (const key of ACCOUNT_KEYS) expect(ACCOUNT_SPECS[key].defaultCode).toMatch(ACCOUNT_CODE);
    for (const type of MOVEMENT_TYPES) {
      for (const funder of FUNDER_TYPES)
        expect(ACCOUNT_KEYS).toContain(accountKeyFor(type, funder));
    }
    expect(accountKeyFor('received', 'direktorat')).toBe('incomeDirektorat');
    expect(ACCOUNT_SPECS.incomeDirektorat.defaultCode).toBe('3400');
    expect(ACCOUNT_SPECS.incomeForskningsrad.defaultCode).toBe('3440');
    expect(accountKeyFor('returned_by_centre', 'stiftelse')).toBe('paidToCentres');
  });
});
