CREATE TABLE `organisation_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text,
	`org_number` text,
	`default_admin_basis_points` integer,
	`welcome_dismissed_at_ms` integer,
	`updated_at_ms` integer NOT NULL,
	CONSTRAINT "organisation_settings_single_row" CHECK("organisation_settings"."id" = 1),
	CONSTRAINT "organisation_settings_admin_bp_check" CHECK("organisation_settings"."default_admin_basis_points" is null or ("organisation_settings"."default_admin_basis_points" >= 0 and "organisation_settings"."default_admin_basis_points" <= 10000))
);
