CREATE TABLE "grant_beneficiaries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"share_percent" numeric(7, 4) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"own_share" numeric(14, 2) DEFAULT '0' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_beneficiaries_share_chk" CHECK ("grant_beneficiaries"."share_percent" >= 0 and "grant_beneficiaries"."share_percent" <= 100)
);
--> statement-breakpoint
CREATE TABLE "grant_drawdowns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"member_id" uuid,
	"number" integer NOT NULL,
	"requested_on" date NOT NULL,
	"computed_amount" numeric(14, 2) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"approved_on" date,
	"received_on" date,
	"cost_pool_id" uuid,
	"warnings" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_drawdowns_amount_chk" CHECK ("grant_drawdowns"."amount" > 0 and "grant_drawdowns"."computed_amount" >= 0),
	CONSTRAINT "grant_drawdowns_status_chk" CHECK (("grant_drawdowns"."status" = 'requested') or ("grant_drawdowns"."status" = 'approved' and "grant_drawdowns"."approved_on" is not null) or ("grant_drawdowns"."status" = 'received' and "grant_drawdowns"."received_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "grant_expenses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"plan_line_id" uuid NOT NULL,
	"member_id" uuid,
	"asset_id" uuid,
	"drawdown_id" uuid,
	"expense_date" date NOT NULL,
	"due_date" date NOT NULL,
	"payee" text NOT NULL,
	"purpose" text NOT NULL,
	"invoice_number" text,
	"amount" numeric(14, 2) NOT NULL,
	"receipt_file_key" text,
	"receipt_file_name" text,
	"receipt_sha256" text,
	"receipt_size_bytes" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_expenses_amount_chk" CHECK ("grant_expenses"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "grant_plan_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"budget" numeric(14, 2) NOT NULL,
	"deviation_percent" numeric(5, 2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_plan_lines_budget_chk" CHECK ("grant_plan_lines"."budget" >= 0)
);
--> statement-breakpoint
CREATE TABLE "grant_programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"authority" text,
	"pays_per_member" boolean DEFAULT false NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"authority" text NOT NULL,
	"file_reference" text NOT NULL,
	"notice_date" date NOT NULL,
	"funding_type" text NOT NULL,
	"rate_percent" numeric(5, 2),
	"ceiling" numeric(14, 2),
	"amount" numeric(14, 2) NOT NULL,
	"eligible_cost" numeric(14, 2) NOT NULL,
	"ineligible_cost" numeric(14, 2) DEFAULT '0' NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"line_deviation_percent" numeric(5, 2) DEFAULT '20' NOT NULL,
	"lock_in_years" integer DEFAULT 5 NOT NULL,
	"interim_proof_due" date,
	"final_proof_due" date,
	"interim_reminded_at" timestamp with time zone,
	"final_reminded_at" timestamp with time zone,
	"report_text" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grants_amounts_chk" CHECK ("grants"."amount" >= 0 and "grants"."eligible_cost" >= 0 and "grants"."ineligible_cost" >= 0),
	CONSTRAINT "grants_period_chk" CHECK ("grants"."period_end" >= "grants"."period_start"),
	CONSTRAINT "grants_rate_chk" CHECK ("grants"."rate_percent" is null or ("grants"."rate_percent" > 0 and "grants"."rate_percent" <= 100)),
	CONSTRAINT "grants_lock_in_chk" CHECK ("grants"."lock_in_years" between 0 and 30)
);
--> statement-breakpoint
CREATE TABLE "savings_reference_costs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"per_workstation" numeric(14, 2) NOT NULL,
	"per_server" numeric(14, 2) NOT NULL,
	"per_backup_job" numeric(14, 2) NOT NULL,
	"base_per_member" numeric(14, 2) DEFAULT '0' NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "savings_reference_costs_year_chk" CHECK ("savings_reference_costs"."year" between 2000 and 2100),
	CONSTRAINT "savings_reference_costs_amounts_chk" CHECK ("savings_reference_costs"."per_workstation" >= 0 and "savings_reference_costs"."per_server" >= 0 and "savings_reference_costs"."per_backup_job" >= 0 and "savings_reference_costs"."base_per_member" >= 0)
);
--> statement-breakpoint
ALTER TABLE "grant_beneficiaries" ADD CONSTRAINT "grant_beneficiaries_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_beneficiaries" ADD CONSTRAINT "grant_beneficiaries_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_drawdowns" ADD CONSTRAINT "grant_drawdowns_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_drawdowns" ADD CONSTRAINT "grant_drawdowns_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_drawdowns" ADD CONSTRAINT "grant_drawdowns_member_id_organisations_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_drawdowns" ADD CONSTRAINT "grant_drawdowns_cost_pool_id_cost_pools_id_fk" FOREIGN KEY ("cost_pool_id") REFERENCES "public"."cost_pools"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_plan_line_id_grant_plan_lines_id_fk" FOREIGN KEY ("plan_line_id") REFERENCES "public"."grant_plan_lines"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_member_id_organisations_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_drawdown_id_grant_drawdowns_id_fk" FOREIGN KEY ("drawdown_id") REFERENCES "public"."grant_drawdowns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_plan_lines" ADD CONSTRAINT "grant_plan_lines_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_plan_lines" ADD CONSTRAINT "grant_plan_lines_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_programmes" ADD CONSTRAINT "grant_programmes_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_programme_id_grant_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."grant_programmes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "savings_reference_costs" ADD CONSTRAINT "savings_reference_costs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grant_beneficiaries_uq" ON "grant_beneficiaries" USING btree ("grant_id","org_id");--> statement-breakpoint
CREATE INDEX "grant_beneficiaries_org_idx" ON "grant_beneficiaries" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_drawdowns_number_uq" ON "grant_drawdowns" USING btree ("grant_id","number");--> statement-breakpoint
CREATE INDEX "grant_drawdowns_pool_idx" ON "grant_drawdowns" USING btree ("cost_pool_id");--> statement-breakpoint
CREATE INDEX "grant_drawdowns_org_idx" ON "grant_drawdowns" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "grant_expenses_grant_idx" ON "grant_expenses" USING btree ("grant_id","expense_date");--> statement-breakpoint
CREATE INDEX "grant_expenses_line_idx" ON "grant_expenses" USING btree ("plan_line_id");--> statement-breakpoint
CREATE INDEX "grant_expenses_asset_idx" ON "grant_expenses" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "grant_expenses_drawdown_idx" ON "grant_expenses" USING btree ("drawdown_id");--> statement-breakpoint
CREATE INDEX "grant_expenses_org_idx" ON "grant_expenses" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_plan_lines_code_uq" ON "grant_plan_lines" USING btree ("grant_id","code");--> statement-breakpoint
CREATE INDEX "grant_plan_lines_grant_idx" ON "grant_plan_lines" USING btree ("grant_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_programmes_name_uq" ON "grant_programmes" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "grants_org_idx" ON "grants" USING btree ("org_id","notice_date");--> statement-breakpoint
CREATE UNIQUE INDEX "savings_reference_costs_uq" ON "savings_reference_costs" USING btree ("org_id","year");--> statement-breakpoint
-- Grants tenancy. A grant belongs to its recipient, the provider (org_id); the members it is passed
-- on to read it through their beneficiary rows (grant_beneficiaries.org_id = the member, under the
-- standard tenant policy), so the grant's read policy admits a row whose id a visible beneficiary
-- row names; writes stay with the provider. Programmes are read by every member of the provider
-- (names on their grants) and written by the provider. verbund_secure_tables() keeps a policy named
-- verbund_tenant, so these are created before its next run. Plan lines, expenses and drawdowns
-- keep the standard policy (expenses and drawdowns of a member carry the member as org_id).
ALTER TABLE grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE grants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE grant_programmes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE grant_programmes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY verbund_all ON grants AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY verbund_tenant ON grants AS RESTRICTIVE FOR ALL TO verbund_app
  USING (org_id = ANY ((SELECT verbund_org_ids())::uuid[]) OR id IN (SELECT b.grant_id FROM grant_beneficiaries b))
  WITH CHECK (org_id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY verbund_grants_delete ON grants AS RESTRICTIVE FOR DELETE TO verbund_app
  USING (org_id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY verbund_all ON grant_programmes AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY verbund_tenant ON grant_programmes AS RESTRICTIVE FOR ALL TO verbund_app
  USING (org_id = ANY ((SELECT verbund_provider_ids())::uuid[])) WITH CHECK (org_id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY verbund_grant_programmes_delete ON grant_programmes AS RESTRICTIVE FOR DELETE TO verbund_app
  USING (org_id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON grants, grant_programmes TO verbund_app;
