CREATE TABLE `change_log` (
	`id` text PRIMARY KEY NOT NULL,
	`replica_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`fields` text NOT NULL,
	`prev` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`author` text
);
--> statement-breakpoint
CREATE INDEX `change_log_row_idx` ON `change_log` (`table_name`,`row_id`);--> statement-breakpoint
CREATE INDEX `change_log_deleted_idx` ON `change_log` (`table_name`,`row_id`) WHERE deleted = 1;--> statement-breakpoint
CREATE TABLE `sync_conflict` (
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`winner_id` text NOT NULL,
	`loser_id` text NOT NULL,
	PRIMARY KEY(`table_name`, `row_id`, `field`, `loser_id`)
);
--> statement-breakpoint
CREATE TABLE `sync_import` (
	`id` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`content_sha256` text,
	`source_replica_id` text,
	`source_label` text,
	`exported_at` text,
	`imported_at` text NOT NULL,
	`outcome` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_import_sha_idx` ON `sync_import` (`content_sha256`);--> statement-breakpoint
CREATE INDEX `sync_import_at_idx` ON `sync_import` (`imported_at`);--> statement-breakpoint
CREATE TABLE `sync_replica` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text,
	`last_export_at` text
);
