CREATE TABLE "price_list_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"price_list_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"unit_price" numeric(14, 4) NOT NULL,
	"tier_mode" text DEFAULT 'graduated' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_list_items_price_chk" CHECK ("price_list_items"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "price_lists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"notes" text,
	"published_at" timestamp with time zone,
	"frozen_at" timestamp with time zone,
	"copied_from_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_lists_year_chk" CHECK ("price_lists"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "price_tiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"above_quantity" numeric(14, 4) NOT NULL,
	"unit_price" numeric(14, 4) NOT NULL,
	CONSTRAINT "price_tiers_above_chk" CHECK ("price_tiers"."above_quantity" > 0),
	CONSTRAINT "price_tiers_price_chk" CHECK ("price_tiers"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_de" text NOT NULL,
	"name_en" text,
	"description_de" text,
	"description_en" text,
	"category" text NOT NULL,
	"charge_unit" text NOT NULL,
	"unit_code" text NOT NULL,
	"vat_treatment" text DEFAULT 'taxable_19' NOT NULL,
	"vat_exemption_code" text,
	"vat_exemption_reason" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_code_chk" CHECK ("services"."code" ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$'),
	CONSTRAINT "services_unit_code_chk" CHECK ("services"."unit_code" ~ '^[A-Z0-9]{1,3}$'),
	CONSTRAINT "services_vat_chk" CHECK ("services"."vat_treatment" <> 'exempt' or ("services"."vat_exemption_code" is not null and "services"."vat_exemption_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "subscription_quantities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"quantity" numeric(14, 4) NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_quantities_qty_chk" CHECK ("subscription_quantities"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_dates_chk" CHECK ("subscriptions"."valid_to" is null or "subscriptions"."valid_to" >= "subscriptions"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "price_list_items" ADD CONSTRAINT "price_list_items_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_list_items" ADD CONSTRAINT "price_list_items_price_list_id_price_lists_id_fk" FOREIGN KEY ("price_list_id") REFERENCES "public"."price_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_list_items" ADD CONSTRAINT "price_list_items_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_lists" ADD CONSTRAINT "price_lists_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_tiers" ADD CONSTRAINT "price_tiers_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_tiers" ADD CONSTRAINT "price_tiers_item_id_price_list_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."price_list_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_quantities" ADD CONSTRAINT "subscription_quantities_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_quantities" ADD CONSTRAINT "subscription_quantities_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "price_list_items_list_service_uq" ON "price_list_items" USING btree ("price_list_id","service_id");--> statement-breakpoint
CREATE INDEX "price_list_items_service_idx" ON "price_list_items" USING btree ("service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_lists_provider_year_uq" ON "price_lists" USING btree ("provider_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "price_tiers_item_above_uq" ON "price_tiers" USING btree ("item_id","above_quantity");--> statement-breakpoint
CREATE UNIQUE INDEX "services_provider_code_uq" ON "services" USING btree ("provider_id","code");--> statement-breakpoint
CREATE INDEX "services_provider_name_idx" ON "services" USING btree ("provider_id","name_de");--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_quantities_uq" ON "subscription_quantities" USING btree ("subscription_id","valid_from");--> statement-breakpoint
CREATE INDEX "subscriptions_org_service_idx" ON "subscriptions" USING btree ("org_id","service_id","valid_from");--> statement-breakpoint
CREATE INDEX "subscriptions_provider_idx" ON "subscriptions" USING btree ("provider_id","valid_from");--> statement-breakpoint
CREATE INDEX "subscriptions_service_idx" ON "subscriptions" USING btree ("service_id");
--> statement-breakpoint
-- Catalogue tenancy (services, price lists, prices, tiers): rows belong to a provider
-- (`provider_id`, no `org_id`). Members read their provider's catalogue; only the provider writes.
-- verbund_provider_ids() (migration 0009) = the providers of every organisation the request may see.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['services', 'price_lists', 'price_list_items', 'price_tiers']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY verbund_all ON %I AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true)', t);
    EXECUTE format('CREATE POLICY verbund_catalog_read ON %I AS RESTRICTIVE FOR SELECT TO verbund_app '
      'USING (provider_id = ANY ((SELECT verbund_provider_ids())::uuid[]))', t);
    EXECUTE format('CREATE POLICY verbund_catalog_insert ON %I AS RESTRICTIVE FOR INSERT TO verbund_app '
      'WITH CHECK (provider_id = ANY ((SELECT verbund_org_ids())::uuid[]))', t);
    EXECUTE format('CREATE POLICY verbund_catalog_update ON %I AS RESTRICTIVE FOR UPDATE TO verbund_app '
      'USING (provider_id = ANY ((SELECT verbund_org_ids())::uuid[])) WITH CHECK (provider_id = ANY ((SELECT verbund_org_ids())::uuid[]))', t);
    EXECUTE format('CREATE POLICY verbund_catalog_delete ON %I AS RESTRICTIVE FOR DELETE TO verbund_app '
      'USING (provider_id = ANY ((SELECT verbund_org_ids())::uuid[]))', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO verbund_app', t);
  END LOOP;
END $$;
