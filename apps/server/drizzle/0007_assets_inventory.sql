CREATE TABLE "asset_number_counters" (
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "asset_number_counters_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "asset_relations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"from_asset_id" uuid NOT NULL,
	"type" text NOT NULL,
	"to_asset_id" uuid,
	"to_service_id" uuid,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_relations_type_chk" CHECK ("asset_relations"."type" in ('runs_on', 'connected_to', 'backed_up_by', 'depends_on')),
	CONSTRAINT "asset_relations_target_chk" CHECK (("asset_relations"."to_asset_id" is null) <> ("asset_relations"."to_service_id" is null)),
	CONSTRAINT "asset_relations_self_chk" CHECK ("asset_relations"."to_asset_id" is null or "asset_relations"."to_asset_id" <> "asset_relations"."from_asset_id")
);
--> statement-breakpoint
CREATE TABLE "asset_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"inventory_pattern" text DEFAULT 'INV-{YYYY}-{seq:6}' NOT NULL,
	"low_value_threshold_cents" bigint DEFAULT 80000 NOT NULL,
	"useful_life_months" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_settings_threshold_chk" CHECK ("asset_settings"."low_value_threshold_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"using_member_id" uuid,
	"type" text NOT NULL,
	"inventory_number" text NOT NULL,
	"name" text,
	"serial" text,
	"manufacturer" text,
	"model" text,
	"status" text DEFAULT 'in_stock' NOT NULL,
	"site_id" uuid,
	"room_id" uuid,
	"assigned_person" text,
	"purchase_date" date,
	"cost_cents" bigint,
	"supplier" text,
	"warranty_end" date,
	"funding_reference" text,
	"useful_life_months" integer,
	"disposed_at" date,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_type_chk" CHECK ("assets"."type" in ('workstation', 'laptop', 'monitor', 'printer', 'server', 'virtual_machine', 'firewall', 'switch', 'router', 'storage', 'backup_appliance', 'phone', 'tablet', 'licence')),
	CONSTRAINT "assets_status_chk" CHECK ("assets"."status" in ('ordered', 'in_stock', 'deployed', 'in_repair', 'retired', 'disposed')),
	CONSTRAINT "assets_cost_chk" CHECK ("assets"."cost_cents" >= 0),
	CONSTRAINT "assets_life_chk" CHECK ("assets"."useful_life_months" between 1 and 600),
	CONSTRAINT "assets_tenant_chk" CHECK ("assets"."org_id" = coalesce("assets"."using_member_id", "assets"."owner_org_id")),
	CONSTRAINT "assets_disposed_chk" CHECK (("assets"."status" = 'disposed') = ("assets"."disposed_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "asset_number_counters" ADD CONSTRAINT "asset_number_counters_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_relations" ADD CONSTRAINT "asset_relations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_relations" ADD CONSTRAINT "asset_relations_from_asset_id_assets_id_fk" FOREIGN KEY ("from_asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_relations" ADD CONSTRAINT "asset_relations_to_asset_id_assets_id_fk" FOREIGN KEY ("to_asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_settings" ADD CONSTRAINT "asset_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_owner_org_id_organisations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_using_member_id_organisations_id_fk" FOREIGN KEY ("using_member_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_room_id_site_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."site_rooms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_relations_from_idx" ON "asset_relations" USING btree ("from_asset_id");--> statement-breakpoint
CREATE INDEX "asset_relations_to_asset_idx" ON "asset_relations" USING btree ("to_asset_id");--> statement-breakpoint
CREATE INDEX "asset_relations_to_service_idx" ON "asset_relations" USING btree ("to_service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_relations_asset_uq" ON "asset_relations" USING btree ("from_asset_id","type","to_asset_id") WHERE "asset_relations"."to_asset_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "asset_relations_service_uq" ON "asset_relations" USING btree ("from_asset_id","type","to_service_id") WHERE "asset_relations"."to_service_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "assets_inventory_number_uq" ON "assets" USING btree ("provider_id","inventory_number");--> statement-breakpoint
CREATE INDEX "assets_org_idx" ON "assets" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "assets_owner_idx" ON "assets" USING btree ("owner_org_id","id");--> statement-breakpoint
CREATE INDEX "assets_provider_idx" ON "assets" USING btree ("provider_id","id");--> statement-breakpoint
CREATE INDEX "assets_site_idx" ON "assets" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "assets_warranty_idx" ON "assets" USING btree ("provider_id","warranty_end");