CREATE TABLE "data_centre_partners" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"data_centre_id" uuid NOT NULL,
	"partner_site_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_centre_partners_self_chk" CHECK ("data_centre_partners"."data_centre_id" <> "data_centre_partners"."partner_site_id")
);
--> statement-breakpoint
CREATE TABLE "service_placements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"service_id" uuid,
	"name" text NOT NULL,
	"primary_site_id" uuid NOT NULL,
	"replica_site_id" uuid,
	"replication" text DEFAULT 'asynchronous' NOT NULL,
	"rto_hours" integer,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_placements_distinct_chk" CHECK ("service_placements"."replica_site_id" is null or "service_placements"."replica_site_id" <> "service_placements"."primary_site_id"),
	CONSTRAINT "service_placements_rto_chk" CHECK ("service_placements"."rto_hours" is null or "service_placements"."rto_hours" >= 0)
);
--> statement-breakpoint
CREATE TABLE "site_rooms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"floor" text,
	"purpose" text DEFAULT 'other' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"street" text,
	"postal_code" text,
	"city" text,
	"partner_provider_id" uuid,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_partner_chk" CHECK (("sites"."kind" = 'partner_data_centre') = ("sites"."partner_provider_id" is not null)),
	CONSTRAINT "sites_partner_not_self_chk" CHECK ("sites"."partner_provider_id" is null or "sites"."partner_provider_id" <> "sites"."provider_id"),
	CONSTRAINT "sites_dc_owner_chk" CHECK ("sites"."kind" not in ('data_centre', 'partner_data_centre') or "sites"."org_id" = "sites"."provider_id"),
	CONSTRAINT "sites_postal_code_chk" CHECK ("sites"."postal_code" is null or "sites"."postal_code" ~ '^[0-9]{5}$')
);
--> statement-breakpoint
ALTER TABLE "data_centre_partners" ADD CONSTRAINT "data_centre_partners_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_centre_partners" ADD CONSTRAINT "data_centre_partners_data_centre_id_sites_id_fk" FOREIGN KEY ("data_centre_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_centre_partners" ADD CONSTRAINT "data_centre_partners_partner_site_id_sites_id_fk" FOREIGN KEY ("partner_site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_placements" ADD CONSTRAINT "service_placements_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_placements" ADD CONSTRAINT "service_placements_primary_site_id_sites_id_fk" FOREIGN KEY ("primary_site_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_placements" ADD CONSTRAINT "service_placements_replica_site_id_sites_id_fk" FOREIGN KEY ("replica_site_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_rooms" ADD CONSTRAINT "site_rooms_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_rooms" ADD CONSTRAINT "site_rooms_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_partner_provider_id_organisations_id_fk" FOREIGN KEY ("partner_provider_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_centre_partners_uq" ON "data_centre_partners" USING btree ("data_centre_id","partner_site_id");--> statement-breakpoint
CREATE INDEX "service_placements_provider_idx" ON "service_placements" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "service_placements_primary_idx" ON "service_placements" USING btree ("primary_site_id");--> statement-breakpoint
CREATE INDEX "service_placements_replica_idx" ON "service_placements" USING btree ("replica_site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "site_rooms_site_name_uq" ON "site_rooms" USING btree ("site_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "sites_org_name_uq" ON "sites" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "sites_provider_kind_idx" ON "sites" USING btree ("provider_id","kind");