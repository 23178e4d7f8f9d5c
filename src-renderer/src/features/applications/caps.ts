import type { Cap } from '../../../../src-shared/api/contract';
import { kr } from '../../lib/money-input';

/** «2 000 000 kr for «Sommeraksjonen»» / «1 800 000 kr i 2025». */
export function capText(c: Cap): string {
  return c.kind === 'scheme'
    ? `${kr(c.amountOre)} (${c.schemeName})`
    : `${kr(c.amountOre)} (${c.year})`;
}
