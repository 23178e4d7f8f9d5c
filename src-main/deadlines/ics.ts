/**
 * A small iCalendar (RFC 5545) writer for the deadline calendar: all-day events
 * (DTSTART;VALUE=DATE, DTEND the next day), stable UIDs, TEXT values escaped (§3.3.11), CRLF
 * line endings and lines folded at 75 octets without splitting a UTF-8 character (§3.1).
 */
import { addDays } from '../../src-shared/kernel/dates';
import type { DeadlineEntry } from '../../src-shared/deadlines/contract';

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line: at most 75 octets per physical line, continuation lines start
 * with one space (which counts towards their 75). Splits only between code points.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const compactDate = (iso: string) => iso.replace(/-/g, '');

function stamp(nowMs: number): string {
  return new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const STATUS_NOTE = (e: DeadlineEntry) => (e.doneDate ? ` (levert ${e.doneDate})` : '');

/** The calendar as text: one all-day VEVENT per deadline. */
export function deadlinesIcs(entries: DeadlineEntry[], nowMs: number): string {
  const dtstamp = stamp(nowMs);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Krisesentersekretariatet//Tilskuddsoversikt//NO',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Frister – Tilskuddsoversikt',
  ];
  for (const e of entries) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${compactDate(e.date)}`,
      `DTEND;VALUE=DATE:${compactDate(addDays(e.date, 1))}`,
      `SUMMARY:${escapeText(e.title + STATUS_NOTE(e))}`,
      ...(e.detail ? [`DESCRIPTION:${escapeText(e.detail)}`] : []),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
