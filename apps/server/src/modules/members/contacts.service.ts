import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import type { UsersService } from '../users/index.js';
import type { ContactCreateRequest, ContactInviteRequest, ContactResponse, ContactUpdateRequest } from './members.dto.js';
import type { ContactRow } from './members.schema.js';
import { requireMember } from './member-access.js';
import * as repo from './contacts.repository.js';

const present = (r: ContactRow): ContactResponse => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export class ContactsService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersService,
  ) {}

  async list(auth: AuthContext, orgId: string) {
    return withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'member.read', orgId);
      return { items: (await repo.list(tx, auth, orgId)).map(present) };
    });
  }

  async create(auth: AuthContext, orgId: string, input: ContactCreateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'contact.manage', orgId);
      const row = await repo.insert(tx, auth, { ...input, orgId });
      await recordAudit(tx, auth, { orgId, entityType: 'contact', entityId: row.id, action: 'create', after: row });
      return present(row);
    });
  }

  async update(auth: AuthContext, orgId: string, id: string, input: ContactUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'contact.manage', orgId);
      const before = await repo.find(tx, auth, orgId, id);
      if (!before) {
        throw new NotFoundError();
      }
      const row = (await repo.update(tx, auth, orgId, id, input))!;
      await recordAudit(tx, auth, { orgId, entityType: 'contact', entityId: id, action: 'update', before, after: row });
      return present(row);
    });
  }

  async remove(auth: AuthContext, orgId: string, id: string) {
    await withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'contact.manage', orgId);
      const before = await repo.find(tx, auth, orgId, id);
      if (!before) {
        throw new NotFoundError();
      }
      await repo.remove(tx, auth, orgId, id);
      await recordAudit(tx, auth, { orgId, entityType: 'contact', entityId: id, action: 'delete', before });
    });
  }

  /**
   * Turns a contact into a user of its member (role member_user unless said otherwise), without a
   * password: an administrator sets one or the person logs in via SSO. The user is created by the
   * users module, which checks user.manage and role.grant itself.
   */
  async invite(auth: AuthContext, orgId: string, id: string, input: ContactInviteRequest) {
    const contact = await withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'contact.manage', orgId);
      const c = await repo.find(tx, auth, orgId, id);
      if (!c) {
        throw new NotFoundError();
      }
      if (c.userId) {
        throw new ConflictError('Dieser Kontakt ist schon ein Benutzer.');
      }
      if (!c.email) {
        throw new UnprocessableError('Für eine Einladung braucht der Kontakt eine E-Mail-Adresse.', [
          { field: 'email', message: 'E-Mail-Adresse fehlt' },
        ]);
      }
      return c;
    });
    // Its own transaction (the users module owns it). Should the link below fail, the user stays
    // as a plain user of the member, which an administrator can see and remove.
    const user = await this.users.create(auth, {
      orgId,
      email: contact.email!,
      name: contact.name,
      locale: input.locale,
      roles: [{ orgId, role: input.role, includeDescendants: false }],
    });
    return withTenant(this.db, auth, async (tx) => {
      const row = await repo.update(tx, auth, orgId, id, { userId: user.id });
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, { orgId, entityType: 'contact', entityId: id, action: 'invite', before: contact, after: row });
      return { contact: present(row), user };
    });
  }
}
