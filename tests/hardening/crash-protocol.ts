/**
 * What the crash-test child reports for each committed write (one line `W <json>` on stdout),
 * and how the parent parses it. Shared by crash-child.ts, crash-verify.ts and
 * scripts/crashtest.mjs (through the bundle).
 */
export type Write =
  | { k: 'centre' | 'funder' | 'project'; id: number; name: string }
  | { k: 'grant'; id: number; title: string }
  | { k: 'status'; id: number; status: 'sokt' | 'innvilget'; awardedOre: number | null }
  | { k: 'movement'; id: number; grantId: number; type: string; amountOre: number }
  | { k: 'round'; id: number; grantId: number }
  | { k: 'application'; id: number; roundId: number; centreId: number; appliedOre: number }
  | { k: 'decision'; id: number; awardedOre: number; decisionDate: string };

export const WRITE_PREFIX = 'W ';
export const READY_LINE = 'READY';

/** The writes in complete lines of child output; a line cut off by the kill has no newline. */
export function parseWrites(completeLines: readonly string[]): Write[] {
  return completeLines
    .filter((line) => line.startsWith(WRITE_PREFIX))
    .map((line) => JSON.parse(line.slice(WRITE_PREFIX.length)) as Write);
}
