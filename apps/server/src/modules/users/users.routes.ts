import { authOf } from '../../platform/auth/auth.plugin.js';
import { pageResponse } from '../../platform/http/pagination.js';
import type { App } from '../../platform/http/types.js';
import {
  GrantIdParams,
  RoleGrantRequest,
  UserCreateRequest,
  UserIdParams,
  UserListQuery,
  UserResponse,
  UserUpdateRequest,
} from './users.dto.js';
import type { UsersService } from './users.service.js';

const tags = ['users'];

export function usersRoutes(app: App, service: UsersService) {
  app.get(
    '/api/v1/users',
    { schema: { tags, summary: 'Users of the organisations the caller may manage or read', querystring: UserListQuery, response: { 200: pageResponse(UserResponse) } } },
    async (req) => service.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/users',
    { schema: { tags, summary: 'Create a user (optionally with roles)', body: UserCreateRequest, response: { 201: UserResponse } } },
    async (req, reply) => reply.code(201).send(await service.create(authOf(req), req.body)),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One user with its visible role grants', params: UserIdParams, response: { 200: UserResponse } } },
    async (req) => service.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user; `active: false` deactivates and ends its sessions',
        params: UserIdParams,
        body: UserUpdateRequest,
        response: { 200: UserResponse },
      },
    },
    async (req) => service.update(authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/users/:id/roles',
    { schema: { tags, summary: 'Grant a role on an organisation', params: UserIdParams, body: RoleGrantRequest, response: { 200: UserResponse } } },
    async (req) => service.grant(authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/users/:id/roles/:grantId',
    { schema: { tags, summary: 'Revoke a role grant', params: GrantIdParams, response: { 200: UserResponse } } },
    async (req) => service.revoke(authOf(req), req.params.id, req.params.grantId),
  );
}
