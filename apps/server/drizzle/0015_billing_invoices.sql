CREATE TABLE "billing_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"year" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"plan_id" uuid,
	"title" text NOT NULL,
	"issue_date" date,
	"computed_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"progress" jsonb,
	"last_error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_runs_kind_chk" CHECK ("billing_runs"."kind" in ('advance', 'settlement', 'usage')),
	CONSTRAINT "billing_runs_status_chk" CHECK ("billing_runs"."status" in ('draft', 'issuing', 'issued')),
	CONSTRAINT "billing_runs_period_chk" CHECK ("billing_runs"."period_end" >= "billing_runs"."period_start")
);
--> statement-breakpoint
CREATE TABLE "billing_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"seller_name" text NOT NULL,
	"street" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"country_code" text DEFAULT 'DE' NOT NULL,
	"vat_id" text,
	"tax_number" text,
	"iban" text NOT NULL,
	"bic" text,
	"bank_name" text,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text NOT NULL,
	"electronic_address" text NOT NULL,
	"electronic_address_scheme" text DEFAULT 'EM' NOT NULL,
	"payment_terms_days" integer DEFAULT 30 NOT NULL,
	"number_prefix" text DEFAULT 'RE' NOT NULL,
	"exempt_vatex" text DEFAULT 'VATEX-EU-132-1I' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_settings_tax_chk" CHECK ("billing_settings"."vat_id" is not null or "billing_settings"."tax_number" is not null),
	CONSTRAINT "billing_settings_terms_chk" CHECK ("billing_settings"."payment_terms_days" between 0 and 365),
	CONSTRAINT "billing_settings_prefix_chk" CHECK ("billing_settings"."number_prefix" ~ '^[A-Z]{1,6}$')
);
--> statement-breakpoint
CREATE TABLE "budget_mappings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"product" text,
	"account" text,
	"cost_centre" text,
	"budget_line" text,
	"expense_kind" text DEFAULT 'consumptive' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_mappings_system_chk" CHECK ("budget_mappings"."system" in ('doppik', 'kameralistik')),
	CONSTRAINT "budget_mappings_kind_chk" CHECK ("budget_mappings"."expense_kind" in ('consumptive', 'investive'))
);
--> statement-breakpoint
CREATE TABLE "cost_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cost_plans_year_chk" CHECK ("cost_plans"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "cost_pools" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"planned_cents" bigint NOT NULL,
	"actual_cents" bigint,
	"key" text NOT NULL,
	"reference_date" date,
	"service_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fixed_shares" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cost_pools_amount_chk" CHECK ("cost_pools"."planned_cents" >= 0 and coalesce("cost_pools"."actual_cents", 0) >= 0),
	CONSTRAINT "cost_pools_key_chk" CHECK ("cost_pools"."key" in ('population', 'workstations', 'usage', 'equal', 'fixed'))
);
--> statement-breakpoint
CREATE TABLE "invoice_counters" (
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "invoice_counters_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "invoice_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_documents_kind_chk" CHECK ("invoice_documents"."kind" in ('ubl', 'cii', 'pdf')),
	CONSTRAINT "invoice_documents_sha_chk" CHECK ("invoice_documents"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"type_code" text NOT NULL,
	"number" text,
	"issue_date" date,
	"due_date" date,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"leitweg_id" text,
	"buyer_name" text NOT NULL,
	"net_cents" bigint NOT NULL,
	"vat_cents" bigint NOT NULL,
	"gross_cents" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"explanation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"preceding_invoice_id" uuid,
	"preceding_number" text,
	"preceding_issue_date" date,
	"model" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_status_chk" CHECK ("invoices"."status" in ('draft', 'issued')),
	CONSTRAINT "invoices_type_chk" CHECK ("invoices"."type_code" in ('380', '381')),
	CONSTRAINT "invoices_issued_chk" CHECK ("invoices"."status" = 'draft' or ("invoices"."number" is not null and "invoices"."issue_date" is not null and "invoices"."model" is not null))
);
--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_plan_id_cost_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."cost_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD CONSTRAINT "billing_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_mappings" ADD CONSTRAINT "budget_mappings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_plans" ADD CONSTRAINT "cost_plans_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_pools" ADD CONSTRAINT "cost_pools_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_pools" ADD CONSTRAINT "cost_pools_plan_id_cost_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."cost_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_counters" ADD CONSTRAINT "invoice_counters_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_documents" ADD CONSTRAINT "invoice_documents_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_documents" ADD CONSTRAINT "invoice_documents_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_run_id_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."billing_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_runs_org_idx" ON "billing_runs" USING btree ("org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "cost_plans_year_uq" ON "cost_plans" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "cost_pools_plan_idx" ON "cost_pools" USING btree ("plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_documents_uq" ON "invoice_documents" USING btree ("invoice_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_uq" ON "invoices" USING btree ("provider_id","number");--> statement-breakpoint
CREATE INDEX "invoices_run_idx" ON "invoices" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "invoices_org_idx" ON "invoices" USING btree ("org_id","status");