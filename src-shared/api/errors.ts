/** Errors travel as data: every call answers with an envelope, never a thrown stack trace. */

/**
 * STORAGE: the disk is full or the data folder may not be written; the message says what the
 * user can do (free space, check the folder's permissions). Nothing was saved.
 */
export const ERROR_CODES = [
  'BAD_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'STORAGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the field, e.g. "contactEmail" or "memberships.0.joinedDate". */
  path: string;
  /** Norwegian message naming the field. */
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by services; the dispatcher turns it into an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
}

export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string, issues?: FieldIssue[]) =>
  new AppError('CONFLICT', message, issues);
export const badInput = (path: string, message: string) =>
  new AppError('BAD_INPUT', message, [{ path, message }]);
