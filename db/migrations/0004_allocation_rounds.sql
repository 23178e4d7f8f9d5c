CREATE TABLE `allocation_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`name` text NOT NULL,
	`application_deadline` text,
	`activity_from` text,
	`activity_to` text,
	`report_deadline` text,
	`notes` text,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "allocation_rounds_activity_check" CHECK("allocation_rounds"."activity_to" is null or "allocation_rounds"."activity_from" is null or "allocation_rounds"."activity_to" >= "allocation_rounds"."activity_from")
);
--> statement-breakpoint
CREATE INDEX `allocation_rounds_grant_id_idx` ON `allocation_rounds` (`grant_id`);--> statement-breakpoint
CREATE TABLE `allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`centre_id` integer NOT NULL,
	`applied_ore` integer NOT NULL,
	`purpose` text,
	`expected_participants` integer,
	`received_date` text,
	`awarded_ore` integer,
	`decision_date` text,
	`override_reason` text,
	`report_due_date` text,
	`report_received_date` text,
	`spent_ore` integer,
	`participants_reached` integer,
	`report_text` text,
	`report_status` text NOT NULL,
	`reminded_date` text,
	`kept_unused_ore` integer,
	`kept_approval_ref` text,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `allocation_rounds`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`centre_id`) REFERENCES `member_centres`(`organisation_id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "allocations_amounts_check" CHECK("allocations"."applied_ore" >= 0 and coalesce("allocations"."awarded_ore", 0) >= 0 and coalesce("allocations"."spent_ore", 0) >= 0 and coalesce("allocations"."kept_unused_ore", 0) >= 0),
	CONSTRAINT "allocations_report_status_check" CHECK("allocations"."report_status" in ('venter','mottatt','godkjent','purret')),
	CONSTRAINT "allocations_counts_check" CHECK(coalesce("allocations"."expected_participants", 0) >= 0 and coalesce("allocations"."participants_reached", 0) >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `allocations_round_id_centre_id_idx` ON `allocations` (`round_id`,`centre_id`);--> statement-breakpoint
CREATE INDEX `allocations_centre_id_idx` ON `allocations` (`centre_id`);--> statement-breakpoint
ALTER TABLE `movements` ADD `allocation_id` integer;--> statement-breakpoint
CREATE INDEX `movements_counterpart_id_idx` ON `movements` (`counterpart_id`);--> statement-breakpoint
CREATE INDEX `movements_allocation_id_idx` ON `movements` (`allocation_id`);