import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import type { AppEnv } from '../../http/app-env';
import { authorize, existingOr404 } from '../../http/guards';
import { ProblemError } from '../../http/problem';
import { createTag, deleteTag, findTag, listTags, updateTag } from '../../tickets/tag-store';
import { tagJson } from '../../tickets/ticket-json';
import type { createTagRoute, deleteTagRoute, listTagsRoute, updateTagRoute } from './tags.routes';

const nameTaken = (name: string) =>
  new ProblemError(409, 'tag-exists', `A tag named "${name}" already exists.`, { errors: [{ field: 'name', detail: 'is already taken' }] });

export const list: RouteHandler<typeof listTagsRoute, AppEnv> = async (c) => {
  authorize(c, 'tag:read');
  return c.json({ items: (await listTags(c.get('db'))).map(tagJson) }, 200);
};

export const create: RouteHandler<typeof createTagRoute, AppEnv> = async (c) => {
  authorize(c, 'tag:manage');
  const body = c.req.valid('json');
  const result = await createTag(c.get('db'), auditActor(c), { name: body.name, color: body.color ?? null });
  if (!result.ok) throw nameTaken(body.name);
  return c.json(tagJson(result.value), 201);
};

export const update: RouteHandler<typeof updateTagRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const db = c.get('db');
  const tag = await existingOr404(c, 'The tag', () => findTag(db, id));
  authorize(c, 'tag:manage');
  const result = await updateTag(db, auditActor(c), tag, { name: body.name, color: body.color });
  if (!result.ok) throw nameTaken(body.name ?? tag.name);
  return c.json(tagJson(result.value), 200);
};

export const remove: RouteHandler<typeof deleteTagRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const tag = await existingOr404(c, 'The tag', () => findTag(db, id));
  authorize(c, 'tag:manage');
  await deleteTag(db, auditActor(c), tag);
  return c.body(null, 204);
};
