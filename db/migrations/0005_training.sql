CREATE TABLE `training_attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`person_id` text NOT NULL,
	`attempt` integer DEFAULT 1 NOT NULL,
	`status` text NOT NULL,
	`score` real,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_attendance_session_idx` ON `training_attendance` (`session_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `training_attendance_person_idx` ON `training_attendance` (`person_id`);--> statement-breakpoint
CREATE TABLE `training_session` (
	`id` text PRIMARY KEY NOT NULL,
	`topic` text NOT NULL,
	`tier` text NOT NULL,
	`format` text NOT NULL,
	`trainer_id` text,
	`starts_at` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`place` text,
	`material_version` text,
	`pass_mark` real,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`trainer_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_session_starts_idx` ON `training_session` (`starts_at`);--> statement-breakpoint
CREATE INDEX `training_session_trainer_idx` ON `training_session` (`trainer_id`);--> statement-breakpoint
CREATE TABLE `training_session_department` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`department_id` text NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `department`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_session_department_session_idx` ON `training_session_department` (`session_id`);--> statement-breakpoint
CREATE INDEX `training_session_department_department_idx` ON `training_session_department` (`department_id`);--> statement-breakpoint
ALTER TABLE `person` ADD `title` text;--> statement-breakpoint
ALTER TABLE `person` ADD `champion` integer DEFAULT false NOT NULL;