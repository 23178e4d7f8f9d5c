DROP INDEX `memberships_centre_id_idx`;--> statement-breakpoint
CREATE INDEX `memberships_centre_joined_idx` ON `memberships` (`centre_id`,`joined_date`);