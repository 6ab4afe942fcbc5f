-- Issued invoices and their documents are immutable (DESIGN.md § 6; corrections only by credit
-- note). The request role may insert documents once and may move a draft invoice to issued, but
-- never change or delete an issued invoice or any stored document.
CREATE OR REPLACE FUNCTION billing_invoice_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'issued' THEN
    RAISE EXCEPTION 'invoice % is issued and cannot be changed', OLD.number USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION billing_invoice_immutable();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION billing_document_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'invoice documents are written once and never changed' USING ERRCODE = 'P0001';
END $$;
--> statement-breakpoint
CREATE TRIGGER invoice_documents_immutable BEFORE UPDATE OR DELETE ON invoice_documents
  FOR EACH ROW EXECUTE FUNCTION billing_document_immutable();
