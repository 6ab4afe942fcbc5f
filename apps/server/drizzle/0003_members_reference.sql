CREATE TABLE "ref_datasets" (
	"name" text PRIMARY KEY NOT NULL,
	"gebietsstand" date NOT NULL,
	"population_date" date NOT NULL,
	"source" text NOT NULL,
	"licence" text NOT NULL,
	"report" jsonb,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ref_gemeinden" (
	"ars" text PRIMARY KEY NOT NULL,
	"ags" text NOT NULL,
	"name" text NOT NULL,
	"search_name" text NOT NULL,
	"search_name_alt" text NOT NULL,
	"typ_code" integer NOT NULL,
	"typ" text NOT NULL,
	"verband_ars" text NOT NULL,
	"kreis_ags" text NOT NULL,
	"rb" text NOT NULL,
	"land" text NOT NULL,
	"einwohner" integer NOT NULL,
	"einwohner_maennlich" integer NOT NULL,
	"einwohner_weiblich" integer NOT NULL,
	"flaeche_ha" integer NOT NULL,
	"plz" text,
	"plz_mehrere" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ref_gemeinden_ags_uq" UNIQUE("ags")
);
--> statement-breakpoint
CREATE TABLE "ref_kreise" (
	"kreis_ags" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sitz" text,
	"typ_code" integer NOT NULL,
	"typ" text NOT NULL,
	"rb" text NOT NULL,
	"land" text NOT NULL,
	"anzahl_gemeinden" integer NOT NULL,
	"einwohner" integer NOT NULL,
	"flaeche_ha" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ref_laender" (
	"land" text PRIMARY KEY NOT NULL,
	"kuerzel" text NOT NULL,
	"name" text NOT NULL,
	"sitz" text,
	"anzahl_gemeinden" integer NOT NULL,
	"einwohner" integer NOT NULL,
	"flaeche_ha" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ref_regierungsbezirke" (
	"rb" text PRIMARY KEY NOT NULL,
	"land" text NOT NULL,
	"name" text NOT NULL,
	"sitz" text
);
--> statement-breakpoint
CREATE TABLE "ref_verbaende" (
	"verband_ars" text PRIMARY KEY NOT NULL,
	"kreis_ags" text NOT NULL,
	"name" text NOT NULL,
	"sitz" text,
	"typ_code" integer NOT NULL,
	"typ" text NOT NULL,
	"anzahl_gemeinden" integer NOT NULL,
	"einwohner" integer NOT NULL,
	"flaeche_ha" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"notes" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leitweg_ids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"leitweg_id" text NOT NULL,
	"purpose" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leitweg_ids_format_chk" CHECK ("leitweg_ids"."leitweg_id" ~ '^[0-9]{2,12}(-[0-9A-Z]{1,30})?-[0-9]{2}$' and length("leitweg_ids"."leitweg_id") between 5 and 46)
);
--> statement-breakpoint
CREATE TABLE "member_population" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"reference_date" date NOT NULL,
	"value" integer NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_population_value_chk" CHECK ("member_population"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "member_profiles" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"vat_id" text,
	"iban" text,
	"bic" text,
	"bank_name" text,
	"account_holder" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_profiles_vat_chk" CHECK ("member_profiles"."vat_id" ~ '^DE[0-9]{9}$'),
	CONSTRAINT "member_profiles_iban_chk" CHECK ("member_profiles"."iban" ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
	CONSTRAINT "member_profiles_bic_chk" CHECK ("member_profiles"."bic" ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$')
);
--> statement-breakpoint
CREATE TABLE "member_workstations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"reference_date" date NOT NULL,
	"value" integer NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_workstations_value_chk" CHECK ("member_workstations"."value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leitweg_ids" ADD CONSTRAINT "leitweg_ids_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leitweg_ids" ADD CONSTRAINT "leitweg_ids_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_population" ADD CONSTRAINT "member_population_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD CONSTRAINT "member_profiles_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_workstations" ADD CONSTRAINT "member_workstations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ref_gemeinden_kreis_idx" ON "ref_gemeinden" USING btree ("kreis_ags","name");--> statement-breakpoint
CREATE INDEX "ref_gemeinden_verband_idx" ON "ref_gemeinden" USING btree ("verband_ars");--> statement-breakpoint
CREATE INDEX "ref_gemeinden_land_idx" ON "ref_gemeinden" USING btree ("land");--> statement-breakpoint
CREATE INDEX "ref_gemeinden_search_idx" ON "ref_gemeinden" USING btree ("search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "ref_gemeinden_search_alt_idx" ON "ref_gemeinden" USING btree ("search_name_alt" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "ref_gemeinden_ags_pattern_idx" ON "ref_gemeinden" USING btree ("ags" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "ref_kreise_land_idx" ON "ref_kreise" USING btree ("land");--> statement-breakpoint
CREATE INDEX "ref_verbaende_kreis_idx" ON "ref_verbaende" USING btree ("kreis_ags");--> statement-breakpoint
CREATE INDEX "contacts_org_idx" ON "contacts" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_user_uq" ON "contacts" USING btree ("user_id") WHERE "contacts"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "leitweg_ids_provider_uq" ON "leitweg_ids" USING btree ("provider_id","leitweg_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leitweg_ids_default_uq" ON "leitweg_ids" USING btree ("org_id") WHERE "leitweg_ids"."is_default";--> statement-breakpoint
CREATE INDEX "leitweg_ids_org_idx" ON "leitweg_ids" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "member_population_uq" ON "member_population" USING btree ("org_id","reference_date");--> statement-breakpoint
CREATE UNIQUE INDEX "member_workstations_uq" ON "member_workstations" USING btree ("org_id","reference_date");