CREATE TABLE `funder_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`funder_id` integer NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`email` text,
	`phone` text,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`funder_id`) REFERENCES `funders`(`organisation_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `funder_contacts_funder_id_idx` ON `funder_contacts` (`funder_id`);--> statement-breakpoint
CREATE TABLE `funders` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`funder_type` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "funders_type_check" CHECK("funders"."funder_type" in ('departement','direktorat','stiftelse','forskningsrad','internasjonal','kommune','annen'))
);
--> statement-breakpoint
CREATE TABLE `grant_deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`description` text NOT NULL,
	`done_date` text,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `grant_deadlines_grant_id_idx` ON `grant_deadlines` (`grant_id`);--> statement-breakpoint
CREATE TABLE `grant_year_splits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`year` integer NOT NULL,
	`amount_ore` integer NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "grant_year_splits_amount_check" CHECK("grant_year_splits"."amount_ore" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grant_year_splits_grant_id_year_idx` ON `grant_year_splits` (`grant_id`,`year`);--> statement-breakpoint
CREATE TABLE `grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`funder_id` integer NOT NULL,
	`title` text NOT NULL,
	`scheme_name` text,
	`reference` text,
	`edition_year` integer,
	`status` text NOT NULL,
	`applied_ore` integer,
	`applied_date` text,
	`awarded_ore` integer,
	`decision_date` text,
	`kss_share_ore` integer,
	`period_from` text,
	`period_to` text,
	`activity_from` text,
	`activity_to` text,
	`admin_rule` text NOT NULL,
	`admin_basis_points` integer,
	`admin_fixed_ore` integer,
	`notes` text,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`funder_id`) REFERENCES `funders`(`organisation_id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "grants_status_check" CHECK("grants"."status" in ('utkast','sokt','innvilget','delvis_innvilget','avslatt','trukket','avsluttet')),
	CONSTRAINT "grants_admin_rule_check" CHECK("grants"."admin_rule" in ('none','percent','fixed')),
	CONSTRAINT "grants_amounts_check" CHECK(coalesce("grants"."applied_ore", 0) >= 0 and coalesce("grants"."awarded_ore", 0) >= 0 and coalesce("grants"."kss_share_ore", 0) >= 0 and coalesce("grants"."admin_fixed_ore", 0) >= 0),
	CONSTRAINT "grants_admin_bp_check" CHECK("grants"."admin_basis_points" is null or ("grants"."admin_basis_points" >= 0 and "grants"."admin_basis_points" <= 10000)),
	CONSTRAINT "grants_period_check" CHECK("grants"."period_to" is null or "grants"."period_from" is null or "grants"."period_to" >= "grants"."period_from"),
	CONSTRAINT "grants_activity_check" CHECK("grants"."activity_to" is null or "grants"."activity_from" is null or "grants"."activity_to" >= "grants"."activity_from")
);
--> statement-breakpoint
CREATE INDEX `grants_project_id_idx` ON `grants` (`project_id`);--> statement-breakpoint
CREATE INDEX `grants_funder_id_idx` ON `grants` (`funder_id`);--> statement-breakpoint
CREATE TABLE `movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`date` text NOT NULL,
	`type` text NOT NULL,
	`amount_ore` integer NOT NULL,
	`voucher_ref` text,
	`note` text,
	`counterpart_id` integer,
	`approval_ref` text,
	`approval_date` text,
	`reverses_id` integer,
	`centre_id` integer,
	`created_at_ms` integer NOT NULL,
	`actor` text NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`counterpart_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`centre_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "movements_type_check" CHECK("movements"."type" in ('received','admin_share','own_costs','repaid','transfer_in','transfer_out','paid_to_centre','returned_by_centre')),
	CONSTRAINT "movements_sign_check" CHECK(("movements"."reverses_id" is null and "movements"."amount_ore" > 0) or ("movements"."reverses_id" is not null and "movements"."amount_ore" < 0))
);
--> statement-breakpoint
CREATE INDEX `movements_grant_id_date_idx` ON `movements` (`grant_id`,`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `movements_reverses_id_idx` ON `movements` (`reverses_id`);--> statement-breakpoint
CREATE TABLE `project_partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`role` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `project_partners_project_id_organisation_id_idx` ON `project_partners` (`project_id`,`organisation_id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` integer,
	`kss_role` text NOT NULL,
	`project_number` text,
	`start_date` text,
	`end_date` text,
	`status` text NOT NULL,
	`recurring` integer NOT NULL,
	`recurring_since_year` integer,
	`description` text,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "projects_kind_check" CHECK("projects"."kind" in ('prosjekt','tiltak')),
	CONSTRAINT "projects_kss_role_check" CHECK("projects"."kss_role" in ('eier','partner','forvalter','stottepartner')),
	CONSTRAINT "projects_status_check" CHECK("projects"."status" in ('aktiv','avsluttet')),
	CONSTRAINT "projects_period_check" CHECK("projects"."end_date" is null or "projects"."start_date" is null or "projects"."end_date" >= "projects"."start_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_name_key_idx` ON `projects` (`name_key`);--> statement-breakpoint
CREATE INDEX `projects_parent_id_idx` ON `projects` (`parent_id`);