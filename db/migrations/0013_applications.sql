CREATE TABLE `application_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`centre_id` integer NOT NULL,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`centre_id`) REFERENCES `member_centres`(`organisation_id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `application_participants_grant_id_centre_id_idx` ON `application_participants` (`grant_id`,`centre_id`);--> statement-breakpoint
CREATE INDEX `application_participants_centre_id_idx` ON `application_participants` (`centre_id`);--> statement-breakpoint
CREATE TABLE `application_scenarios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`amount_ore` integer,
	`description` text,
	`chosen` integer DEFAULT false NOT NULL,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "application_scenarios_amount_check" CHECK("application_scenarios"."amount_ore" is null or "application_scenarios"."amount_ore" >= 0),
	CONSTRAINT "application_scenarios_name_check" CHECK(length(trim("application_scenarios"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `application_scenarios_grant_id_name_key_idx` ON `application_scenarios` (`grant_id`,`name_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `application_scenarios_chosen_idx` ON `application_scenarios` (`grant_id`) WHERE "application_scenarios"."chosen" = 1;--> statement-breakpoint
CREATE TABLE `funder_caps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`funder_id` integer NOT NULL,
	`year` integer,
	`scheme_name` text,
	`scheme_key` text,
	`amount_ore` integer NOT NULL,
	`note` text,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`funder_id`) REFERENCES `funders`(`organisation_id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "funder_caps_key_check" CHECK(("funder_caps"."year" is null) <> ("funder_caps"."scheme_key" is null) and ("funder_caps"."scheme_key" is null) = ("funder_caps"."scheme_name" is null)),
	CONSTRAINT "funder_caps_amount_check" CHECK("funder_caps"."amount_ore" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `funder_caps_funder_year_idx` ON `funder_caps` (`funder_id`,`year`) WHERE "funder_caps"."scheme_key" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `funder_caps_funder_scheme_idx` ON `funder_caps` (`funder_id`,`scheme_key`) WHERE "funder_caps"."year" is null;--> statement-breakpoint
ALTER TABLE `grants` ADD `application_deadline` text;