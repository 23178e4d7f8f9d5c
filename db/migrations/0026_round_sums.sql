-- Each round's totals (issue 14), backfilled from the allocations and the ledger, then kept
-- exact by triggers on allocation_rounds, allocations and movements in the same transaction.
-- A change to a row must leave it equal to the sums of the source rows at that moment, so no
-- hand-made change that disagrees with the source passes.
-- `CROSS JOIN` keeps SQLite's loop order: the round's allocations first, then each one's
-- payouts by the (allocation_id, type) index. Left to itself the planner scans every payout
-- of that type in the ledger for each check (15 ms at 100× data, on every payout written).
INSERT INTO `round_sums`
  (`round_id`, `centre_count`, `applied_ore`, `awarded_ore`, `paid_ore`, `returned_ore`)
SELECT r.`id`,
  (SELECT count(*) FROM `allocations` a WHERE a.`round_id` = r.`id`),
  (SELECT coalesce(sum(a.`applied_ore`), 0) FROM `allocations` a WHERE a.`round_id` = r.`id`),
  (SELECT coalesce(sum(a.`awarded_ore`), 0) FROM `allocations` a WHERE a.`round_id` = r.`id`),
  (SELECT coalesce(sum(m.`amount_ore`), 0) FROM `allocations` a
     CROSS JOIN `movements` m ON m.`allocation_id` = a.`id`
    WHERE a.`round_id` = r.`id` AND m.`type` = 'paid_to_centre'),
  (SELECT coalesce(sum(m.`amount_ore`), 0) FROM `allocations` a
     CROSS JOIN `movements` m ON m.`allocation_id` = a.`id`
    WHERE a.`round_id` = r.`id` AND m.`type` = 'returned_by_centre')
FROM `allocation_rounds` r;
--> statement-breakpoint
-- A row is only ever created empty, for a round that exists and has no row and no allocations.
CREATE TRIGGER `round_sums_insert_guard` BEFORE INSERT ON `round_sums`
WHEN NOT (
  NEW.`centre_count` = 0 AND NEW.`applied_ore` = 0 AND NEW.`awarded_ore` = 0
  AND NEW.`paid_ore` = 0 AND NEW.`returned_ore` = 0
  AND EXISTS (SELECT 1 FROM `allocation_rounds` r WHERE r.`id` = NEW.`round_id`)
  AND NOT EXISTS (SELECT 1 FROM `allocations` a WHERE a.`round_id` = NEW.`round_id`))
BEGIN
  SELECT RAISE(ABORT, 'round_sums is derived from the allocations and the ledger');
END;
--> statement-breakpoint
-- An update must leave the row equal to the sums of its round's allocations and the payouts
-- and returns pointing at them.
CREATE TRIGGER `round_sums_update_guard` BEFORE UPDATE ON `round_sums`
WHEN NOT (
  NEW.`round_id` = OLD.`round_id`
  AND NEW.`centre_count` = (SELECT count(*) FROM `allocations` a WHERE a.`round_id` = NEW.`round_id`)
  AND NEW.`applied_ore` =
    (SELECT coalesce(sum(a.`applied_ore`), 0) FROM `allocations` a WHERE a.`round_id` = NEW.`round_id`)
  AND NEW.`awarded_ore` =
    (SELECT coalesce(sum(a.`awarded_ore`), 0) FROM `allocations` a WHERE a.`round_id` = NEW.`round_id`)
  AND NEW.`paid_ore` = (SELECT coalesce(sum(m.`amount_ore`), 0) FROM `allocations` a
     CROSS JOIN `movements` m ON m.`allocation_id` = a.`id`
    WHERE a.`round_id` = NEW.`round_id` AND m.`type` = 'paid_to_centre')
  AND NEW.`returned_ore` = (SELECT coalesce(sum(m.`amount_ore`), 0) FROM `allocations` a
     CROSS JOIN `movements` m ON m.`allocation_id` = a.`id`
    WHERE a.`round_id` = NEW.`round_id` AND m.`type` = 'returned_by_centre'))
BEGIN
  SELECT RAISE(ABORT, 'round_sums is derived from the allocations and the ledger');
END;
--> statement-breakpoint
-- A row goes only with its round.
CREATE TRIGGER `round_sums_delete_guard` BEFORE DELETE ON `round_sums`
WHEN EXISTS (SELECT 1 FROM `allocation_rounds` r WHERE r.`id` = OLD.`round_id`)
BEGIN
  SELECT RAISE(ABORT, 'round_sums is derived from the allocations and the ledger');
END;
--> statement-breakpoint
CREATE TRIGGER `round_sums_after_round_insert` AFTER INSERT ON `allocation_rounds`
BEGIN
  INSERT INTO `round_sums`
    (`round_id`, `centre_count`, `applied_ore`, `awarded_ore`, `paid_ore`, `returned_ore`)
  VALUES (NEW.`id`, 0, 0, 0, 0, 0);
END;
--> statement-breakpoint
CREATE TRIGGER `round_sums_after_round_delete` AFTER DELETE ON `allocation_rounds`
BEGIN
  DELETE FROM `round_sums` WHERE `round_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `round_sums_after_allocation_insert` AFTER INSERT ON `allocations`
BEGIN
  UPDATE `round_sums`
     SET `centre_count` = `centre_count` + 1,
         `applied_ore` = `applied_ore` + NEW.`applied_ore`,
         `awarded_ore` = `awarded_ore` + coalesce(NEW.`awarded_ore`, 0)
   WHERE `round_id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `round_sums_after_allocation_update` AFTER UPDATE OF `applied_ore`, `awarded_ore` ON `allocations`
WHEN OLD.`round_id` = NEW.`round_id`
BEGIN
  UPDATE `round_sums`
     SET `applied_ore` = `applied_ore` - OLD.`applied_ore` + NEW.`applied_ore`,
         `awarded_ore` = `awarded_ore` - coalesce(OLD.`awarded_ore`, 0) + coalesce(NEW.`awarded_ore`, 0)
   WHERE `round_id` = NEW.`round_id`;
END;
--> statement-breakpoint
-- An allocation moved to another round takes its amounts and its payouts and returns along.
CREATE TRIGGER `round_sums_after_allocation_move` AFTER UPDATE OF `round_id` ON `allocations`
WHEN OLD.`round_id` <> NEW.`round_id`
BEGIN
  UPDATE `round_sums`
     SET `centre_count` = `centre_count` - 1,
         `applied_ore` = `applied_ore` - OLD.`applied_ore`,
         `awarded_ore` = `awarded_ore` - coalesce(OLD.`awarded_ore`, 0),
         `paid_ore` = `paid_ore` - (SELECT coalesce(sum(m.`amount_ore`), 0) FROM `movements` m
            WHERE m.`allocation_id` = OLD.`id` AND m.`type` = 'paid_to_centre'),
         `returned_ore` = `returned_ore` - (SELECT coalesce(sum(m.`amount_ore`), 0) FROM `movements` m
            WHERE m.`allocation_id` = OLD.`id` AND m.`type` = 'returned_by_centre')
   WHERE `round_id` = OLD.`round_id`;
  UPDATE `round_sums`
     SET `centre_count` = `centre_count` + 1,
         `applied_ore` = `applied_ore` + NEW.`applied_ore`,
         `awarded_ore` = `awarded_ore` + coalesce(NEW.`awarded_ore`, 0),
         `paid_ore` = `paid_ore` + (SELECT coalesce(sum(m.`amount_ore`), 0) FROM `movements` m
            WHERE m.`allocation_id` = NEW.`id` AND m.`type` = 'paid_to_centre'),
         `returned_ore` = `returned_ore` + (SELECT coalesce(sum(m.`amount_ore`), 0) FROM `movements` m
            WHERE m.`allocation_id` = NEW.`id` AND m.`type` = 'returned_by_centre')
   WHERE `round_id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `round_sums_after_allocation_delete` AFTER DELETE ON `allocations`
BEGIN
  UPDATE `round_sums`
     SET `centre_count` = `centre_count` - 1,
         `applied_ore` = `applied_ore` - OLD.`applied_ore`,
         `awarded_ore` = `awarded_ore` - coalesce(OLD.`awarded_ore`, 0)
   WHERE `round_id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `round_sums_after_movement` AFTER INSERT ON `movements`
WHEN NEW.`allocation_id` IS NOT NULL AND NEW.`type` IN ('paid_to_centre', 'returned_by_centre')
BEGIN
  UPDATE `round_sums`
     SET `paid_ore` = `paid_ore`
           + CASE WHEN NEW.`type` = 'paid_to_centre' THEN NEW.`amount_ore` ELSE 0 END,
         `returned_ore` = `returned_ore`
           + CASE WHEN NEW.`type` = 'returned_by_centre' THEN NEW.`amount_ore` ELSE 0 END
   WHERE `round_id` = (SELECT a.`round_id` FROM `allocations` a WHERE a.`id` = NEW.`allocation_id`);
END;
