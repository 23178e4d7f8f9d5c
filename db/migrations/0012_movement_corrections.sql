ALTER TABLE `movements` ADD `corrects_id` integer REFERENCES movements(id);--> statement-breakpoint
ALTER TABLE `movements` ADD `reason` text;