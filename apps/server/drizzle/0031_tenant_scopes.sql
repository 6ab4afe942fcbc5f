CREATE TABLE "tenant_scopes" (
	"key" text PRIMARY KEY NOT NULL,
	"org_ids" uuid[] NOT NULL,
	"provider_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The request role neither reads nor writes registered scopes; the functions below read them as
-- their owner, only under the key the app put into this transaction's setting.
REVOKE ALL ON tenant_scopes FROM verbund_app;
--> statement-breakpoint
-- The visible organisations: the inline list `verbund.org_ids` when set (short lists, and scopes
-- extended inside a transaction), else the registered scope named by `verbund.scope`. Parsing an
-- agent's 1,001-id text list cost ~1.1 ms for every table under a policy in every statement
-- (about 20 times per ticket create); the stored binary array is read in well under 0.1 ms.
-- An unknown key is an error, never an empty (or any other) scope.
CREATE OR REPLACE FUNCTION verbund_org_ids() RETURNS uuid[]
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  inline text := current_setting('verbund.org_ids', true);
  k text := current_setting('verbund.scope', true);
  ids uuid[];
BEGIN
  IF inline IS NOT NULL AND inline <> '' THEN
    RETURN inline::uuid[];
  END IF;
  IF k IS NULL OR k = '' THEN
    RETURN '{}';
  END IF;
  SELECT s.org_ids INTO ids FROM tenant_scopes s WHERE s.key = k;
  IF ids IS NULL THEN
    RAISE EXCEPTION 'verbund: unknown tenant scope %', k;
  END IF;
  RETURN ids;
END $$;
--> statement-breakpoint
-- The providers of the visible organisations: stored with a registered scope, else looked up.
CREATE OR REPLACE FUNCTION verbund_provider_ids() RETURNS uuid[]
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  inline text := current_setting('verbund.org_ids', true);
  k text := current_setting('verbund.scope', true);
  ids uuid[];
BEGIN
  IF (inline IS NULL OR inline = '') AND k IS NOT NULL AND k <> '' THEN
    SELECT s.provider_ids INTO ids FROM tenant_scopes s WHERE s.key = k;
    IF ids IS NULL THEN
      RAISE EXCEPTION 'verbund: unknown tenant scope %', k;
    END IF;
    RETURN ids;
  END IF;
  SELECT coalesce(array_agg(DISTINCT o.provider_id), '{}') INTO ids
    FROM organisations o WHERE o.id IN (SELECT unnest(verbund_org_ids()));
  RETURN ids;
END $$;
--> statement-breakpoint
-- Registers a scope (idempotent). Called by the connecting role before a tenant transaction.
CREATE OR REPLACE FUNCTION verbund_register_scope(p_key text, p_org_ids uuid[]) RETURNS void
  LANGUAGE sql VOLATILE SET search_path = public AS $$
  INSERT INTO tenant_scopes (key, org_ids, provider_ids)
  SELECT p_key, p_org_ids, coalesce(array_agg(DISTINCT o.provider_id), '{}')
    FROM organisations o WHERE o.id = ANY (p_org_ids)
  ON CONFLICT (key) DO NOTHING
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION verbund_register_scope(text, uuid[]) FROM PUBLIC;
