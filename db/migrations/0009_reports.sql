CREATE TABLE `downtime_event` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`start_at` text NOT NULL,
	`end_at` text,
	`planned` integer DEFAULT false NOT NULL,
	`cause` text NOT NULL,
	`department_ids` text DEFAULT '[]' NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `downtime_event_start_idx` ON `downtime_event` (`start_at`);--> statement-breakpoint
CREATE INDEX `downtime_event_system_idx` ON `downtime_event` (`system_id`);--> statement-breakpoint
CREATE TABLE `efficiency_measure` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`baseline` real NOT NULL,
	`current` real NOT NULL,
	`lower_is_better` integer DEFAULT true NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kpi_target` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`target` real NOT NULL,
	`amber` real NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `saved_report` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`next_steps` text DEFAULT '' NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `saved_report_to_idx` ON `saved_report` (`to_day`);--> statement-breakpoint
CREATE TABLE `security_incident` (
	`id` text PRIMARY KEY NOT NULL,
	`occurred_at` text NOT NULL,
	`title` text NOT NULL,
	`severity` text NOT NULL,
	`description` text,
	`department_id` text,
	`resolved_at` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `department`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `security_incident_occurred_idx` ON `security_incident` (`occurred_at`);