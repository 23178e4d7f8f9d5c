/**
 * One dispatch for both transports: look up the method, validate the input with the
 * contract's zod schema, call the handler, and answer with an envelope. Errors travel as
 * data; internal errors are logged and never shown as stack traces.
 */
import type { z } from 'zod';
import { contract, isMethod, type Method } from '../../src-shared/api/contract';
import { AppError, type Envelope, type FieldIssue } from '../../src-shared/api/errors';
import type { Handlers } from './handlers';

export type Dispatch = (method: string, input: unknown) => Promise<Envelope<unknown>>;

export interface Logger {
  error(message: string, detail?: unknown): void;
}

export const consoleLogger: Logger = {
  error: (message, detail) => console.error(`[tilskudd] ${message}`, detail ?? ''),
};

/**
 * Zod issues → field issues. Our field builders carry Norwegian messages that name the
 * field; anything else falls back to zod's Norwegian locale (configured in the contract).
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message:
      issue.path.length === 0 && issue.code === 'invalid_type'
        ? 'Ugyldig forespørsel: forventet et objekt med felter.'
        : issue.message,
  }));
}

function summarise(issues: FieldIssue[]): string {
  const [first, ...rest] = issues;
  if (!first) return 'Ugyldig forespørsel.';
  return rest.length === 0 ? first.message : `${first.message} (og ${rest.length} feil til)`;
}

export function createDispatch(handlers: Handlers, logger: Logger = consoleLogger): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `Ukjent funksjon: ${method}.` } };
    }
    const spec = contract[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      return { ok: false, error: { code: 'BAD_INPUT', message: summarise(issues), issues } };
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
    } catch (error) {
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
      message: 'Noe gikk galt i programmet. Endringen ble ikke lagret. Prøv igjen.',
    },
  };
}

export type { Method };
