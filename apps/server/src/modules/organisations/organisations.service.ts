import type { OrganisationType } from '@verbund/shared';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { extendScope, withTenant } from '../../platform/db/tenant.js';
import { HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { checkOrganisationKeys } from '../reference/index.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import type {
  OrganisationCreateRequest,
  OrganisationListQuery,
  OrganisationResponse,
  OrganisationUpdateRequest,
} from './organisations.dto.js';
import * as repo from './organisations.repository.js';

/** Shapes a row for the API, with what this caller may do with it. */
export function present(auth: AuthContext, row: repo.OrganisationWithCount): OrganisationResponse {
  const perms = auth.permissions.get(row.id);
  return {
    ...row,
    kind: row.kind,
    type: row.type as OrganisationType,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: {
      update: perms?.has('organisation.update') ?? false,
      // A provider is removed by an operator, not through the API.
      delete: row.kind === 'member' && (perms?.has('organisation.delete') ?? false),
      createChild: perms?.has('organisation.create') ?? false,
      manageUsers: perms?.has('user.manage') ?? false,
      readAudit: perms?.has('audit.read') ?? false,
    },
  };
}

/** AGS/ARS must exist in the Gemeindeverzeichnis for types that have them (422 with the reason). */
async function assertKeys(tx: Tx, o: { type: string; ags?: string | null; ars?: string | null }) {
  const errors = await checkOrganisationKeys(tx, o);
  if (errors.length > 0) {
    throw new UnprocessableError(errors.map((e) => e.message).join(' '), errors);
  }
}

/**
 * Ids of the visible organisations with an agreement of this status/kind. Supplied by the agreements
 * module at wiring time (app.ts), so this module never reads the agreements table itself.
 */
export type AgreementOrgFilter = (tx: Tx, auth: AuthContext, f: { status?: string; kind?: string }) => Promise<string[]>;

export class OrganisationsService {
  constructor(
    private readonly db: Db,
    private readonly agreementFilter?: AgreementOrgFilter,
  ) {}

  async list(auth: AuthContext, q: OrganisationListQuery) {
    access.requireAnywhere(auth, 'organisation.read');
    const after = decodeCursor(q.cursor);
    return withTenant(this.db, auth, async (tx) => {
      if (q.within) {
        await access.require(tx, auth, 'organisation.read', [q.within]);
      }
      const f: repo.OrganisationFilter = { ...q };
      if (q.status || q.agreementKind) {
        f.idsIn = this.agreementFilter ? await this.agreementFilter(tx, auth, { status: q.status, kind: q.agreementKind }) : [];
      }
      const { rows, total } = await repo.list(tx, auth, f, q.sort, q.limit, after);
      const p = page(rows, q.limit, (r) => [r.name, r.id]);
      return { ...p, items: p.items.map((r) => present(auth, r)), total };
    });
  }

  async get(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'organisation.read', [id]);
      const row = await repo.findById(tx, auth, id);
      if (!row) {
        throw new NotFoundError();
      }
      return present(auth, row);
    });
  }

  async children(auth: AuthContext, id: string, q: OrganisationListQuery) {
    await this.get(auth, id);
    return this.list(auth, { ...q, parentId: id });
  }

  async create(auth: AuthContext, input: OrganisationCreateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'organisation.create', [input.parentId]);
      const parent = await repo.findById(tx, auth, input.parentId);
      if (!parent) {
        throw new NotFoundError();
      }
      await assertKeys(tx, input);
      const id = uuidv7();
      // The new row is outside the session's scope until now; the check above allows it.
      await extendScope(tx, [id]);
      const row = await repo.insert(tx, auth, {
        ...input,
        id,
        kind: 'member',
        providerId: parent.providerId,
      });
      await recordAudit(tx, auth, { orgId: id, entityType: 'organisation', entityId: id, action: 'create', after: row });
      // The creator sees the new organisation through its grant on the parent (with descendants);
      // present it with the parent's permissions until the next request resolves them afresh.
      const inherited = new Map(auth.permissions);
      inherited.set(id, auth.permissions.get(input.parentId) ?? new Set());
      return present({ ...auth, permissions: inherited }, { ...row, childCount: 0 });
    });
  }

  async update(auth: AuthContext, id: string, input: OrganisationUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'organisation.update', [id]);
      const before = await repo.findById(tx, auth, id);
      if (!before) {
        throw new NotFoundError();
      }
      if (input.type !== undefined || input.ags !== undefined || input.ars !== undefined) {
        await assertKeys(tx, { type: input.type ?? before.type, ags: input.ags === undefined ? before.ags : input.ags, ars: input.ars === undefined ? before.ars : input.ars });
      }
      const row = await repo.update(tx, auth, id, input);
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, { orgId: id, entityType: 'organisation', entityId: id, action: 'update', before, after: row });
      return present(auth, { ...row, childCount: before.childCount });
    });
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'organisation.delete', [id]);
      const before = await repo.findById(tx, auth, id);
      if (!before) {
        throw new NotFoundError();
      }
      if (before.kind === 'provider') {
        throw new HttpError(409, 'Conflict', 'A provider cannot be deleted through the API.', { code: 'organisation_provider_delete' });
      }
      if (before.childCount > 0) {
        throw new HttpError(409, 'Conflict', 'The organisation still has sub-organisations. Move or delete them first.', { code: 'organisation_has_children' });
      }
      // Written before the delete: the event's org is the deleted one, kept for the parent's history.
      await recordAudit(tx, auth, { orgId: before.parentId!, entityType: 'organisation', entityId: id, action: 'delete', before });
      await repo.remove(tx, auth, id);
    });
  }
}
