CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'intent' NOT NULL,
	"title" text NOT NULL,
	"reference" text,
	"intent_declared_at" date NOT NULL,
	"signed_at" date,
	"signatories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signed_document_id" uuid,
	"onboarding_started_at" date,
	"active_since" date,
	"notice_given_at" date,
	"effective_end" date,
	"ended_at" date,
	"term_start" date,
	"term_end" date,
	"minimum_term_years" integer,
	"notice_months" integer DEFAULT 12 NOT NULL,
	"notice_to_year_end" boolean DEFAULT true NOT NULL,
	"allocation_key" text,
	"vat_long_term" boolean DEFAULT false NOT NULL,
	"vat_public_task" boolean DEFAULT false NOT NULL,
	"vat_cost_only" boolean DEFAULT false NOT NULL,
	"vat_public_bodies" boolean DEFAULT false NOT NULL,
	"vat_treatment" text DEFAULT 'taxable_19' NOT NULL,
	"vat_exempt_reason" text,
	"share_count" integer,
	"share_nominal_cents" bigint,
	"share_paid_cents" bigint,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_kind_chk" CHECK ("agreements"."kind" in ('zweckvereinbarung', 'oer_vertrag', 'genossenschaft', 'dienstleistungsvertrag')),
	CONSTRAINT "agreements_status_chk" CHECK ("agreements"."status" in ('intent', 'signed', 'onboarding', 'active', 'notice_given', 'ended')),
	CONSTRAINT "agreements_allocation_chk" CHECK ("agreements"."allocation_key" in ('population', 'workstations', 'usage', 'flat')),
	CONSTRAINT "agreements_vat_chk" CHECK (("agreements"."vat_treatment" = 'not_taxable_2b' and "agreements"."vat_long_term" and "agreements"."vat_public_task" and "agreements"."vat_cost_only" and "agreements"."vat_public_bodies")
        or "agreements"."vat_treatment" = 'taxable_19'
        or ("agreements"."vat_treatment" = 'exempt' and "agreements"."vat_exempt_reason" is not null)),
	CONSTRAINT "agreements_term_chk" CHECK ("agreements"."term_end" is null or "agreements"."term_start" is null or "agreements"."term_end" >= "agreements"."term_start"),
	CONSTRAINT "agreements_notice_chk" CHECK ("agreements"."notice_months" between 0 and 120),
	CONSTRAINT "agreements_shares_chk" CHECK (coalesce("agreements"."share_count", 0) >= 0 and coalesce("agreements"."share_nominal_cents", 0) >= 0 and coalesce("agreements"."share_paid_cents", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"agreement_id" uuid,
	"title" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_sha256_chk" CHECK ("documents"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "onboarding_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"onboarding_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"owner_user_id" uuid,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onboarding_tasks_status_chk" CHECK ("onboarding_tasks"."status" in ('open', 'done', 'not_applicable'))
);
--> statement-breakpoint
CREATE TABLE "onboarding_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"tasks" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "onboardings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"agreement_id" uuid,
	"started_at" date NOT NULL,
	"completed_at" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"pair_id" uuid NOT NULL,
	"description" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_links_self_chk" CHECK ("partner_links"."org_id" <> "partner_links"."partner_id")
);
--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_signed_document_id_documents_id_fk" FOREIGN KEY ("signed_document_id") REFERENCES "public"."documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_tasks" ADD CONSTRAINT "onboarding_tasks_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_tasks" ADD CONSTRAINT "onboarding_tasks_onboarding_id_onboardings_id_fk" FOREIGN KEY ("onboarding_id") REFERENCES "public"."onboardings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_tasks" ADD CONSTRAINT "onboarding_tasks_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_templates" ADD CONSTRAINT "onboarding_templates_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboardings" ADD CONSTRAINT "onboardings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_links" ADD CONSTRAINT "partner_links_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_links" ADD CONSTRAINT "partner_links_partner_id_organisations_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreements_org_idx" ON "agreements" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "agreements_provider_status_idx" ON "agreements" USING btree ("provider_id","status");--> statement-breakpoint
CREATE INDEX "documents_org_idx" ON "documents" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_agreement_idx" ON "documents" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "onboarding_tasks_onboarding_idx" ON "onboarding_tasks" USING btree ("onboarding_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "onboarding_templates_org_uq" ON "onboarding_templates" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "onboardings_open_uq" ON "onboardings" USING btree ("org_id") WHERE "onboardings"."completed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "partner_links_pair_uq" ON "partner_links" USING btree ("org_id","partner_id");--> statement-breakpoint
CREATE INDEX "partner_links_pair_idx" ON "partner_links" USING btree ("pair_id");