-- INSERT OR REPLACE (and REPLACE INTO) deletes the row it conflicts with before inserting. On
-- a connection with SQLite's default recursive_triggers=OFF (any connection but the app's) that
-- delete fires no DELETE trigger, so it got round the append-only rules (0001, 0003, 0006) and
-- the year lock (0006): a 1 000 000 kr movement could be replaced by a 1-øre row.
--
-- These BEFORE INSERT triggers run before SQLite resolves the conflict, so an insert whose
-- primary key or unique key already exists is refused on every connection, whatever its
-- pragmas. The app never inserts over an existing row in these tables (the fiscal_years status
-- change is an UPDATE of an existing row, see services/yearend.ts).
--
-- Tables: the append-only audit_log, movements and fiscal_year_events; fiscal_years (rows are
-- kept); and the year-locked grants, allocations, grant_year_splits, balance_decisions and
-- checklist_exceptions. Each trigger checks every key of its table: the primary key and each
-- unique index.

CREATE TRIGGER `audit_log_no_insert_over_existing` BEFORE INSERT ON `audit_log`
WHEN EXISTS (SELECT 1 FROM `audit_log` WHERE `id` = NEW.`id`)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `movements_no_insert_over_existing` BEFORE INSERT ON `movements`
WHEN EXISTS (SELECT 1 FROM `movements` WHERE `id` = NEW.`id`)
   OR EXISTS (SELECT 1 FROM `movements` WHERE `reverses_id` = NEW.`reverses_id`)
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: record a reversing movement instead');
END;
--> statement-breakpoint
CREATE TRIGGER `fiscal_year_events_no_insert_over_existing` BEFORE INSERT ON `fiscal_year_events`
WHEN EXISTS (SELECT 1 FROM `fiscal_year_events` WHERE `id` = NEW.`id`)
BEGIN
  SELECT RAISE(ABORT, 'fiscal_year_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `fiscal_years_no_insert_over_existing` BEFORE INSERT ON `fiscal_years`
WHEN EXISTS (SELECT 1 FROM `fiscal_years` WHERE `year` = NEW.`year`)
BEGIN
  SELECT RAISE(ABORT, 'fiscal_years: a row with this year exists; change its status instead');
END;
--> statement-breakpoint
CREATE TRIGGER `grants_no_insert_over_existing` BEFORE INSERT ON `grants`
WHEN EXISTS (SELECT 1 FROM `grants` WHERE `id` = NEW.`id`)
BEGIN
  SELECT RAISE(ABORT, 'grants: a row with this id exists; an insert cannot replace it');
END;
--> statement-breakpoint
CREATE TRIGGER `allocations_no_insert_over_existing` BEFORE INSERT ON `allocations`
WHEN EXISTS (SELECT 1 FROM `allocations` WHERE `id` = NEW.`id`)
   OR EXISTS (SELECT 1 FROM `allocations` WHERE `round_id` = NEW.`round_id` AND `centre_id` = NEW.`centre_id`)
BEGIN
  SELECT RAISE(ABORT, 'allocations: a row with this key exists; an insert cannot replace it');
END;
--> statement-breakpoint
CREATE TRIGGER `grant_year_splits_no_insert_over_existing` BEFORE INSERT ON `grant_year_splits`
WHEN EXISTS (SELECT 1 FROM `grant_year_splits` WHERE `id` = NEW.`id`)
   OR EXISTS (SELECT 1 FROM `grant_year_splits` WHERE `grant_id` = NEW.`grant_id` AND `year` = NEW.`year`)
BEGIN
  SELECT RAISE(ABORT, 'grant_year_splits: a row with this key exists; an insert cannot replace it');
END;
--> statement-breakpoint
CREATE TRIGGER `balance_decisions_no_insert_over_existing` BEFORE INSERT ON `balance_decisions`
WHEN EXISTS (SELECT 1 FROM `balance_decisions` WHERE `id` = NEW.`id`)
   OR EXISTS (SELECT 1 FROM `balance_decisions` WHERE `grant_id` = NEW.`grant_id` AND `year` = NEW.`year`)
BEGIN
  SELECT RAISE(ABORT, 'balance_decisions: a row with this key exists; an insert cannot replace it');
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_exceptions_no_insert_over_existing` BEFORE INSERT ON `checklist_exceptions`
WHEN EXISTS (SELECT 1 FROM `checklist_exceptions` WHERE `id` = NEW.`id`)
   OR EXISTS (SELECT 1 FROM `checklist_exceptions` WHERE `year` = NEW.`year` AND `item_key` = NEW.`item_key`)
BEGIN
  SELECT RAISE(ABORT, 'checklist_exceptions: a row with this key exists; an insert cannot replace it');
END;
