CREATE INDEX `department_name_idx` ON `department` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `person_name_id_idx` ON `person` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `pilot_issue_department_reported_idx` ON `pilot_issue` (`department_id`,`reported_at`);--> statement-breakpoint
CREATE INDEX `pilot_issue_status_rank_idx` ON `pilot_issue` ((CASE status WHEN 'new' THEN 0 WHEN 'reopened' THEN 1 WHEN 'acknowledged' THEN 2 WHEN 'in_progress' THEN 3 WHEN 'resolved' THEN 4 WHEN 'verified' THEN 5 WHEN 'closed' THEN 6 WHEN 'wont_fix' THEN 7 ELSE 8 END),`reported_at`);--> statement-breakpoint
CREATE INDEX `pilot_issue_due_idx` ON `pilot_issue` (`resolution_due_at`);--> statement-breakpoint
CREATE INDEX `pilot_issue_title_idx` ON `pilot_issue` (`title`,`reported_at`);--> statement-breakpoint
CREATE INDEX `pilot_issue_assignee_reported_idx` ON `pilot_issue` (`assignee_id`,`reported_at`);--> statement-breakpoint
CREATE INDEX `pilot_issue_blocking_idx` ON `pilot_issue` (`reported_at`) WHERE blocking = 1;--> statement-breakpoint
CREATE INDEX `pilot_issue_open_idx` ON `pilot_issue` (`severity`,`resolution_due_at`,`response_due_at`,`acknowledged_at`,`reported_at`,`department_id`,`assignee_id`,`blocking`) WHERE status IN ('new','acknowledged','in_progress','reopened');