-- The closed year covers what defines it (issue 10.6). 0006 locks the money dated in a closed
-- year; this migration also locks what decides which centres, grants and rounds belong to it,
-- with the same rule: a year Y is LOCKED when a fiscal year >= Y is 'closed' (a change in an
-- earlier year would change a closed year's opening balance or member table). Refusals say
-- RAISE(ABORT, 'year closed: <the closed year>') like 0006; the services check first and answer
-- the Norwegian CONFLICT (src-main/yearend/definition-locks.ts mirrors every rule below).
--
-- memberships     No date may move across or into a locked year: INSERT/DELETE of a period
--                 whose joined_date is locked; UPDATE that changes joined_date or centre_id
--                 when the earlier of the old and new joined_date is locked, or changes
--                 left_date when the earlier of the old and new left_date (NULL = open, never
--                 locked) is locked. A period that starts after the closed year stays free,
--                 and so does ending an open period after it (Halden leaving 31.12.2025 when
--                 2024 is closed), so a closed year's member table cannot change.
--
-- grants          A grant BELONGS to the years of the dates that define what it is for: its
--                 decision date, its period (period_from, else period_to), its activity
--                 period (activity_from, else activity_to) and its edition year, in the old
--                 or the new row; the earliest of them counts. The application date says when
--                 KSS applied, not what year the money is for, so it does not make a grant
--                 belong to a year, but it may not itself move across or into a locked year.
--                 Locked fields, when the grant belongs to a locked year: applied_ore,
--                 applied_date, period_from/to, activity_from/to, edition_year and the award
--                 terms (decision_date, kss_share_ore, admin rule, project, funder; 0006
--                 already locks these by decision date alone). awarded_ore is left to the
--                 award lock (0006, then 0011): a top-up decided in an open year may raise the
--                 total of a grant decided in a closed one, as the funder's later letter does. Title, scheme, reference, notes,
--                 status and deadlines stay editable. INSERT/DELETE stay as in 0006 (by
--                 decision date): a new grant without an award changes no closed figure.
--
-- allocations     A round BELONGS to the year its period starts: the round's activity period,
--                 else its grant's activity period, else the grant's period, else the grant's
--                 edition year (the same order rounds.eligibleCentres uses). In a round that
--                 belongs to a locked year, the applications and decisions are locked: INSERT,
--                 DELETE, and UPDATE of applied_ore, awarded_ore, decision_date,
--                 override_reason, centre_id or round_id. The centre's report stays editable
--                 (as in 0006); payouts and returns are movements, locked by their own date.
--
-- allocation_rounds  UPDATE that changes activity_from, activity_to or grant_id of a round that
--                 has applications, when the round belongs to a locked year before or after
--                 the change (a 2024 round may not be moved out of 2024, nor another into it).
--                 A round without applications defines nothing and stays free.

CREATE TRIGGER `memberships_closed_year_insert` BEFORE INSERT ON `memberships`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(NEW.joined_date, 1, 4) AS INTEGER))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(NEW.joined_date, 1, 4) AS INTEGER)));
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_closed_year_delete` BEFORE DELETE ON `memberships`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(OLD.joined_date, 1, 4) AS INTEGER))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(OLD.joined_date, 1, 4) AS INTEGER)));
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_closed_year_update` BEFORE UPDATE ON `memberships`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT min(y) FROM (
        SELECT CASE WHEN NEW.joined_date IS NOT OLD.joined_date OR NEW.centre_id IS NOT OLD.centre_id
                    THEN CAST(substr(min(OLD.joined_date, NEW.joined_date), 1, 4) AS INTEGER) END AS y
        UNION ALL
        SELECT CASE WHEN NEW.left_date IS NOT OLD.left_date
                    THEN CAST(substr(min(coalesce(OLD.left_date, '9999-12-31'), coalesce(NEW.left_date, '9999-12-31')), 1, 4) AS INTEGER) END)))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT min(y) FROM (
        SELECT CASE WHEN NEW.joined_date IS NOT OLD.joined_date OR NEW.centre_id IS NOT OLD.centre_id
                    THEN CAST(substr(min(OLD.joined_date, NEW.joined_date), 1, 4) AS INTEGER) END AS y
        UNION ALL
        SELECT CASE WHEN NEW.left_date IS NOT OLD.left_date
                    THEN CAST(substr(min(coalesce(OLD.left_date, '9999-12-31'), coalesce(NEW.left_date, '9999-12-31')), 1, 4) AS INTEGER) END))));
END;
--> statement-breakpoint
CREATE TRIGGER `grants_closed_year_definition_update` BEFORE UPDATE ON `grants`
WHEN (NEW.applied_ore IS NOT OLD.applied_ore
      OR NEW.applied_date IS NOT OLD.applied_date
      OR NEW.period_from IS NOT OLD.period_from
      OR NEW.period_to IS NOT OLD.period_to
      OR NEW.activity_from IS NOT OLD.activity_from
      OR NEW.activity_to IS NOT OLD.activity_to
      OR NEW.edition_year IS NOT OLD.edition_year
      OR NEW.decision_date IS NOT OLD.decision_date
      OR NEW.kss_share_ore IS NOT OLD.kss_share_ore
      OR NEW.admin_rule IS NOT OLD.admin_rule
      OR NEW.admin_basis_points IS NOT OLD.admin_basis_points
      OR NEW.admin_fixed_ore IS NOT OLD.admin_fixed_ore
      OR NEW.project_id IS NOT OLD.project_id
      OR NEW.funder_id IS NOT OLD.funder_id)
 AND EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT min(y) FROM (
        SELECT CAST(substr(OLD.decision_date, 1, 4) AS INTEGER) AS y
        UNION ALL SELECT CAST(substr(NEW.decision_date, 1, 4) AS INTEGER)
        UNION ALL SELECT CAST(substr(coalesce(OLD.period_from, OLD.period_to), 1, 4) AS INTEGER)
        UNION ALL SELECT CAST(substr(coalesce(NEW.period_from, NEW.period_to), 1, 4) AS INTEGER)
        UNION ALL SELECT CAST(substr(coalesce(OLD.activity_from, OLD.activity_to), 1, 4) AS INTEGER)
        UNION ALL SELECT CAST(substr(coalesce(NEW.activity_from, NEW.activity_to), 1, 4) AS INTEGER)
        UNION ALL SELECT OLD.edition_year
        UNION ALL SELECT NEW.edition_year
        UNION ALL SELECT CASE WHEN NEW.applied_date IS NOT OLD.applied_date
                              THEN CAST(substr(OLD.applied_date, 1, 4) AS INTEGER) END
        UNION ALL SELECT CASE WHEN NEW.applied_date IS NOT OLD.applied_date
                              THEN CAST(substr(NEW.applied_date, 1, 4) AS INTEGER) END)))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT min(y) FROM (
        SELECT CAST(substr(OLD.decision_date, 1, 4) AS INTEGER) AS y
        UNION ALL SELECT CAST(substr(NEW.decision_date, 1, 4) AS INTEGER)
        UNION ALL SELECT CAST(substr(coalesce(OLD.period_from, OLD.period_to), 1, 4) AS INTEGER)
        UNION ALL SELECT CAST(substr(coalesce(NEW.period_from, NEW.period_to), 1, 4) AS INTEGER)
        UNION ALL SELECT CAST(substr(coalesce(OLD.activity_from, OLD.activity_to), 1, 4) AS INTEGER)
        UNION ALL SELECT CAST(substr(coalesce(NEW.activity_from, NEW.activity_to), 1, 4) AS INTEGER)
        UNION ALL SELECT OLD.edition_year
        UNION ALL SELECT NEW.edition_year
        UNION ALL SELECT CASE WHEN NEW.applied_date IS NOT OLD.applied_date
                              THEN CAST(substr(OLD.applied_date, 1, 4) AS INTEGER) END
        UNION ALL SELECT CASE WHEN NEW.applied_date IS NOT OLD.applied_date
                              THEN CAST(substr(NEW.applied_date, 1, 4) AS INTEGER) END))));
END;
--> statement-breakpoint
CREATE TRIGGER `allocations_closed_round_insert` BEFORE INSERT ON `allocations`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT CAST(substr(coalesce(r.activity_from, r.activity_to, g.activity_from, g.activity_to, g.period_from, g.period_to, CAST(g.edition_year AS TEXT)), 1, 4) AS INTEGER) FROM allocation_rounds r JOIN grants g ON g.id = r.grant_id WHERE r.id = NEW.round_id))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT CAST(substr(coalesce(r.activity_from, r.activity_to, g.activity_from, g.activity_to, g.period_from, g.period_to, CAST(g.edition_year AS TEXT)), 1, 4) AS INTEGER) FROM allocation_rounds r JOIN grants g ON g.id = r.grant_id WHERE r.id = NEW.round_id)));
END;
--> statement-breakpoint
CREATE TRIGGER `allocations_closed_round_delete` BEFORE DELETE ON `allocations`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT CAST(substr(coalesce(r.activity_from, r.activity_to, g.activity_from, g.activity_to, g.period_from, g.period_to, CAST(g.edition_year AS TEXT)), 1, 4) AS INTEGER) FROM allocation_rounds r JOIN grants g ON g.id = r.grant_id WHERE r.id = OLD.round_id))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT CAST(substr(coalesce(r.activity_from, r.activity_to, g.activity_from, g.activity_to, g.period_from, g.period_to, CAST(g.edition_year AS TEXT)), 1, 4) AS INTEGER) FROM allocation_rounds r JOIN grants g ON g.id = r.grant_id WHERE r.id = OLD.round_id)));
END;
--> statement-breakpoint
CREATE TRIGGER `allocations_closed_round_update` BEFORE UPDATE ON `allocations`
WHEN (NEW.applied_ore IS NOT OLD.applied_ore
      OR NEW.awarded_ore IS NOT OLD.awarded_ore
      OR NEW.decision_date IS NOT OLD.decision_date
      OR NEW.override_reason IS NOT OLD.override_reason
      OR NEW.centre_id IS NOT OLD.centre_id
      OR NEW.round_id IS NOT OLD.round_id)
 AND EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT min(CAST(substr(coalesce(r.activity_from, r.activity_to, g.activity_from, g.activity_to, g.period_from, g.period_to, CAST(g.edition_year AS TEXT)), 1, 4) AS INTEGER)) FROM allocation_rounds r JOIN grants g ON g.id = r.grant_id WHERE r.id IN (OLD.round_id, NEW.round_id)))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT min(CAST(substr(coalesce(r.activity_from, r.activity_to, g.activity_from, g.activity_to, g.period_from, g.period_to, CAST(g.edition_year AS TEXT)), 1, 4) AS INTEGER)) FROM allocation_rounds r JOIN grants g ON g.id = r.grant_id WHERE r.id IN (OLD.round_id, NEW.round_id))));
END;
--> statement-breakpoint
CREATE TRIGGER `allocation_rounds_closed_year_update` BEFORE UPDATE ON `allocation_rounds`
WHEN (NEW.activity_from IS NOT OLD.activity_from
      OR NEW.activity_to IS NOT OLD.activity_to
      OR NEW.grant_id IS NOT OLD.grant_id)
 AND EXISTS (SELECT 1 FROM allocations WHERE round_id = OLD.id)
 AND EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT min(y) FROM (
        SELECT CAST(substr(coalesce(OLD.activity_from, OLD.activity_to, g.activity_from, g.activity_to,
                                    g.period_from, g.period_to, CAST(g.edition_year AS TEXT)), 1, 4) AS INTEGER) AS y
          FROM grants g WHERE g.id = OLD.grant_id
        UNION ALL
        SELECT CAST(substr(coalesce(NEW.activity_from, NEW.activity_to, g.activity_from, g.activity_to,
                                    g.period_from, g.period_to, CAST(g.edition_year AS TEXT)), 1, 4) AS INTEGER)
          FROM grants g WHERE g.id = NEW.grant_id)))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= (SELECT min(y) FROM (
        SELECT CAST(substr(coalesce(OLD.activity_from, OLD.activity_to, g.activity_from, g.activity_to,
                                    g.period_from, g.period_to, CAST(g.edition_year AS TEXT)), 1, 4) AS INTEGER) AS y
          FROM grants g WHERE g.id = OLD.grant_id
        UNION ALL
        SELECT CAST(substr(coalesce(NEW.activity_from, NEW.activity_to, g.activity_from, g.activity_to,
                                    g.period_from, g.period_to, CAST(g.edition_year AS TEXT)), 1, 4) AS INTEGER)
          FROM grants g WHERE g.id = NEW.grant_id))));
END;
