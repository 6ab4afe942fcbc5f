import { OrganisationKind, Permission, Role } from '@verbund/shared';
import { z } from 'zod';

export const LoginRequest = z.strictObject({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
});

export const MembershipResponse = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  orgKind: OrganisationKind,
  parentId: z.uuid().nullable(),
  roles: z.array(Role),
  permissions: z.array(Permission),
});

export const MeResponse = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    locale: z.enum(['de', 'en']),
    orgId: z.uuid(),
  }),
  /** Every organisation the caller can see, with its roles and permissions there. */
  memberships: z.array(MembershipResponse),
  /** Send back as `X-CSRF-Token` on every state-changing request. */
  csrfToken: z.string(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const ApiTokenCreateRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(Permission).min(1).max(50),
  includeDescendants: z.boolean().default(false),
  /** Expiry in days; tokens never live forever. */
  expiresInDays: z.number().int().min(1).max(730).default(90),
});

export const ApiTokenResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(Permission),
  includeDescendants: z.boolean(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export const ApiTokenCreatedResponse = ApiTokenResponse.extend({
  /** Shown once; only its hash is stored. */
  token: z.string(),
});
