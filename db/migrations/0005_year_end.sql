CREATE TABLE `account_settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`account_code` text NOT NULL,
	`updated_at_ms` integer NOT NULL,
	CONSTRAINT "account_settings_code_check" CHECK(length(trim("account_settings"."account_code")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_settings_key_idx` ON `account_settings` (`key`);--> statement-breakpoint
CREATE TABLE `balance_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`year` integer NOT NULL,
	`decision` text NOT NULL,
	`amount_ore` integer NOT NULL,
	`approval_ref` text,
	`approval_date` text,
	`note` text,
	`actor` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "balance_decisions_decision_check" CHECK("balance_decisions"."decision" in ('carried_forward','to_repay','explained')),
	CONSTRAINT "balance_decisions_approval_check" CHECK("balance_decisions"."decision" <> 'carried_forward' or ("balance_decisions"."approval_ref" is not null and "balance_decisions"."approval_date" is not null)),
	CONSTRAINT "balance_decisions_note_check" CHECK("balance_decisions"."decision" <> 'explained' or length(trim(coalesce("balance_decisions"."note", ''))) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `balance_decisions_grant_id_year_idx` ON `balance_decisions` (`grant_id`,`year`);--> statement-breakpoint
CREATE INDEX `balance_decisions_year_idx` ON `balance_decisions` (`year`);--> statement-breakpoint
CREATE TABLE `checklist_exceptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`item_key` text NOT NULL,
	`reason` text NOT NULL,
	`actor` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	CONSTRAINT "checklist_exceptions_reason_check" CHECK(length(trim("checklist_exceptions"."reason")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_exceptions_year_item_key_idx` ON `checklist_exceptions` (`year`,`item_key`);--> statement-breakpoint
CREATE TABLE `fiscal_year_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`action` text NOT NULL,
	`at_ms` integer NOT NULL,
	`actor` text NOT NULL,
	`reason` text,
	CONSTRAINT "fiscal_year_events_action_check" CHECK("fiscal_year_events"."action" in ('close','reopen')),
	CONSTRAINT "fiscal_year_events_reason_check" CHECK("fiscal_year_events"."action" <> 'reopen' or length(trim(coalesce("fiscal_year_events"."reason", ''))) > 0)
);
--> statement-breakpoint
CREATE INDEX `fiscal_year_events_year_idx` ON `fiscal_year_events` (`year`,`id`);--> statement-breakpoint
CREATE TABLE `fiscal_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`closed_at_ms` integer,
	`closed_by` text,
	`close_reason` text,
	`updated_at_ms` integer NOT NULL,
	CONSTRAINT "fiscal_years_status_check" CHECK("fiscal_years"."status" in ('open','closed')),
	CONSTRAINT "fiscal_years_closed_check" CHECK("fiscal_years"."status" = 'open' or ("fiscal_years"."closed_at_ms" is not null and "fiscal_years"."closed_by" is not null))
);
