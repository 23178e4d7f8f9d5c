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

export function createAccountSettingsService(ctx: ServiceContext) {
  const { db } = ctx;

  function saved(): Map<string, string> {
    return new Map(
      db
        .select({ key: accountSettings.key, code: accountSettings.accountCode })
        .from(accountSettings)
        .all()
        .map((r) => [r.key, r.code] as const),
    );
  }

  function list(): AccountSetting[] {
    const codes = saved();
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

  return {
    /** The account code of every key (saved, else the default). */
    codes(): AccountCodes {
      const codes = saved();
      return Object.fromEntries(
        ACCOUNT_KEYS.map((k) => [k, codes.get(k) ?? ACCOUNT_SPECS[k].defaultCode]),
      ) as AccountCodes;
    },

    getAccounts(): AccountSetting[] {
      return list();
    },

    /** Saves the codes given (the others stay as they are). */
    setAccounts(input: ParsedInput<'accounts.set'>): AccountSetting[] {
      return db.transaction(() => {
        const now = ctx.clock.nowMs();
        for (const key of ACCOUNT_KEYS) {
          const code = input[key];
          if (code === undefined) continue;
          const before = db
            .select()
            .from(accountSettings)
            .where(eq(accountSettings.key, key))
            .get();
          if (before?.accountCode === code) continue;
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
        return list();
      });
    },
  };
}

export type AccountSettingsService = ReturnType<typeof createAccountSettingsService>;
