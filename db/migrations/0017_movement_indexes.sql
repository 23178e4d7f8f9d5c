CREATE INDEX `movements_date_idx` ON `movements` (`date`);--> statement-breakpoint
CREATE INDEX `movements_type_date_amount_ore_idx` ON `movements` (`type`,`date`,`amount_ore`);--> statement-breakpoint
CREATE INDEX `allocations_report_due_date_idx` ON `allocations` (`report_due_date`);