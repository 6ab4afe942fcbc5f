import { renderHtml, type Invoice } from '@verbund/einvoice';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ForbiddenError, HttpError, NotFoundError } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import type { InvoiceListQuery, InvoiceResponse } from './billing.dto.js';
import type { StoredLine } from './billing.schema.js';
import { sha256 } from './billing-runs.service.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { writeValidated, type XmlSyntax } from './invoice-xml.js';
import { has } from './provider.js';
import * as repo from './runs.repository.js';

const n = (v: bigint) => Number(v);

function presentLine(l: StoredLine) {
  return {
    id: l.id,
    name: l.name,
    description: l.description ?? null,
    quantity: l.quantity,
    unitCode: l.unitCode,
    unitPrice: l.unitPrice,
    netCents: Number(l.netCents),
    vatCategory: l.vatCategory,
    vatRate: l.vatRate,
    periodStart: l.periodStart ?? null,
    periodEnd: l.periodEnd ?? null,
  };
}

export function presentInvoice(i: repo.InvoiceWithNames, docs: { kind: 'ubl' | 'cii' | 'pdf'; sha256: string; sizeBytes: number }[] = []): InvoiceResponse {
  return {
    id: i.id,
    orgId: i.orgId,
    orgName: i.orgName,
    providerId: i.providerId,
    runId: i.runId,
    runKind: i.runKind,
    status: i.status,
    typeCode: i.typeCode as '380' | '381',
    number: i.number,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    periodStart: i.periodStart,
    periodEnd: i.periodEnd,
    leitwegId: i.leitwegId,
    netCents: n(i.netCents),
    vatCents: n(i.vatCents),
    grossCents: n(i.grossCents),
    precedingNumber: i.precedingNumber,
    lines: i.lines.map(presentLine),
    explanation: i.explanation.map((e) => ({
      poolName: e.poolName,
      key: e.key,
      baseCents: Number(e.baseCents),
      keyValue: e.keyValue,
      keyTotal: e.keyTotal,
      share: e.share,
      days: e.days ?? null,
      amountCents: Number(e.amountCents),
      advancesCents: e.advancesCents === undefined ? null : Number(e.advancesCents),
    })),
    documents: docs,
  };
}

export interface StoredDocument {
  filename: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

/** Issued invoices for members and finance; drafts only for those who may read billing. */
export class InvoicesService {
  constructor(private readonly db: Db) {}

  async list(auth: AuthContext, q: InvoiceListQuery) {
    const issuedOrgIds = orgsWith(auth, 'invoice.read');
    const draftOrgIds = orgsWith(auth, 'billing.read');
    if (issuedOrgIds.length === 0 && draftOrgIds.length === 0) {
      throw new ForbiddenError('You lack the permission invoice.read.');
    }
    return withTenant(this.db, auth, async (tx) => {
      if (q.memberId) {
        await access.require(tx, auth, 'invoice.read', [q.memberId]);
      }
      if (q.runId) {
        await access.require(tx, auth, 'billing.read', [q.runId]);
      }
      const cursor = decodeCursor(q.cursor);
      const after = cursor?.[0];
      if (cursor && typeof after !== 'string') {
        throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
      }
      const f = { issuedOrgIds, draftOrgIds, memberId: q.memberId, runId: q.runId, status: q.status, year: q.year };
      const rows = await repo.listInvoices(tx, auth, f, q.limit, after as string | undefined);
      const p = page(rows, q.limit, (r) => [r.id]);
      return { ...p, items: p.items.map((r) => presentInvoice(r)), total: await repo.countInvoices(tx, auth, f) };
    });
  }

  /** The invoice if the caller may see it: issued with invoice.read, a draft only with billing.read. */
  private async load(tx: Tx, auth: AuthContext, id: string) {
    await access.require(tx, auth, 'invoice.read', [id]);
    const inv = await repo.findInvoice(tx, auth, id);
    if (!inv || (inv.status === 'draft' && !has(auth, inv.orgId, 'billing.read'))) {
      throw new NotFoundError();
    }
    return inv;
  }

  async get(auth: AuthContext, id: string): Promise<InvoiceResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const inv = await this.load(tx, auth, id);
      const docs = await repo.documentsMeta(tx, auth, [id]);
      return presentInvoice(inv, docs.map(({ kind, sha256: h, sizeBytes }) => ({ kind, sha256: h, sizeBytes })));
    });
  }

  private async issued(tx: Tx, auth: AuthContext, id: string) {
    const inv = await this.load(tx, auth, id);
    if (inv.status !== 'issued' || !inv.model) {
      throw new HttpError(409, 'Conflict', 'A draft has no XRechnung or PDF yet; issue the run first.');
    }
    return inv;
  }

  /**
   * The stored document of an issued invoice. UBL is written when issuing; CII and the PDF are
   * produced from the stored model on first request (the CII validated like the UBL), stored once
   * and served from then on, so every download of a document is byte-identical.
   */
  async document(auth: AuthContext, id: string, kind: XmlSyntax | 'pdf'): Promise<StoredDocument> {
    return withTenant(this.db, auth, async (tx) => {
      const inv = await this.issued(tx, auth, id);
      let doc = await repo.findDocument(tx, auth, id, kind);
      if (!doc) {
        const content =
          kind === 'pdf' ? await renderInvoicePdf(inv.model as Invoice, inv.explanation) : Buffer.from(writeValidated(inv.model as Invoice, kind), 'utf8');
        const contentType = kind === 'pdf' ? 'application/pdf' : 'application/xml';
        await repo.insertDocuments(tx, [{ orgId: inv.orgId, invoiceId: id, kind, contentType, content, sha256: sha256(content), sizeBytes: content.length }]);
        doc = (await repo.findDocument(tx, auth, id, kind))!;
      }
      const base = (inv.number ?? id).replace(/[^A-Za-z0-9-]/g, '_');
      return {
        filename: kind === 'pdf' ? `${base}.pdf` : `${base}-${kind}.xml`,
        contentType: doc.contentType,
        content: doc.content,
        sha256: doc.sha256,
      };
    });
  }

  /** The rendered view of the XRechnung (packages/einvoice renderHtml), as a whole HTML page. */
  async view(auth: AuthContext, id: string, lang: 'de' | 'en'): Promise<string> {
    return withTenant(this.db, auth, async (tx) => {
      const inv = await this.issued(tx, auth, id);
      return renderHtml(inv.model as Invoice, { lang });
    });
  }
}
