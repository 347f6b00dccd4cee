CREATE TABLE `kb_article` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`system_id` text,
	`module_id` text,
	`symptom` text NOT NULL,
	`cause` text,
	`solution` text NOT NULL,
	`audience` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`source_issue_id` text,
	`linked_issue_ids` text DEFAULT '[]' NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`module_id`) REFERENCES `system_module`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_issue_id`) REFERENCES `pilot_issue`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kb_article_system_idx` ON `kb_article` (`system_id`);--> statement-breakpoint
CREATE INDEX `kb_article_source_idx` ON `kb_article` (`source_issue_id`);--> statement-breakpoint
CREATE TABLE `survey_response` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`department_id` text,
	`department_name` text,
	`role` text,
	`answer` text,
	`score` integer,
	`satisfied` integer,
	`comment` text,
	`source` text NOT NULL,
	`submitted_at` text,
	`import_key` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `survey_round`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `department`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_response_round_idx` ON `survey_response` (`round_id`);--> statement-breakpoint
CREATE INDEX `survey_response_import_key_idx` ON `survey_response` (`import_key`);--> statement-breakpoint
CREATE TABLE `survey_round` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`starts_on` text,
	`ends_on` text,
	`department_ids` text DEFAULT '[]' NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ward_finding` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`text` text NOT NULL,
	`issue_id` text,
	`follow_up` text,
	`follow_up_on` text,
	`followed_up_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `ward_visit`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issue_id`) REFERENCES `pilot_issue`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ward_finding_visit_idx` ON `ward_finding` (`visit_id`);--> statement-breakpoint
CREATE INDEX `ward_finding_issue_idx` ON `ward_finding` (`issue_id`);--> statement-breakpoint
CREATE TABLE `ward_round_plan` (
	`id` text PRIMARY KEY NOT NULL,
	`interval_days` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ward_visit` (
	`id` text PRIMARY KEY NOT NULL,
	`department_id` text NOT NULL,
	`engineer_id` text,
	`started_at` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`people_met` text,
	`notes` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `department`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`engineer_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ward_visit_department_idx` ON `ward_visit` (`department_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `ward_visit_started_idx` ON `ward_visit` (`started_at`);