CREATE TABLE `discrepancy_item` (
	`id` text PRIMARY KEY NOT NULL,
	`profile_id` text NOT NULL,
	`item_key` text NOT NULL,
	`kind` text NOT NULL,
	`key_values` text NOT NULL,
	`column` text,
	`old_value` text,
	`new_value` text,
	`old_row` integer,
	`new_row` integer,
	`first_seen_date` text NOT NULL,
	`first_run_id` text NOT NULL,
	`last_seen_date` text NOT NULL,
	`last_run_id` text NOT NULL,
	`times_seen` integer DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`cause` text,
	`note` text,
	`issue_id` text,
	`triaged_at` text,
	`triaged_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `reconcile_profile`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issue_id`) REFERENCES `pilot_issue`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `discrepancy_item_key_idx` ON `discrepancy_item` (`profile_id`,`item_key`);--> statement-breakpoint
CREATE INDEX `discrepancy_item_profile_status_idx` ON `discrepancy_item` (`profile_id`,`status`,`first_seen_date`);--> statement-breakpoint
CREATE INDEX `discrepancy_item_last_run_idx` ON `discrepancy_item` (`last_run_id`);--> statement-breakpoint
CREATE INDEX `discrepancy_item_issue_idx` ON `discrepancy_item` (`issue_id`) WHERE issue_id is not null;--> statement-breakpoint
CREATE TABLE `reconcile_profile` (
	`id` text PRIMARY KEY NOT NULL,
	`domain` text NOT NULL,
	`name` text NOT NULL,
	`columns` text NOT NULL,
	`encoding_old` text DEFAULT 'auto' NOT NULL,
	`encoding_new` text DEFAULT 'auto' NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reconcile_profile_domain_idx` ON `reconcile_profile` ("domain" collate nocase);--> statement-breakpoint
CREATE TABLE `reconcile_run` (
	`id` text PRIMARY KEY NOT NULL,
	`profile_id` text NOT NULL,
	`business_date` text NOT NULL,
	`old_file_name` text NOT NULL,
	`new_file_name` text NOT NULL,
	`profile` text NOT NULL,
	`summary` text NOT NULL,
	`total_rows` integer NOT NULL,
	`consistent_rows` integer NOT NULL,
	`discrepancy_count` integer NOT NULL,
	`new_items` integer NOT NULL,
	`carried_items` integer NOT NULL,
	`reopened_items` integer NOT NULL,
	`elapsed_ms` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `reconcile_profile`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reconcile_run_profile_date_idx` ON `reconcile_run` (`profile_id`,`business_date`,`created_at`);