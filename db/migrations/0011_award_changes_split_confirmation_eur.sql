CREATE TABLE `grant_award_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`kind` text NOT NULL,
	`decision_date` text NOT NULL,
	`previous_decision_date` text,
	`previous_total_ore` integer NOT NULL,
	`total_ore` integer NOT NULL,
	`reference` text,
	`reason` text,
	`created_at_ms` integer NOT NULL,
	`actor` text NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "grant_award_changes_kind_check" CHECK("grant_award_changes"."kind" in ('correction','top_up')),
	CONSTRAINT "grant_award_changes_amounts_check" CHECK("grant_award_changes"."previous_total_ore" >= 0 and "grant_award_changes"."total_ore" >= 0)
);
--> statement-breakpoint
CREATE INDEX `grant_award_changes_grant_id_idx` ON `grant_award_changes` (`grant_id`);--> statement-breakpoint
ALTER TABLE `grant_year_splits` ADD `confirmed` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `grants` ADD `currency` text DEFAULT 'NOK' NOT NULL;--> statement-breakpoint
ALTER TABLE `grants` ADD `awarded_eur_cents` integer;--> statement-breakpoint
ALTER TABLE `movements` ADD `amount_eur_cents` integer;--> statement-breakpoint
-- Existing year splits (issue 10.4). Until now every multi-year award was spread evenly over
-- the period's years without asking (splitAcrossYears: equal parts, the extra øre to the
-- earlier years). Such a split was never a decision, so it is marked unconfirmed and becomes a
-- year-end checklist item until the user confirms it. We recognise it as: two or more rows,
-- summing exactly to the award, no two parts more than 1 øre apart. A split that differs
-- from that was typed by the user and is kept as confirmed. A split touching a year that is
-- already closed stays confirmed: closing that year accepted it (and the lock forbids
-- changing those rows anyway).
UPDATE `grant_year_splits` SET `confirmed` = 0
WHERE `grant_id` IN (
  SELECT s.grant_id FROM `grant_year_splits` s
  JOIN `grants` g ON g.id = s.grant_id
  GROUP BY s.grant_id
  HAVING count(*) >= 2
     AND sum(s.amount_ore) = max(g.awarded_ore)
     AND max(s.amount_ore) - min(s.amount_ore) <= 1
)
AND NOT EXISTS (
  SELECT 1 FROM `grant_year_splits` s3 JOIN `fiscal_years` f ON f.status = 'closed' AND f.year >= s3.year
  WHERE s3.grant_id = `grant_year_splits`.`grant_id`
);
--> statement-breakpoint
-- The year-end lock (invariant 5, as in 0006) for award changes: a change dated in a locked
-- year (its decision date, or for a correction the decision date it replaces) is refused;
-- rows are never edited; a row of a locked year is never deleted.
CREATE TRIGGER `grant_award_changes_closed_year_insert` BEFORE INSERT ON `grant_award_changes`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed'
             AND (year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER)
                  OR year >= CAST(substr(NEW.previous_decision_date, 1, 4) AS INTEGER)))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed'
             AND (year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER)
                  OR year >= CAST(substr(NEW.previous_decision_date, 1, 4) AS INTEGER))));
END;
--> statement-breakpoint
CREATE TRIGGER `grant_award_changes_no_update` BEFORE UPDATE ON `grant_award_changes`
BEGIN
  SELECT RAISE(ABORT, 'grant_award_changes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `grant_award_changes_closed_year_delete` BEFORE DELETE ON `grant_award_changes`
WHEN EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed'
             AND (year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER)
                  OR year >= CAST(substr(OLD.previous_decision_date, 1, 4) AS INTEGER)))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed'
             AND (year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER)
                  OR year >= CAST(substr(OLD.previous_decision_date, 1, 4) AS INTEGER))));
END;
--> statement-breakpoint
-- The grant's award lock (0006) again, with two changes: the currency and the EUR award are
-- part of the award; and a new total that is exactly the latest award change, a top-up dated
-- in an open year (its insert passed the trigger above), is allowed even when the original
-- decision is in a closed year — an extra 500 000 kr decided in 2025 changes 2025, not 2024.
DROP TRIGGER `grants_closed_year_update`;
--> statement-breakpoint
CREATE TRIGGER `grants_closed_year_update` BEFORE UPDATE ON `grants`
WHEN ((NEW.awarded_ore IS NOT OLD.awarded_ore
       AND NOT EXISTS (SELECT 1 FROM grant_award_changes c
                       WHERE c.id = (SELECT max(id) FROM grant_award_changes WHERE grant_id = NEW.id)
                         AND c.kind = 'top_up'
                         AND c.previous_total_ore = OLD.awarded_ore
                         AND c.total_ore = NEW.awarded_ore
                         AND NOT EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed'
                                         AND year >= CAST(substr(c.decision_date, 1, 4) AS INTEGER))))
      OR NEW.decision_date IS NOT OLD.decision_date
      OR NEW.kss_share_ore IS NOT OLD.kss_share_ore
      OR NEW.admin_rule IS NOT OLD.admin_rule
      OR NEW.admin_basis_points IS NOT OLD.admin_basis_points
      OR NEW.admin_fixed_ore IS NOT OLD.admin_fixed_ore
      OR NEW.project_id IS NOT OLD.project_id
      OR NEW.funder_id IS NOT OLD.funder_id
      OR NEW.currency IS NOT OLD.currency
      OR NEW.awarded_eur_cents IS NOT OLD.awarded_eur_cents)
 AND EXISTS (SELECT 1 FROM fiscal_years WHERE status = 'closed'
             AND (year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER)
                  OR year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER)))
BEGIN
  SELECT RAISE(ABORT, 'year closed: ' || (SELECT min(year) FROM fiscal_years WHERE status = 'closed'
             AND (year >= CAST(substr(OLD.decision_date, 1, 4) AS INTEGER)
                  OR year >= CAST(substr(NEW.decision_date, 1, 4) AS INTEGER))));
END;
