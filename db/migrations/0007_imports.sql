CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`row_count` integer NOT NULL,
	`imported_at_ms` integer NOT NULL,
	`actor` text NOT NULL,
	`duplicate_reason` text
);
--> statement-breakpoint
CREATE INDEX `imports_file_hash_idx` ON `imports` (`file_hash`);--> statement-breakpoint
CREATE INDEX `imports_imported_at_ms_idx` ON `imports` (`imported_at_ms`);