-- Ticket numbers from a sequence per provider and year instead of the counter row's lock. The
-- upsert of 0009 held the provider's counter row from the ticket INSERT until COMMIT, so every
-- creator of that provider waited for the one before it to write timeline, audit trail and mail
-- and to commit; under load the holder also waits its turn in the app's event loop between those
-- statements, and creates queued on the row (bench: most INSERTs over 20 ms, all of it lock wait).
-- nextval() is never rolled back and holds no lock: numbers stay unique and increasing in every
-- process, but a create that fails after drawing (a database error, a crash) leaves a gap. Ticket
-- numbers name tickets; unlike invoice numbers they need not be gapless.
--
-- The sequence is made on the first ticket of a provider and year, continuing that counter row
-- (which seeds may have set), so numbering carries on across this change.
CREATE OR REPLACE FUNCTION verbund_ticket_seq_name(p_provider uuid, p_year integer) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT 'ticket_seq_' || replace(p_provider::text, '-', '') || '_' || p_year
$$;
--> statement-breakpoint
DROP FUNCTION IF EXISTS verbund_next_ticket_seq(uuid, integer);
--> statement-breakpoint
CREATE FUNCTION verbund_next_ticket_seq(p_provider uuid, p_year integer) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  seq constant text := verbund_ticket_seq_name(p_provider, p_year);
BEGIN
  IF to_regclass(seq) IS NULL THEN
    -- Two first tickets at once: the advisory lock lets one create the sequence; the other finds
    -- it when that one commits, or (if its catalog view is still the old one) meets the name in
    -- the unique index and uses the sequence all the same.
    PERFORM pg_advisory_xact_lock(hashtext(seq));
    BEGIN
      EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I AS integer START WITH %s', seq,
        coalesce((SELECT c.value FROM ticket_counters c WHERE c.provider_id = p_provider AND c.year = p_year), 0) + 1);
    EXCEPTION WHEN unique_violation OR duplicate_table THEN
      NULL;
    END;
  END IF;
  RETURN nextval(seq);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION verbund_next_ticket_seq(uuid, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION verbund_next_ticket_seq(uuid, integer) TO verbund_app;
--> statement-breakpoint
-- For seeds and imports that write tickets with numbers of their own: the next number drawn for
-- this provider and year is above `p_last`. Admin path only (no grant to the request role).
CREATE OR REPLACE FUNCTION verbund_raise_ticket_seq(p_provider uuid, p_year integer, p_last integer) RETURNS void
  LANGUAGE plpgsql VOLATILE SET search_path = public AS $$
DECLARE
  seq constant text := verbund_ticket_seq_name(p_provider, p_year);
BEGIN
  INSERT INTO ticket_counters AS c (provider_id, year, value) VALUES (p_provider, p_year, p_last)
    ON CONFLICT (provider_id, year) DO UPDATE SET value = greatest(c.value, excluded.value);
  IF to_regclass(seq) IS NOT NULL THEN
    EXECUTE format('SELECT setval(%L, greatest(%s, (SELECT last_value FROM %I)))', seq, p_last, seq);
  END IF;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION verbund_raise_ticket_seq(uuid, integer, integer) FROM PUBLIC;
