import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../db/tenant/users';
import { cursorParam, idPosition } from '../../http/cursor';
import { idParam, limitParam, text } from '../../http/fields';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { UserSchema } from '../../users/user-json';

// The tenant's people, for staff: find them, change a role, deactivate an account.

const roleEnum = z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` });

const UserListQuery = z.object({
  q: text({ max: 200 }).optional().openapi({ description: 'Part of the name or e-mail' }),
  role: roleEnum.optional(),
  limit: limitParam,
  cursor: cursorParam(idPosition).optional(),
});

const UserPage = z.object({ items: z.array(UserSchema), next_cursor: z.string().nullable() }).openapi('UserPage');

const UserPath = z.object({ id: idParam.openapi({ param: { name: 'id', in: 'path' } }) });

const ChangeRoleBody = z.strictObject({ role: roleEnum }).openapi('ChangeRole');

const userContent = { 'application/json': { schema: UserSchema } };

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: ['Users'],
  summary: 'List and search users (staff only), in id order',
  request: { query: UserListQuery },
  responses: {
    200: { description: 'A page of users', content: { 'application/json': { schema: UserPage } } },
    400: commonErrors[400],
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

export const getUserRoute = createRoute({
  method: 'get',
  path: '/users/{id}',
  tags: ['Users'],
  summary: 'One user (staff only)',
  request: { params: UserPath },
  responses: {
    200: { description: 'The user', content: userContent },
    ...commonErrors,
  },
});

export const changeRoleRoute = createRoute({
  method: 'patch',
  path: '/users/{id}/role',
  tags: ['Users'],
  summary: "Change a user's role",
  description: 'Owners grant and take away any role; admins only roles below admin. Nobody changes their own role.',
  request: {
    params: UserPath,
    body: { required: true, content: { 'application/json': { schema: ChangeRoleBody } } },
  },
  responses: {
    200: { description: 'The user with the new role', content: userContent },
    ...commonErrors,
    409: { description: 'Your own role', content: problemContent },
  },
});

export const deactivateUserRoute = createRoute({
  method: 'post',
  path: '/users/{id}/deactivate',
  tags: ['Users'],
  summary: 'Deactivate an account: its sessions end and its API tokens are revoked at once',
  description: 'Only an owner deactivates an owner. Nobody deactivates themselves.',
  request: { params: UserPath },
  responses: {
    200: { description: 'The deactivated user', content: userContent },
    ...commonErrors,
    409: { description: 'Your own account', content: problemContent },
  },
});
