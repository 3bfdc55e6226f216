import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor, auditStatement } from '../../audit/audit-log';
import { canAssignRole } from '../../auth/permissions';
import { revokeUserAccessStatements } from '../../auth/sessions';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { authorize, existingOr404 } from '../../http/guards';
import { ProblemError } from '../../http/problem';
import { userJson } from '../../users/user-json';
import { deactivateStatement, findUserById, listUsers, setRoleStatement } from '../../users/user-store';
import type { changeRoleRoute, deactivateUserRoute, getUserRoute, listUsersRoute } from './users.routes';

export const listTenantUsers: RouteHandler<typeof listUsersRoute, AppEnv> = async (c) => {
  authorize(c, 'user:list');
  const query = c.req.valid('query');
  const rows = await listUsers(c.get('db'), { q: query.q, role: query.role, afterId: query.cursor?.id, limit: query.limit });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null;
  return c.json({ items: page.map(userJson), next_cursor: nextCursor }, 200);
};

export const getUser: RouteHandler<typeof getUserRoute, AppEnv> = async (c) => {
  const user = await existingOr404(c, 'The user', () => findUserById(c.get('db'), c.req.valid('param').id));
  authorize(c, 'user:read');
  return c.json(userJson(user), 200);
};

export const changeRole: RouteHandler<typeof changeRoleRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { role } = c.req.valid('json');
  const db = c.get('db');
  const user = await existingOr404(c, 'The user', () => findUserById(db, id));
  const principal = authorize(c, 'user:change_role');
  if (user.id === principal.userId) {
    throw new ProblemError(409, 'own-role', 'You cannot change your own role; ask another owner or admin.');
  }
  if (!canAssignRole(principal.role, user.role, role)) {
    throw new ProblemError(403, 'forbidden', `An ${principal.role} may not change an ${user.role} to ${role}.`, {
      errors: [{ field: 'role', detail: `is not a change an ${principal.role} may make` }],
    });
  }
  if (user.role === role) return c.json(userJson(user), 200);
  const [[updated]] = await db.batch([
    setRoleStatement(db, user.id, role),
    auditStatement(db, auditActor(c), {
      action: 'user.role_change',
      targetType: 'user',
      targetId: user.id,
      before: { role: user.role },
      after: { role },
    }),
  ]);
  return c.json(userJson(updated ?? { ...user, role }), 200);
};

export const deactivateUser: RouteHandler<typeof deactivateUserRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const user = await existingOr404(c, 'The user', () => findUserById(db, id));
  const principal = authorize(c, 'user:deactivate');
  if (user.id === principal.userId) {
    throw new ProblemError(409, 'own-account', 'You cannot deactivate your own account.');
  }
  if (user.role === 'owner' && principal.role !== 'owner') {
    throw new ProblemError(403, 'forbidden', 'Only an owner may deactivate an owner.');
  }
  if (!user.active) return c.json(userJson(user), 200);
  const [[updated]] = await db.batch([
    deactivateStatement(db, user.id),
    // One transaction: the account is inactive exactly when its sessions and tokens are gone.
    ...revokeUserAccessStatements(db, user.id, { tokens: true }),
    auditStatement(db, auditActor(c), {
      action: 'user.deactivate',
      targetType: 'user',
      targetId: user.id,
      before: { active: true },
      after: { active: false },
    }),
  ]);
  return c.json(userJson(updated ?? { ...user, active: false }), 200);
};
