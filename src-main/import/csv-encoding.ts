/**
 * The character set of a CSV file. A byte-order mark decides; otherwise a file that is valid
 * UTF-8 is UTF-8, and a file with no valid UTF-8 letters beyond ASCII is Windows-1252 (what
 * Norwegian Excel saves as «CSV (semikolondelt)»). A file that has both — UTF-8 lines and
 * lines that are not valid UTF-8 — is not guessed: the lines that are not valid UTF-8 are
 * reported (their character ranges, so the reader can name the rows), and the user chooses.
 */
import { MIXED_ENCODING_LABEL, type CsvEncoding } from '../../src-shared/import/rules';

export interface DecodedCsv {
  text: string;
  /** Shown in the preview: «UTF-8», «Windows-1252», «UTF-16» or the mixed label. */
  encoding: string;
  /**
   * Character ranges (in `text`) of lines that are not valid UTF-8, in a file decoded as
   * UTF-8 (found so, or chosen). Empty when the file is consistent or decoded as chosen.
   */
  invalidUtf8: { start: number; end: number }[];
}

const utf8 = new TextDecoder('utf-8');
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const win1252 = new TextDecoder('windows-1252');

function validUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Lines with their line break (CR and LF are single bytes in both encodings). */
function byteLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || b === 0x0d) {
      const end = b === 0x0d && bytes[i + 1] === 0x0a ? i + 2 : i + 1;
      lines.push(bytes.subarray(start, end));
      start = end;
      i = end - 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

const hasHighBytes = (bytes: Uint8Array) => bytes.some((b) => b >= 0x80);

export function decodeCsvBytes(bytes: Uint8Array, chosen: CsvEncoding | null = null): DecodedCsv {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    return { text, encoding: 'UTF-16', invalidUtf8: [] };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    return { text, encoding: 'UTF-16', invalidUtf8: [] };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (chosen === 'windows-1252') {
    return { text: win1252.decode(body), encoding: 'Windows-1252', invalidUtf8: [] };
  }
  if (validUtf8(body)) return { text: utf8.decode(body), encoding: 'UTF-8', invalidUtf8: [] };

  const lines = byteLines(body).map((line) => ({ line, valid: validUtf8(line) }));
  const utf8Letters = lines.some((l) => l.valid && hasHighBytes(l.line));
  // Consistently Windows-1252: nothing in it reads as UTF-8 letters, and no BOM says UTF-8.
  if (chosen === null && !bom && !utf8Letters) {
    return { text: win1252.decode(body), encoding: 'Windows-1252', invalidUtf8: [] };
  }
  // Mixed (or chosen as UTF-8): each line that is valid UTF-8 as UTF-8; the others are
  // shown as Windows-1252 until the user chooses (with UTF-8 chosen they keep U+FFFD).
  const parts: string[] = [];
  const invalidUtf8: DecodedCsv['invalidUtf8'] = [];
  let offset = 0;
  for (const { line, valid } of lines) {
    const text = valid
      ? utf8.decode(line)
      : chosen === 'utf-8'
        ? utf8.decode(line)
        : win1252.decode(line);
    // The range covers the line's text without its line break.
    const length = text.replace(/[\r\n]+$/, '').length;
    if (!valid && length > 0) invalidUtf8.push({ start: offset, end: offset + length });
    parts.push(text);
    offset += text.length;
  }
  return {
    text: parts.join(''),
    encoding: chosen === 'utf-8' ? 'UTF-8' : MIXED_ENCODING_LABEL,
    invalidUtf8,
  };
}
