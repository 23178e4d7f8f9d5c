/**
 * One dispatch for both transports: look up the method, validate the input with the
 * contract's zod schema, call the handler, and answer with an envelope. Errors travel as
 * data; internal errors are logged and never shown as stack traces.
 */
import { contract, isMethod, type Method } from '../../src-shared/api/contract';
import { AppError, type Envelope } from '../../src-shared/api/errors';
import { summariseIssues, toFieldIssues } from '../../src-shared/api/issues';
import { fromDatabaseError } from '../yearend/locks';
import { storageError } from '../platform/storage-errors';
import type { Handlers } from './handlers';

export type Dispatch = (method: string, input: unknown) => Promise<Envelope<unknown>>;

export interface Logger {
  error(message: string, detail?: unknown): void;
  /** Events worth keeping in the production log (migration, restore); optional. */
  info?(message: string, detail?: unknown): void;
}

export const consoleLogger: Logger = {
  error: (message, detail) => console.error(`[tilskudd] ${message}`, detail ?? ''),
};

export interface DispatchOptions {
  /** The data folder, named in the message for a full disk or missing write access. */
  dataDir?: string;
}

export function createDispatch(
  handlers: Handlers,
  logger: Logger = consoleLogger,
  options: DispatchOptions = {},
): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `Ukjent funksjon: ${method}.` } };
    }
    const spec = contract[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      return { ok: false, error: { code: 'BAD_INPUT', message: summariseIssues(issues), issues } };
    }
    try {
      const handler = handlers[method] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        logger.error(`Output of ${method} does not match the contract`, checked.error.issues);
        return internalError();
      }
      return { ok: true, value: checked.data };
    } catch (caught) {
      // A database trigger refusing a change in a closed fiscal year answers like the
      // services' own check does (CONFLICT, Norwegian), not as an internal error.
      // A full disk or a data folder that may not be written (fs or SQLite, however deep in
      // the causes) answers STORAGE with what to do, not «intern feil».
      const storage = fromDatabaseError(caught) ? null : storageError(caught, options.dataDir);
      if (storage && storage !== caught) logger.error(`Storage problem in ${method}`, caught);
      const error = fromDatabaseError(caught) ?? storage ?? caught;
      if (error instanceof AppError) {
        return {
          ok: false,
          error: {
            code: error.code,
            message: error.message,
            ...(error.issues ? { issues: error.issues } : {}),
          },
        };
      }
      logger.error(`Unexpected error in ${method}`, error);
      return internalError();
    }
  };
}

function internalError(): Envelope<never> {
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message:
        'Noe gikk galt i programmet (intern feil). Last siden på nytt og kontroller om endringen ble lagret.',
    },
  };
}

export type { Method };
// The forms use the same conversion, so both show the same words.
export { toFieldIssues };
