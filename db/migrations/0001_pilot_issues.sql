CREATE TABLE `issue_attachment` (
	`id` text PRIMARY KEY NOT NULL,
	`issue_id` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`issue_id`) REFERENCES `pilot_issue`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `issue_attachment_issue_idx` ON `issue_attachment` (`issue_id`);--> statement-breakpoint
CREATE INDEX `issue_attachment_sha_idx` ON `issue_attachment` (`sha256`);--> statement-breakpoint
CREATE TABLE `issue_history` (
	`id` text PRIMARY KEY NOT NULL,
	`issue_id` text NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`issue_id`) REFERENCES `pilot_issue`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `issue_history_issue_idx` ON `issue_history` (`issue_id`,`at`);--> statement-breakpoint
CREATE TABLE `pilot_issue` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`replica_id` text NOT NULL,
	`seq` integer NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`department_id` text NOT NULL,
	`system_id` text,
	`module_id` text,
	`category` text NOT NULL,
	`severity` text NOT NULL,
	`blocking` integer DEFAULT false NOT NULL,
	`reporter_id` text,
	`assignee_id` text,
	`status` text NOT NULL,
	`duplicate_of_id` text,
	`workaround` text,
	`resolution` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`reported_at` text NOT NULL,
	`acknowledged_at` text,
	`resolved_at` text,
	`verified_at` text,
	`closed_at` text,
	`response_due_at` text NOT NULL,
	`resolution_due_at` text NOT NULL,
	`import_key` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `department`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`module_id`) REFERENCES `system_module`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`duplicate_of_id`) REFERENCES `pilot_issue`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pilot_issue_replica_seq_idx` ON `pilot_issue` (`replica_id`,`seq`);--> statement-breakpoint
CREATE INDEX `pilot_issue_department_status_idx` ON `pilot_issue` (`department_id`,`status`);--> statement-breakpoint
CREATE INDEX `pilot_issue_status_due_idx` ON `pilot_issue` (`status`,`resolution_due_at`);--> statement-breakpoint
CREATE INDEX `pilot_issue_reported_idx` ON `pilot_issue` (`reported_at`);--> statement-breakpoint
CREATE INDEX `pilot_issue_resolved_idx` ON `pilot_issue` (`resolved_at`);--> statement-breakpoint
CREATE INDEX `pilot_issue_assignee_idx` ON `pilot_issue` (`assignee_id`);--> statement-breakpoint
CREATE INDEX `pilot_issue_severity_idx` ON `pilot_issue` (`severity`,`reported_at`);--> statement-breakpoint
CREATE INDEX `pilot_issue_import_key_idx` ON `pilot_issue` (`import_key`) WHERE import_key is not null;--> statement-breakpoint
CREATE INDEX `pilot_issue_duplicate_of_idx` ON `pilot_issue` (`duplicate_of_id`) WHERE duplicate_of_id is not null;--> statement-breakpoint
CREATE TABLE `saved_view` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`filter` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `project` ADD `sla` text;