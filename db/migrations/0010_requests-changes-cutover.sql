CREATE TABLE `requirement_history` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor` text,
	`note` text,
	`at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requirement_request`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requirement_history_request_idx` ON `requirement_history` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `requirement_request` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`department_id` text,
	`requester` text,
	`requested_on` text,
	`tier` text NOT NULL,
	`priority` text NOT NULL,
	`value_measure` text,
	`expected_value` text,
	`effort_days` real,
	`status` text NOT NULL,
	`decision_rule` text NOT NULL,
	`decision_reason` text,
	`decided_at` text,
	`import_key` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `department`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requirement_request_tier_status_idx` ON `requirement_request` (`tier`,`status`);--> statement-breakpoint
CREATE INDEX `requirement_request_import_idx` ON `requirement_request` (`import_key`);--> statement-breakpoint
CREATE TABLE `requirement_request_issue` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`issue_id` text NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requirement_request`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issue_id`) REFERENCES `pilot_issue`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requirement_request_issue_request_idx` ON `requirement_request_issue` (`request_id`);--> statement-breakpoint
CREATE INDEX `requirement_request_issue_issue_idx` ON `requirement_request_issue` (`issue_id`);--> statement-breakpoint
CREATE TABLE `requirement_review` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`reviewer` text NOT NULL,
	`role` text,
	`vote` text,
	`opinion` text,
	`voted_at` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requirement_request`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requirement_review_request_idx` ON `requirement_review` (`request_id`);--> statement-breakpoint
CREATE TABLE `change_approver` (
	`id` text PRIMARY KEY NOT NULL,
	`change_id` text NOT NULL,
	`name` text NOT NULL,
	`vote` text,
	`voted_round` integer,
	`comment` text,
	`voted_at` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`change_id`) REFERENCES `change_record`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `change_approver_change_idx` ON `change_approver` (`change_id`);--> statement-breakpoint
CREATE TABLE `change_decision` (
	`id` text PRIMARY KEY NOT NULL,
	`change_id` text NOT NULL,
	`action` text NOT NULL,
	`actor` text,
	`note` text,
	`round` integer NOT NULL,
	`at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`change_id`) REFERENCES `change_record`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `change_decision_change_idx` ON `change_decision` (`change_id`,`at`);--> statement-breakpoint
CREATE TABLE `change_link` (
	`id` text PRIMARY KEY NOT NULL,
	`change_id` text NOT NULL,
	`request_id` text,
	`issue_id` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`change_id`) REFERENCES `change_record`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requirement_request`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issue_id`) REFERENCES `pilot_issue`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `change_link_change_idx` ON `change_link` (`change_id`);--> statement-breakpoint
CREATE TABLE `change_record` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`impact_scope` text,
	`impact_cost` text,
	`impact_schedule` text,
	`likelihood` integer NOT NULL,
	`impact` integer NOT NULL,
	`backout_plan` text,
	`planned_at` text,
	`status` text NOT NULL,
	`rule` text NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`in_freeze` integer DEFAULT false NOT NULL,
	`emergency_approved_by` text,
	`emergency_approved_at` text,
	`emergency_reason` text,
	`signed_off_by` text,
	`signed_off_at` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `change_record_status_idx` ON `change_record` (`status`);--> statement-breakpoint
CREATE TABLE `freeze_window` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cutover_step` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`title` text NOT NULL,
	`owner` text,
	`planned_start` text,
	`planned_end` text,
	`actual_start` text,
	`actual_end` text,
	`status` text NOT NULL,
	`depends_on` text DEFAULT '[]' NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cutover_step_seq_idx` ON `cutover_step` (`seq`);--> statement-breakpoint
CREATE TABLE `emergency_event` (
	`id` text PRIMARY KEY NOT NULL,
	`emergency_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`department_id` text,
	`actor` text,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `department`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `emergency_event_emergency_idx` ON `emergency_event` (`emergency_id`,`at`);--> statement-breakpoint
CREATE TABLE `go_no_go_meeting` (
	`id` text PRIMARY KEY NOT NULL,
	`held_at` text NOT NULL,
	`decision` text NOT NULL,
	`attendees` text DEFAULT '[]' NOT NULL,
	`notes` text,
	`snapshot` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rollback_trigger` (
	`id` text PRIMARY KEY NOT NULL,
	`condition` text NOT NULL,
	`action` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
