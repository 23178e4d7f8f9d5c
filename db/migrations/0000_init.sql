CREATE TABLE `member_centres` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`driftsform` text NOT NULL,
	`region` text NOT NULL,
	`daily_leader` text,
	`contact_email` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "member_centres_driftsform_check" CHECK("member_centres"."driftsform" in ('kommunalt','iks','stiftelse','ideell')),
	CONSTRAINT "member_centres_region_check" CHECK("member_centres"."region" in ('sor-ost','nord','midt-vest'))
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`centre_id` integer NOT NULL,
	`joined_date` text NOT NULL,
	`left_date` text,
	`note` text,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `member_centres`(`organisation_id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "memberships_dates_check" CHECK("memberships"."left_date" is null or "memberships"."left_date" >= "memberships"."joined_date")
);
--> statement-breakpoint
CREATE INDEX `memberships_centre_id_idx` ON `memberships` (`centre_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`org_number` text,
	`website` text,
	`notes` text,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	CONSTRAINT "organisations_name_not_blank" CHECK(length(trim("organisations"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_name_key_idx` ON `organisations` (`name_key`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at_ms` integer NOT NULL,
	`actor` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`action` text NOT NULL,
	`before_json` text,
	`after_json` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_entity_id_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_ms_idx` ON `audit_log` (`at_ms`);