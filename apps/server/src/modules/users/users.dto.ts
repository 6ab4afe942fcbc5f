import { Role } from '@verbund/shared';
import { z } from 'zod';
import { PageQuery } from '../../platform/http/pagination.js';

const Password = z.string().min(12, 'at least 12 characters').max(200);
const Locale = z.enum(['de', 'en']);

export const RoleGrantRequest = z.strictObject({
  orgId: z.uuid(),
  role: Role,
  /** The role also covers every organisation below `orgId`. */
  includeDescendants: z.boolean().default(false),
});
export type RoleGrantRequest = z.infer<typeof RoleGrantRequest>;

export const UserCreateRequest = z.strictObject({
  /** Home organisation that manages the account; the caller needs user.manage there. */
  orgId: z.uuid(),
  email: z.email().max(200),
  name: z.string().trim().min(1).max(200),
  password: Password.optional(),
  locale: Locale.default('de'),
  roles: z.array(RoleGrantRequest).max(50).default([]),
});
export type UserCreateRequest = z.infer<typeof UserCreateRequest>;

export const UserUpdateRequest = z
  .strictObject({
    email: z.email().max(200).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    password: Password.optional(),
    locale: Locale.optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type UserUpdateRequest = z.infer<typeof UserUpdateRequest>;

export const UserIdParams = z.strictObject({ id: z.uuid() });
export const GrantIdParams = z.strictObject({ id: z.uuid(), grantId: z.uuid() });

export const UserListQuery = PageQuery.extend({
  /** Users whose home organisation is this one. */
  orgId: z.uuid().optional(),
  /** Users whose home organisation is this one or below it (the UI's active organisation). */
  within: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
}).strict();
export type UserListQuery = z.infer<typeof UserListQuery>;

export const RoleGrantResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string().nullable(),
  role: Role,
  includeDescendants: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type RoleGrantResponse = z.infer<typeof RoleGrantResponse>;

export const UserResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string().nullable(),
  email: z.string(),
  name: z.string(),
  active: z.boolean(),
  locale: Locale,
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** Grants the caller can see (on organisations visible to it). */
  roles: z.array(RoleGrantResponse),
  abilities: z.object({ update: z.boolean(), grantRoles: z.boolean() }),
});
export type UserResponse = z.infer<typeof UserResponse>;
