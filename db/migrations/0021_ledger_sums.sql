-- The ledger summed per grant, fiscal year, type and centre award (issue 14), backfilled
-- from the movements, then kept exact by a trigger on every new movement in the same
-- transaction. Like the ledger, the sums refuse every change that is not the trigger's own.
INSERT INTO `ledger_sums`
  (`grant_id`, `year`, `type`, `allocation_id`, `amount_ore`, `eur_cents`, `count`, `last_movement_id`)
SELECT `grant_id`, cast(substr(`date`, 1, 4) as integer), `type`, coalesce(`allocation_id`, 0),
  sum(`amount_ore`), coalesce(sum(`amount_eur_cents`), 0), count(*), max(`id`)
FROM `movements`
GROUP BY `grant_id`, cast(substr(`date`, 1, 4) as integer), `type`, coalesce(`allocation_id`, 0);
--> statement-breakpoint
-- A row is only ever created empty, for a key that has a movement and no row yet (the
-- trigger below, right after inserting the key's first movement).
CREATE TRIGGER `ledger_sums_insert_guard` BEFORE INSERT ON `ledger_sums`
WHEN NOT (
  NEW.`amount_ore` = 0 AND NEW.`eur_cents` = 0 AND NEW.`count` = 0 AND NEW.`last_movement_id` = 0
  AND NOT EXISTS (SELECT 1 FROM `ledger_sums` s
    WHERE s.`grant_id` = NEW.`grant_id` AND s.`type` = NEW.`type` AND s.`year` = NEW.`year`
      AND s.`allocation_id` = NEW.`allocation_id`)
  AND EXISTS (SELECT 1 FROM `movements` m
    WHERE m.`grant_id` = NEW.`grant_id` AND m.`type` = NEW.`type`
      AND m.`date` >= printf('%04d-01-01', NEW.`year`) AND m.`date` <= printf('%04d-12-31', NEW.`year`)
      AND coalesce(m.`allocation_id`, 0) = NEW.`allocation_id`))
BEGIN
  SELECT RAISE(ABORT, 'ledger_sums is derived from movements: record a movement instead');
END;
--> statement-breakpoint
-- An update must add exactly one movement of the row's key newer than the last one counted
-- (movement ids only grow), so no replay or hand-made change passes.
CREATE TRIGGER `ledger_sums_update_guard` BEFORE UPDATE ON `ledger_sums`
WHEN NOT EXISTS (SELECT 1 FROM `movements` m
  WHERE m.`id` = NEW.`last_movement_id` AND NEW.`last_movement_id` > OLD.`last_movement_id`
    AND NEW.`grant_id` = OLD.`grant_id` AND NEW.`type` = OLD.`type` AND NEW.`year` = OLD.`year`
    AND NEW.`allocation_id` = OLD.`allocation_id`
    AND m.`grant_id` = OLD.`grant_id` AND m.`type` = OLD.`type`
    AND m.`date` >= printf('%04d-01-01', OLD.`year`) AND m.`date` <= printf('%04d-12-31', OLD.`year`)
    AND coalesce(m.`allocation_id`, 0) = OLD.`allocation_id`
    AND NEW.`amount_ore` = OLD.`amount_ore` + m.`amount_ore`
    AND NEW.`eur_cents` = OLD.`eur_cents` + coalesce(m.`amount_eur_cents`, 0)
    AND NEW.`count` = OLD.`count` + 1)
BEGIN
  SELECT RAISE(ABORT, 'ledger_sums is derived from movements: record a movement instead');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_sums_no_delete` BEFORE DELETE ON `ledger_sums`
BEGIN
  SELECT RAISE(ABORT, 'ledger_sums is derived from movements: record a movement instead');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_sums_after_movement` AFTER INSERT ON `movements`
BEGIN
  INSERT INTO `ledger_sums`
    (`grant_id`, `year`, `type`, `allocation_id`, `amount_ore`, `eur_cents`, `count`, `last_movement_id`)
  SELECT NEW.`grant_id`, cast(substr(NEW.`date`, 1, 4) as integer), NEW.`type`,
    coalesce(NEW.`allocation_id`, 0), 0, 0, 0, 0
  WHERE NOT EXISTS (SELECT 1 FROM `ledger_sums` s
    WHERE s.`grant_id` = NEW.`grant_id` AND s.`type` = NEW.`type`
      AND s.`year` = cast(substr(NEW.`date`, 1, 4) as integer)
      AND s.`allocation_id` = coalesce(NEW.`allocation_id`, 0));
  UPDATE `ledger_sums`
     SET `amount_ore` = `amount_ore` + NEW.`amount_ore`,
         `eur_cents` = `eur_cents` + coalesce(NEW.`amount_eur_cents`, 0),
         `count` = `count` + 1,
         `last_movement_id` = NEW.`id`
   WHERE `grant_id` = NEW.`grant_id` AND `type` = NEW.`type`
     AND `year` = cast(substr(NEW.`date`, 1, 4) as integer)
     AND `allocation_id` = coalesce(NEW.`allocation_id`, 0);
END;
