CREATE TABLE `example_data_loads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`source` text NOT NULL,
	`loaded_at_ms` integer NOT NULL,
	`actor` text NOT NULL,
	`backup_file_name` text,
	`last_audit_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `example_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`load_id` integer NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	FOREIGN KEY (`load_id`) REFERENCES `example_data_loads`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "example_records_entity_check" CHECK("example_records"."entity" in ('organisation','membership','project','project_partner','grant','movement','round','allocation'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `example_records_entity_entity_id_idx` ON `example_records` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `example_records_load_id_idx` ON `example_records` (`load_id`);