import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import type { AppEnv } from '../../http/app-env';
import { authorize, existingOr404 } from '../../http/guards';
import { ProblemError } from '../../http/problem';
import { createMacro, deleteMacro, findMacro, listMacros, updateMacro } from '../../macros/macro-store';
import { macroJson, type createMacroRoute, type deleteMacroRoute, type getMacroRoute, type listMacrosRoute, type updateMacroRoute } from './macros.routes';

const titleTaken = (title: string) =>
  new ProblemError(409, 'macro-exists', `A macro titled "${title}" already exists.`, { errors: [{ field: 'title', detail: 'is already taken' }] });

export const list: RouteHandler<typeof listMacrosRoute, AppEnv> = async (c) => {
  authorize(c, 'macro:read');
  return c.json({ items: (await listMacros(c.get('db'))).map(macroJson) }, 200);
};

export const get: RouteHandler<typeof getMacroRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const macro = await existingOr404(c, 'The macro', () => findMacro(db, id));
  authorize(c, 'macro:read');
  return c.json(macroJson(macro), 200);
};

export const create: RouteHandler<typeof createMacroRoute, AppEnv> = async (c) => {
  authorize(c, 'macro:manage');
  const body = c.req.valid('json');
  const result = await createMacro(c.get('db'), auditActor(c), { title: body.title, body: body.body, status: body.status ?? null });
  if (!result.ok) throw titleTaken(body.title);
  return c.json(macroJson(result.value), 201);
};

export const update: RouteHandler<typeof updateMacroRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const db = c.get('db');
  const macro = await existingOr404(c, 'The macro', () => findMacro(db, id));
  authorize(c, 'macro:manage');
  const result = await updateMacro(db, auditActor(c), macro, body);
  if (!result.ok) throw titleTaken(body.title ?? macro.title);
  return c.json(macroJson(result.value), 200);
};

export const remove: RouteHandler<typeof deleteMacroRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const macro = await existingOr404(c, 'The macro', () => findMacro(db, id));
  authorize(c, 'macro:manage');
  await deleteMacro(db, auditActor(c), macro);
  return c.body(null, 204);
};
