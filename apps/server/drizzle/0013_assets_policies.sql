-- Inventory settings (number pattern, low-value threshold, useful lives) belong to the provider
-- (org_id = provider) but every member of that provider reads them: a member's asset page shows
-- its book value. Only the provider's own staff (the provider in verbund.org_ids) writes them.
DROP POLICY IF EXISTS verbund_tenant ON asset_settings;
--> statement-breakpoint
CREATE POLICY verbund_tenant ON asset_settings AS RESTRICTIVE FOR ALL TO verbund_app
  USING (org_id = ANY ((SELECT verbund_provider_ids())::uuid[])) WITH CHECK (org_id = ANY ((SELECT verbund_org_ids())::uuid[]));
--> statement-breakpoint
-- Inventory numbers: a member admin creating an asset cannot see its provider's counter row, so
-- numbers are drawn through this owner-run function. It hands out `p_count` numbers at once (an
-- import takes one block) and returns the last; the caller must see some organisation of the
-- provider. Numbers need not be gapless: a rolled-back import may leave a gap.
CREATE OR REPLACE FUNCTION verbund_next_asset_seq(p_provider uuid, p_year integer, p_count integer) RETURNS bigint
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v bigint;
BEGIN
  IF p_count < 1 OR NOT (p_provider = ANY (verbund_provider_ids())) THEN
    RAISE EXCEPTION 'asset numbers: provider not visible or count < 1' USING ERRCODE = '42501';
  END IF;
  INSERT INTO asset_number_counters AS c (org_id, year, last) VALUES (p_provider, p_year, p_count)
  ON CONFLICT (org_id, year) DO UPDATE SET last = c.last + p_count
  RETURNING last INTO v;
  RETURN v;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION verbund_next_asset_seq(uuid, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION verbund_next_asset_seq(uuid, integer, integer) TO verbund_app;
