CREATE TABLE `key_figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`year` integer NOT NULL,
	`label` text NOT NULL,
	`label_key` text NOT NULL,
	`value_units` integer NOT NULL,
	`value_scale` integer NOT NULL,
	`unit` text NOT NULL,
	`source` text,
	`note` text,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "key_figures_label_not_blank" CHECK(length(trim("key_figures"."label")) > 0),
	CONSTRAINT "key_figures_year_check" CHECK("key_figures"."year" between 1900 and 2199),
	CONSTRAINT "key_figures_scale_check" CHECK("key_figures"."value_scale" between 0 and 4),
	CONSTRAINT "key_figures_units_integer" CHECK(typeof("key_figures"."value_units") = 'integer')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `key_figures_project_year_label_idx` ON `key_figures` (`project_id`,`year`,`label_key`);--> statement-breakpoint
CREATE INDEX `key_figures_project_id_idx` ON `key_figures` (`project_id`);--> statement-breakpoint
CREATE TABLE `document_blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size_bytes` integer NOT NULL,
	`bytes` blob NOT NULL,
	CONSTRAINT "document_blobs_sha256_hex" CHECK(length("document_blobs"."sha256") = 64),
	CONSTRAINT "document_blobs_size_matches" CHECK("document_blobs"."size_bytes" = length("document_blobs"."bytes"))
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer,
	`funder_id` integer,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`description` text,
	`uploaded_at_ms` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`funder_id`) REFERENCES `funders`(`organisation_id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`sha256`) REFERENCES `document_blobs`(`sha256`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "documents_one_owner" CHECK(("documents"."grant_id" is null) <> ("documents"."funder_id" is null)),
	CONSTRAINT "documents_file_name_not_blank" CHECK(length(trim("documents"."file_name")) > 0)
);
--> statement-breakpoint
CREATE INDEX `documents_grant_id_idx` ON `documents` (`grant_id`);--> statement-breakpoint
CREATE INDEX `documents_funder_id_idx` ON `documents` (`funder_id`);--> statement-breakpoint
CREATE INDEX `documents_sha256_idx` ON `documents` (`sha256`);--> statement-breakpoint
CREATE TABLE `record_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer,
	`funder_id` integer,
	`note_date` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`funder_id`) REFERENCES `funders`(`organisation_id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "record_notes_one_owner" CHECK(("record_notes"."grant_id" is null) <> ("record_notes"."funder_id" is null)),
	CONSTRAINT "record_notes_kind_check" CHECK("record_notes"."kind" in ('call','email','meeting','decision','other')),
	CONSTRAINT "record_notes_body_not_blank" CHECK(length(trim("record_notes"."body")) > 0)
);
--> statement-breakpoint
CREATE INDEX `record_notes_grant_id_idx` ON `record_notes` (`grant_id`);--> statement-breakpoint
CREATE INDEX `record_notes_funder_id_idx` ON `record_notes` (`funder_id`);