CREATE TABLE "backup_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"name" text NOT NULL,
	"target_kind" text NOT NULL,
	"asset_id" uuid,
	"service_id" uuid,
	"schedule" text NOT NULL,
	"primary_site_id" uuid NOT NULL,
	"copy_site_id" uuid,
	"retention_days" integer NOT NULL,
	"rpo_hours" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"notes" text,
	"last_run_at" timestamp with time zone,
	"last_run_status" text,
	"last_success_at" timestamp with time zone,
	"alert_state" text DEFAULT 'ok' NOT NULL,
	"alert_ticket_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backup_jobs_target_chk" CHECK (("backup_jobs"."target_kind" = 'asset' and "backup_jobs"."asset_id" is not null) or ("backup_jobs"."target_kind" = 'service' and "backup_jobs"."service_id" is not null)),
	CONSTRAINT "backup_jobs_rpo_chk" CHECK ("backup_jobs"."rpo_hours" > 0),
	CONSTRAINT "backup_jobs_retention_chk" CHECK ("backup_jobs"."retention_days" > 0),
	CONSTRAINT "backup_jobs_copy_chk" CHECK ("backup_jobs"."copy_site_id" is null or "backup_jobs"."copy_site_id" <> "backup_jobs"."primary_site_id")
);
--> statement-breakpoint
CREATE TABLE "backup_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"bytes" bigint,
	"message" text,
	"source" text DEFAULT 'api' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backup_runs_end_chk" CHECK ("backup_runs"."ended_at" is null or "backup_runs"."ended_at" >= "backup_runs"."started_at"),
	CONSTRAINT "backup_runs_bytes_chk" CHECK ("backup_runs"."bytes" is null or "backup_runs"."bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "restore_test_plan_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"planned_month" integer NOT NULL,
	"what" text NOT NULL,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "restore_test_plan_items_month_chk" CHECK ("restore_test_plan_items"."planned_month" between 1 and 12),
	CONSTRAINT "restore_test_plan_items_year_chk" CHECK ("restore_test_plan_items"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "restore_tests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"job_id" uuid,
	"plan_item_id" uuid,
	"tested_on" date NOT NULL,
	"what" text NOT NULL,
	"result" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"performed_by" text NOT NULL,
	"notes" text,
	"evidence_file_key" text,
	"evidence_file_name" text,
	"evidence_sha256" text,
	"evidence_size_bytes" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "restore_tests_duration_chk" CHECK ("restore_tests"."duration_minutes" >= 0)
);
--> statement-breakpoint
ALTER TABLE "backup_jobs" ADD CONSTRAINT "backup_jobs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_jobs" ADD CONSTRAINT "backup_jobs_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_jobs" ADD CONSTRAINT "backup_jobs_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_jobs" ADD CONSTRAINT "backup_jobs_primary_site_id_sites_id_fk" FOREIGN KEY ("primary_site_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_jobs" ADD CONSTRAINT "backup_jobs_copy_site_id_sites_id_fk" FOREIGN KEY ("copy_site_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_runs" ADD CONSTRAINT "backup_runs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_runs" ADD CONSTRAINT "backup_runs_job_id_backup_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."backup_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_test_plan_items" ADD CONSTRAINT "restore_test_plan_items_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_test_plan_items" ADD CONSTRAINT "restore_test_plan_items_job_id_backup_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."backup_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_tests" ADD CONSTRAINT "restore_tests_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_tests" ADD CONSTRAINT "restore_tests_job_id_backup_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."backup_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_tests" ADD CONSTRAINT "restore_tests_plan_item_id_restore_test_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."restore_test_plan_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backup_jobs_org_idx" ON "backup_jobs" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "backup_jobs_provider_idx" ON "backup_jobs" USING btree ("provider_id","alert_state");--> statement-breakpoint
CREATE INDEX "backup_jobs_asset_idx" ON "backup_jobs" USING btree ("asset_id");--> statement-breakpoint
CREATE UNIQUE INDEX "backup_runs_job_start_uq" ON "backup_runs" USING btree ("job_id","started_at");--> statement-breakpoint
CREATE INDEX "backup_runs_org_start_idx" ON "backup_runs" USING btree ("org_id","started_at");--> statement-breakpoint
CREATE INDEX "restore_test_plan_items_org_year_idx" ON "restore_test_plan_items" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "restore_tests_org_date_idx" ON "restore_tests" USING btree ("org_id","tested_on");--> statement-breakpoint
CREATE UNIQUE INDEX "restore_tests_plan_item_uq" ON "restore_tests" USING btree ("plan_item_id");