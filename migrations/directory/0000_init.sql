CREATE TABLE `inbound_addresses` (
	`address` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tenant_slots` (
	`slot` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`assigned_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenant_slots_tenant_id_unique` ON `tenant_slots` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`slot` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_unique` ON `tenants` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slot_unique` ON `tenants` (`slot`);