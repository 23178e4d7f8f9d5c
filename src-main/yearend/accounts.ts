/**
 * Account codes for the accounting export (settings page «Kontonumre»): an income account
 * per funder type, and accounts for the admin share, payouts to centres, own costs and
 * transfers. Keys without a saved code use the NS 4102 default in ACCOUNT_SPECS. Every change
 * goes to the change log.
 */
import { eq } from 'drizzle-orm';
import { accountSettings } from '../../db/schema';
import type { AccountSetting, ParsedInput } from '../../src-shared/api/contract';
import { ACCOUNT_KEYS, ACCOUNT_SPECS, type AccountKey } from '../../src-shared/yearend/rules';
import { recordChange, type ServiceContext } from '../platform/context';

export type AccountCodes = Record<AccountKey, string>;

function saved(ctx: ServiceContext): Map<string, string> {
  return new Map(
    ctx.db
      .select({ key: accountSettings.key, code: accountSettings.accountCode })
      .from(accountSettings)
      .all()
      .map((r) => [r.key, r.code] as const),
  );
}

function list(ctx: ServiceContext): AccountSetting[] {
  const codes = saved(ctx);
  return ACCOUNT_KEYS.map((key) => {
    const spec = ACCOUNT_SPECS[key];
    const code = codes.get(key);
    return {
      key,
      label: spec.label,
      usedFor: spec.usedFor,
      accountCode: code ?? spec.defaultCode,
      defaultCode: spec.defaultCode,
      defaultName: spec.defaultName,
      isDefault: code === undefined,
    };
  });
}

/** The account code of every key (saved, else the default). */
function codes(ctx: ServiceContext): AccountCodes {
  const stored = saved(ctx);
  return Object.fromEntries(
    ACCOUNT_KEYS.map((k) => [k, stored.get(k) ?? ACCOUNT_SPECS[k].defaultCode]),
  ) as AccountCodes;
}

/** Saves one key's code when it differs from the saved one, and logs the change. */
function saveCode(ctx: ServiceContext, key: AccountKey, code: string, now: number): void {
  const { db } = ctx;
  const before = db.select().from(accountSettings).where(eq(accountSettings.key, key)).get();
  if (before?.accountCode === code) return;
  const after = before
    ? db
        .update(accountSettings)
        .set({ accountCode: code, updatedAtMs: now })
        .where(eq(accountSettings.id, before.id))
        .returning()
        .get()
    : db
        .insert(accountSettings)
        .values({ key, accountCode: code, updatedAtMs: now })
        .returning()
        .get();
  recordChange(ctx, {
    entity: 'account_setting',
    entityId: after.id,
    action: before ? 'update' : 'create',
    ...(before ? { before: { key, accountCode: before.accountCode } } : {}),
    after: { key, accountCode: after.accountCode },
    reason: `${ACCOUNT_SPECS[key].label}: ${before?.accountCode ?? `${ACCOUNT_SPECS[key].defaultCode} (standard)`} → ${code}`,
  });
}

/** Saves the codes given (the others stay as they are). */
function setAccounts(ctx: ServiceContext, input: ParsedInput<'accounts.set'>): AccountSetting[] {
  return ctx.db.transaction(() => {
    const now = ctx.clock.nowMs();
    for (const key of ACCOUNT_KEYS) {
      const code = input[key];
      if (code === undefined) continue;
      saveCode(ctx, key, code, now);
    }
    return list(ctx);
  });
}

export function createAccountSettingsService(ctx: ServiceContext) {
  return {
    codes: (): AccountCodes => codes(ctx),
    getAccounts: (): AccountSetting[] => list(ctx),
    setAccounts: (input: ParsedInput<'accounts.set'>): AccountSetting[] => setAccounts(ctx, input),
  };
}

export type AccountSettingsService = ReturnType<typeof createAccountSettingsService>;
