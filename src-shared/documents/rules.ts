/**
 * Rules for attached documents, pure so the form can check a file before sending it: the size
 * limit and which file names are refused. A name must be a plain file name that every
 * operating system can write back out: no folder parts («../x»), no NUL or control
 * characters, none of the characters Windows forbids, not a reserved Windows device name
 * (CON, PRN, AUX, NUL, COM1–9, LPT1–9 — with or without an extension, as «aux.txt»), and no
 * trailing dot or space (Windows drops them silently).
 */

/** The largest document accepted: 10 MB (a scanned award letter is well below). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** The base64 text of a file of MAX_DOCUMENT_BYTES. */
export const MAX_DOCUMENT_BASE64 = Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4;
export const MAX_FILE_NAME_LENGTH = 200;

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;

/** Why a file name is refused, in Norwegian naming the field; null when it is fine. */
export function fileNameProblem(name: string, label = 'Filnavn'): string | null {
  if (name.trim() === '') return `${label} må fylles ut.`;
  if (name.length > MAX_FILE_NAME_LENGTH) {
    return `${label} kan ha høyst ${MAX_FILE_NAME_LENGTH} tegn.`;
  }
  if (name.includes('\u0000') || CONTROL.test(name)) {
    return `${label} inneholder et ugyldig tegn (kontrolltegn).`;
  }
  if (name.includes('/') || name.includes('\\')) {
    return `${label} kan ikke inneholde / eller \\ (bare selve filnavnet, uten mapper).`;
  }
  if (name === '.' || name === '..') return `${label} må være et filnavn.`;
  if (WINDOWS_FORBIDDEN.test(name)) {
    return `${label} kan ikke inneholde tegnene < > : " | ? *.`;
  }
  if (/[. ]$/.test(name) || /^\s/.test(name)) {
    return `${label} kan ikke begynne med mellomrom eller slutte med punktum eller mellomrom.`;
  }
  if (RESERVED.test(name.trim())) {
    return `${label} «${name}» er et reservert navn i Windows. Gi filen et annet navn.`;
  }
  return null;
}

/** «532 kB», «1,2 MB». */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}\u00a0kB`;
  // Tenths of a MB in integers (no floating point in shown figures), e.g. 12,5 MB.
  const tenths = Math.round((bytes * 10) / (1024 * 1024));
  return `${Math.floor(tenths / 10)},${tenths % 10}\u00a0MB`;
}
