CREATE TABLE `ledger_sums` (
	`grant_id` integer NOT NULL,
	`year` integer NOT NULL,
	`type` text NOT NULL,
	`allocation_id` integer DEFAULT 0 NOT NULL,
	`amount_ore` integer NOT NULL,
	`eur_cents` integer NOT NULL,
	`count` integer NOT NULL,
	`last_movement_id` integer NOT NULL,
	PRIMARY KEY(`grant_id`, `type`, `year`, `allocation_id`),
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `ledger_sums_allocation_id_type_year_amount_ore_idx` ON `ledger_sums` (`allocation_id`,`type`,`year`,`amount_ore`);