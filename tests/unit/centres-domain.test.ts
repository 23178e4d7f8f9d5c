import { describe, expect, it } from 'vitest';
import {
  isMemberInYear,
  isMemberOn,
  type MembershipPeriod,
} from '../../src-shared/registry/centres';

const alta: MembershipPeriod[] = [{ joinedDate: '2024-06-01', leftDate: null }];
const halden: MembershipPeriod[] = [{ joinedDate: '2010-01-01', leftDate: '2024-12-31' }];
const rejoined: MembershipPeriod[] = [
  { joinedDate: '2015-01-01', leftDate: '2019-12-31' },
  { joinedDate: '2022-03-01', leftDate: null },
];

describe('isMemberOn', () => {
  it('counts the day a centre joins as a member day', () => {
    expect(isMemberOn(alta, '2024-05-31')).toBe(false);
    expect(isMemberOn(alta, '2024-06-01')).toBe(true);
  });

  it('counts the day a centre leaves as its last member day', () => {
    expect(isMemberOn(halden, '2024-12-31')).toBe(true);
    expect(isMemberOn(halden, '2025-01-01')).toBe(false);
  });

  it('knows the gap between two periods', () => {
    expect(isMemberOn(rejoined, '2019-12-31')).toBe(true);
    expect(isMemberOn(rejoined, '2021-06-01')).toBe(false);
    expect(isMemberOn(rejoined, '2022-03-01')).toBe(true);
  });

  it('is false without any period', () => {
    expect(isMemberOn([], '2024-06-15')).toBe(false);
  });
});

describe('isMemberInYear', () => {
  it('counts a centre that joined during the year', () => {
    expect(isMemberInYear(alta, 2023)).toBe(false);
    expect(isMemberInYear(alta, 2024)).toBe(true);
    expect(isMemberInYear(alta, 2030)).toBe(true);
  });

  it('counts a centre that left on the last day of the year for that year only', () => {
    expect(isMemberInYear(halden, 2024)).toBe(true);
    expect(isMemberInYear(halden, 2025)).toBe(false);
  });

  it('leaves out the years between two periods', () => {
    expect(isMemberInYear(rejoined, 2019)).toBe(true);
    expect(isMemberInYear(rejoined, 2020)).toBe(false);
    expect(isMemberInYear(rejoined, 2021)).toBe(false);
    expect(isMemberInYear(rejoined, 2022)).toBe(true);
  });

  it('counts a single day on 1 January', () => {
    expect(isMemberInYear([{ joinedDate: '2025-01-01', leftDate: '2025-01-01' }], 2025)).toBe(true);
    expect(isMemberInYear([{ joinedDate: '2025-01-01', leftDate: '2025-01-01' }], 2024)).toBe(
      false,
    );
  });
});
