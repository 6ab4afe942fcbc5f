import type { Readable } from 'node:stream';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { storeChecked, type FileStore } from '../../platform/files/index.js';
import { HttpError, NotFoundError } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import type { DocumentResponse } from './agreements.dto.js';
import type { DocumentRow } from './agreements.schema.js';
import { organisationsRepository } from '../organisations/index.js';
import * as agreementsRepo from './agreements.repository.js';
import * as repo from './documents.repository.js';

function present(auth: AuthContext, d: DocumentRow): DocumentResponse {
  return {
    id: d.id,
    orgId: d.orgId,
    agreementId: d.agreementId,
    title: d.title,
    filename: d.filename,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedBy: d.uploadedBy,
    createdAt: d.createdAt.toISOString(),
    abilities: { delete: auth.permissions.get(d.orgId)?.has('document.delete') ?? false },
  };
}

export interface UploadMeta {
  title?: string;
  agreementId?: string;
  filename: string;
}

/** A file name safe to store and to echo in Content-Disposition: no paths, no control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned || 'dokument.pdf';
}

export class DocumentsService {
  constructor(
    private readonly db: Db,
    private readonly files: FileStore,
    private readonly maxUploadBytes: number,
  ) {}

  async list(auth: AuthContext, orgId: string, q: { limit: number; cursor?: string; agreementId?: string }) {
    const cursor = decodeCursor(q.cursor);
    if (cursor && typeof cursor[0] !== 'string') {
      throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
    }
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'document.read', [orgId]);
      await this.requireOrg(tx, auth, orgId);
      const rows = await repo.list(tx, auth, orgId, { agreementId: q.agreementId }, q.limit, cursor?.[0] as string | undefined);
      const p = page(rows, q.limit, (r) => [r.id]);
      return { ...p, items: p.items.map((d) => present(auth, d)) };
    });
  }

  /**
   * The id in the URL is an organisation. The access switch also accepts a document id for
   * `document.*` (it owns one lookup for both), so the organisation is checked to exist as such.
   */
  private async requireOrg(tx: Tx, auth: AuthContext, orgId: string) {
    if (!(await organisationsRepository.findById(tx, auth, orgId))) {
      throw new NotFoundError();
    }
  }

  /** The caller may upload here, and the agreement (if any) belongs to the same organisation. */
  private async checkUpload(tx: Tx, auth: AuthContext, orgId: string, agreementId: string | undefined) {
    await access.require(tx, auth, 'document.upload', [orgId]);
    await this.requireOrg(tx, auth, orgId);
    if (agreementId) {
      const a = await agreementsRepo.findById(tx, auth, agreementId);
      if (!a || a.orgId !== orgId) {
        throw new NotFoundError('The agreement does not exist in this organisation or you have no access to it.');
      }
    }
  }

  /**
   * Checks access before a byte is written, streams the file into the store through the content
   * and size checks, then records the row. Whatever fails after the bytes were stored removes them
   * again, so a refused upload leaves neither a row nor a file.
   */
  async upload(auth: AuthContext, orgId: string, meta: UploadMeta, source: Readable) {
    await withTenant(this.db, auth, (tx) => this.checkUpload(tx, auth, orgId, meta.agreementId));
    const stored = await storeChecked(this.files, source, { accept: ['pdf'], maxBytes: this.maxUploadBytes, filename: meta.filename });
    try {
      return await withTenant(this.db, auth, async (tx) => {
        await this.checkUpload(tx, auth, orgId, meta.agreementId);
        const filename = cleanFilename(meta.filename);
        const row = await repo.insert(tx, auth, {
          orgId,
          agreementId: meta.agreementId ?? null,
          title: meta.title?.trim() || filename,
          filename,
          contentType: stored.contentType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          storageKey: stored.key,
          uploadedBy: auth.userId,
        });
        await recordAudit(tx, auth, { orgId, entityType: 'document', entityId: row.id, action: 'create', after: row });
        return present(auth, row);
      });
    } catch (e) {
      await this.files.delete(stored.key);
      throw e;
    }
  }

  async get(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'document.read', [id]);
      const row = await repo.findById(tx, auth, id);
      if (!row) {
        throw new NotFoundError();
      }
      return present(auth, row);
    });
  }

  /** The row and a stream of its bytes, after the access check. */
  async open(auth: AuthContext, id: string): Promise<{ doc: DocumentResponse; stream: Readable }> {
    const row = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'document.read', [id]);
      const r = await repo.findById(tx, auth, id);
      if (!r) {
        throw new NotFoundError();
      }
      return r;
    });
    return { doc: present(auth, row), stream: await this.files.get(row.storageKey) };
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    const key = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'document.delete', [id]);
      const before = await repo.findById(tx, auth, id);
      if (!before) {
        throw new NotFoundError();
      }
      if (await repo.isSignedCopy(tx, auth, id)) {
        throw new HttpError(409, 'Conflict', 'The document is the signed copy of an agreement and is kept with it.', { code: 'document_signed_copy' });
      }
      await repo.remove(tx, auth, id);
      await recordAudit(tx, auth, { orgId: before.orgId, entityType: 'document', entityId: id, action: 'delete', before });
      return before.storageKey;
    });
    // After the commit: a failed delete leaves an orphan file, never a row without its file.
    await this.files.delete(key);
  }
}
