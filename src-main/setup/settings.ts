/**
 * The organisation's own settings (name, organisation number, default admin share) and the
 * welcome screen's state, in the one-row table `organisation_settings`. Every change of the
 * settings goes to the change log (entity 'settings', id 1); dismissing the welcome screen is
 * not a change of data and is not logged.
 */
import { eq } from 'drizzle-orm';
import { organisationSettings } from '../../db/schema';
import type {
  FirstRunStatus,
  OrganisationSettings,
  ParsedInput,
} from '../../src-shared/api/contract';
import { recordChange, type ServiceContext } from '../platform/context';

const ROW_ID = 1;

/** The tables whose rows mean «this file holds the organisation's data». */
const DATA_TABLES = [
  'organisations',
  'projects',
  'grants',
  'movements',
  'allocation_rounds',
  'fiscal_year_events',
  'imports',
] as const;

type Row = typeof organisationSettings.$inferSelect;

function view(row: Row | undefined): OrganisationSettings {
  return {
    name: row?.name ?? null,
    orgNumber: row?.orgNumber ?? null,
    defaultAdminBasisPoints: row?.defaultAdminBasisPoints ?? null,
    updatedAtMs: row && row.updatedAtMs > 0 ? row.updatedAtMs : null,
  };
}

/** What the change log keeps of the settings (the welcome flag is not a setting). */
function auditView(s: OrganisationSettings) {
  return {
    name: s.name,
    orgNumber: s.orgNumber,
    defaultAdminBasisPoints: s.defaultAdminBasisPoints,
  };
}

/** The default admin share for new grants (basis points), or null; used by grants.create. */
export function defaultAdminBasisPoints(ctx: ServiceContext): number | null {
  const row = ctx.db
    .select({ bp: organisationSettings.defaultAdminBasisPoints })
    .from(organisationSettings)
    .where(eq(organisationSettings.id, ROW_ID))
    .get();
  return row?.bp ?? null;
}

export function createSettingsService(ctx: ServiceContext) {
  const { db, sqlite } = ctx;

  function row(): Row | undefined {
    return db.select().from(organisationSettings).where(eq(organisationSettings.id, ROW_ID)).get();
  }

  function hasData(): boolean {
    return DATA_TABLES.some(
      (t) => sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM ${t}) AS n`).pluck().get() === 1,
    );
  }

  function firstRunStatus(): FirstRunStatus {
    const r = row();
    const databaseHasData = hasData();
    // A row that only says «dismissed» (updated_at_ms 0) holds no saved settings.
    const settingsSaved = r !== undefined && r.updatedAtMs > 0;
    const dismissed = r?.welcomeDismissedAtMs != null;
    return {
      showWelcome: !databaseHasData && !settingsSaved && !dismissed,
      databaseHasData,
      settingsSaved,
      dismissed,
    };
  }

  return {
    getOrganisation(): OrganisationSettings {
      return view(row());
    },

    setOrganisation(input: ParsedInput<'settings.setOrganisation'>): OrganisationSettings {
      return db.transaction(() => {
        const before = row();
        const now = ctx.clock.nowMs();
        const values = {
          name: input.name,
          orgNumber: input.orgNumber,
          defaultAdminBasisPoints: input.defaultAdminBasisPoints,
          updatedAtMs: now,
        };
        const after = db
          .insert(organisationSettings)
          .values({ id: ROW_ID, ...values })
          .onConflictDoUpdate({ target: organisationSettings.id, set: values })
          .returning()
          .get();
        const was = before && before.updatedAtMs > 0 ? auditView(view(before)) : undefined;
        const is = auditView(view(after));
        if (JSON.stringify(was) !== JSON.stringify(is)) {
          recordChange(ctx, {
            entity: 'settings',
            entityId: ROW_ID,
            action: was ? 'update' : 'create',
            ...(was ? { before: was } : {}),
            after: is,
          });
        }
        return view(after);
      });
    },

    firstRunStatus,

    dismissWelcome(): FirstRunStatus {
      const now = ctx.clock.nowMs();
      db.insert(organisationSettings)
        .values({ id: ROW_ID, welcomeDismissedAtMs: now, updatedAtMs: 0 })
        .onConflictDoUpdate({
          target: organisationSettings.id,
          set: { welcomeDismissedAtMs: now },
        })
        .run();
      return firstRunStatus();
    },
  };
}
