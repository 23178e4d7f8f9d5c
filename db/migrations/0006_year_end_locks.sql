-- The year-end lock (invariant 5), enforced by the database itself so that raw SQL cannot
-- get round it either. The rule, for every lock below:
--
--   a row is LOCKED when its date (or year) falls in or before a fiscal year whose status is
--   'closed', i.e. EXISTS (fiscal_years.status = 'closed' AND fiscal_years.year >= the row's
--   year). Earlier years are locked too, because a change dated 2023 would change the opening
--   balance of a closed 2024 (invariant 2: closing of Y = opening of Y+1).
--
-- Refusals say RAISE(ABORT, 'year closed: <the closed year>'); the services check first and
-- answer CONFLICT in Norwegian, and the dispatcher maps this message to the same answer.
--
-- What is locked, by table:
--   movements           INSERT dated in a locked year (UPDATE/DELETE are refused always, 0003).
--                       A correction of a 2024 movement dated 2025 is an ordinary 2025 insert.
--   allocations         INSERT with a decision_date in a locked year; DELETE of a row whose
--                       decision_date is locked; UPDATE that changes the award (awarded_ore,
--                       decision_date, override_reason, centre_id, round_id) when the old or
--                       the new decision_date is locked. The centre's report (report_*,
--                       spent_ore, participants_reached, reminded_date, kept_unused_*) stays
--                       editable: it arrives the following year and moves no money (payouts
--                       and returns are movements, locked by their own date).
--   grants              the award (awarded_ore, decision_date, kss_share_ore, admin rule,
--                       project_id, funder_id) when the old or new decision_date is locked;
--                       INSERT/DELETE of a grant decided in a locked year. Title, notes,
--                       deadlines and the status «avsluttet» stay editable.
--   grant_year_splits   INSERT/UPDATE/DELETE of the split of a locked year.
--   balance_decisions   INSERT/UPDATE/DELETE for a locked year.
--   checklist_exceptions INSERT/UPDATE/DELETE for a locked year.
--
-- fiscal_year_events is append-only; fiscal_years changes status only right after the
-- matching close/reopen event (a reopen event needs a reason: CHECK in 0005), and its rows
-- are never deleted.

CREATE TRIGGER `movements_closed_year_insert` BEFORE INSERT ON `movements`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(NEW.date, 1, 4) AS INTEGER))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(NEW.date, 1, 4) AS INTEGER)));
END;
--> statement-breakpoint
CREATE TRIGGER `allocations_closed_year_insert` BEFORE INSERT ON `allocations`
WHEN NEW.decision_date IS NOT NULL
 AND EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER)));
END;
--> statement-breakpoint
CREATE TRIGGER `allocations_closed_year_update` BEFORE UPDATE ON `allocations`
WHEN (NEW.awarded_ore IS NOT OLD.awarded_ore
      OR NEW.decision_date IS NOT OLD.decision_date
      OR NEW.override_reason IS NOT OLD.override_reason
      OR NEW.centre_id IS NOT OLD.centre_id
      OR NEW.round_id IS NOT OLD.round_id)
 AND EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed'
             AND (year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER)
                  OR year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER)))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed'
             AND (year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER)
                  OR year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER))));
END;
--> statement-breakpoint
CREATE TRIGGER `allocations_closed_year_delete` BEFORE DELETE ON `allocations`
WHEN OLD.decision_date IS NOT NULL
 AND EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER)));
END;
--> statement-breakpoint
CREATE TRIGGER `grants_closed_year_insert` BEFORE INSERT ON `grants`
WHEN NEW.decision_date IS NOT NULL
 AND EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER)));
END;
--> statement-breakpoint
CREATE TRIGGER `grants_closed_year_update` BEFORE UPDATE ON `grants`
WHEN (NEW.awarded_ore IS NOT OLD.awarded_ore
      OR NEW.decision_date IS NOT OLD.decision_date
      OR NEW.kss_share_ore IS NOT OLD.kss_share_ore
      OR NEW.admin_rule IS NOT OLD.admin_rule
      OR NEW.admin_basis_points IS NOT OLD.admin_basis_points
      OR NEW.admin_fixed_ore IS NOT OLD.admin_fixed_ore
      OR NEW.project_id IS NOT OLD.project_id
      OR NEW.funder_id IS NOT OLD.funder_id)
 AND EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed'
             AND (year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER)
                  OR year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER)))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed'
             AND (year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER)
                  OR year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER))));
END;
--> statement-breakpoint
CREATE TRIGGER `grants_closed_year_delete` BEFORE DELETE ON `grants`
WHEN OLD.decision_date IS NOT NULL
 AND EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER)));
END;
--> statement-breakpoint
CREATE TRIGGER `grant_year_splits_closed_year_insert` BEFORE INSERT ON `grant_year_splits`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= NEW.year)
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= NEW.year));
END;
--> statement-breakpoint
CREATE TRIGGER `grant_year_splits_closed_year_update` BEFORE UPDATE ON `grant_year_splits`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND (year >= OLD.year OR year >= NEW.year))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND (year >= OLD.year OR year >= NEW.year)));
END;
--> statement-breakpoint
CREATE TRIGGER `grant_year_splits_closed_year_delete` BEFORE DELETE ON `grant_year_splits`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= OLD.year)
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= OLD.year));
END;
--> statement-breakpoint
CREATE TRIGGER `balance_decisions_closed_year_insert` BEFORE INSERT ON `balance_decisions`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= NEW.year)
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= NEW.year));
END;
--> statement-breakpoint
CREATE TRIGGER `balance_decisions_closed_year_update` BEFORE UPDATE ON `balance_decisions`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND (year >= OLD.year OR year >= NEW.year))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND (year >= OLD.year OR year >= NEW.year)));
END;
--> statement-breakpoint
CREATE TRIGGER `balance_decisions_closed_year_delete` BEFORE DELETE ON `balance_decisions`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= OLD.year)
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= OLD.year));
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_exceptions_closed_year_insert` BEFORE INSERT ON `checklist_exceptions`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= NEW.year)
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= NEW.year));
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_exceptions_closed_year_update` BEFORE UPDATE ON `checklist_exceptions`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND (year >= OLD.year OR year >= NEW.year))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND (year >= OLD.year OR year >= NEW.year)));
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_exceptions_closed_year_delete` BEFORE DELETE ON `checklist_exceptions`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed' AND year >= OLD.year)
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed' AND year >= OLD.year));
END;
--> statement-breakpoint
CREATE TRIGGER `fiscal_year_events_no_update` BEFORE UPDATE ON `fiscal_year_events`
BEGIN
  SELECT RAISE(ABORT, 'fiscal_year_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `fiscal_year_events_no_delete` BEFORE DELETE ON `fiscal_year_events`
BEGIN
  SELECT RAISE(ABORT, 'fiscal_year_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `fiscal_years_status_needs_event_insert` BEFORE INSERT ON `fiscal_years`
WHEN NEW.status = 'closed'
 AND coalesce((SELECT action FROM fiscal_year_events WHERE year = NEW.year ORDER BY id DESC LIMIT 1), '') <> 'close'
BEGIN
  SELECT RAISE(ABORT, 'fiscal_years: closing a year needs a close event first');
END;
--> statement-breakpoint
CREATE TRIGGER `fiscal_years_status_needs_event_update` BEFORE UPDATE ON `fiscal_years`
WHEN NEW.status IS NOT OLD.status
 AND coalesce((SELECT action FROM fiscal_year_events WHERE year = NEW.year ORDER BY id DESC LIMIT 1), '')
     <> (CASE NEW.status WHEN 'closed' THEN 'close' ELSE 'reopen' END)
BEGIN
  SELECT RAISE(ABORT, 'fiscal_years: a status change needs a close or reopen event first');
END;
--> statement-breakpoint
CREATE TRIGGER `fiscal_years_no_delete` BEFORE DELETE ON `fiscal_years`
BEGIN
  SELECT RAISE(ABORT, 'fiscal_years rows are kept');
END;
