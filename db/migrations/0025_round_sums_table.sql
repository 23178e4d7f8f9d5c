CREATE TABLE `round_sums` (
	`round_id` integer PRIMARY KEY NOT NULL,
	`centre_count` integer NOT NULL,
	`applied_ore` integer NOT NULL,
	`awarded_ore` integer NOT NULL,
	`paid_ore` integer NOT NULL,
	`returned_ore` integer NOT NULL
);
