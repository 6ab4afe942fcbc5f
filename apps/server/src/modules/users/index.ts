export { UsersService } from './users.service.js';
export { usersRoutes } from './users.routes.js';
export { users, roleGrants, type UserRow, type RoleGrantRow } from './users.schema.js';
