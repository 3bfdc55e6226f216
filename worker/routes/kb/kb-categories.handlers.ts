import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditActor } from '../../audit/audit-log';
import { can } from '../../auth/permissions';
import type { AppEnv } from '../../http/app-env';
import { authorize, existingOr404 } from '../../http/guards';
import { notFound, ProblemError } from '../../http/problem';
import { depthFirst, depthUnder, wouldCycle } from '../../kb/category-tree';
import {
  categoryInUse,
  childIds,
  createCategory,
  deleteCategory,
  findCategory,
  listCategories,
  reorderCategories,
  updateCategory,
} from '../../kb/category-store';
import { categoryJson } from '../../kb/kb-json';
import type { TenantDb } from '../../tenancy/tenant-db';
import type {
  createCategoryRoute,
  deleteCategoryRoute,
  getCategoryRoute,
  listCategoriesRoute,
  reorderCategoriesRoute,
  updateCategoryRoute,
} from './kb-categories.routes';

/** Deep enough for any help centre, shallow enough to render. */
const MAX_DEPTH = 5;

const slugTaken = (slug: string) =>
  new ProblemError(409, 'slug-taken', `A category with the slug "${slug}" already exists.`, { errors: [{ field: 'slug', detail: 'is already taken' }] });

const invalid = (field: string, detail: string) => new ProblemError(422, 'validation', 'The request body has invalid fields.', { errors: [{ field, detail }] });

/** Staff see internal categories too. */
const isStaffReader = (c: Context<AppEnv>): boolean => {
  const principal = c.get('principal');
  return principal !== null && can(principal.role, 'kb:read_internal');
};

async function tree(db: TenantDb, staff: boolean) {
  return depthFirst(await listCategories(db, staff)).map(({ row, depth }) => categoryJson(row, depth));
}

/** A new parent must exist, keep the tree acyclic and not too deep. */
async function checkParent(db: TenantDb, id: number | null, parentId: number | null): Promise<void> {
  if (parentId === null) return;
  const all = await listCategories(db, true);
  if (!all.some((row) => row.id === parentId)) throw invalid('parent_id', 'is not a category');
  if (id !== null && wouldCycle(all, id, parentId)) throw invalid('parent_id', 'would put the category inside itself');
  if (depthUnder(all, parentId) >= MAX_DEPTH) throw invalid('parent_id', `would nest categories deeper than ${MAX_DEPTH} levels`);
}

export const list: RouteHandler<typeof listCategoriesRoute, AppEnv> = async (c) => {
  return c.json({ items: await tree(c.get('db'), isStaffReader(c)) }, 200);
};

export const get: RouteHandler<typeof getCategoryRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const staff = isStaffReader(c);
  const items = await tree(c.get('db'), staff);
  const found = items.find((item) => item.id === id);
  if (!found) throw notFound('The category');
  return c.json(found, 200);
};

export const create: RouteHandler<typeof createCategoryRoute, AppEnv> = async (c) => {
  authorize(c, 'kb:write');
  const body = c.req.valid('json');
  const db = c.get('db');
  const parentId = body.parent_id ?? null;
  await checkParent(db, null, parentId);
  const result = await createCategory(db, auditActor(c), { slug: body.slug, names: body.names, visibility: body.visibility ?? 'public', parentId });
  if (!result.ok) throw slugTaken(body.slug);
  const created = (await tree(db, true)).find((item) => item.id === result.value.id);
  return c.json(created ?? categoryJson(result.value, 0), 201);
};

export const update: RouteHandler<typeof updateCategoryRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const db = c.get('db');
  const category = await existingOr404(c, 'The category', () => findCategory(db, id, isStaffReader(c)));
  authorize(c, 'kb:write');
  if (body.parent_id !== undefined) await checkParent(db, id, body.parent_id);
  const result = await updateCategory(db, auditActor(c), category, {
    slug: body.slug,
    names: body.names,
    visibility: body.visibility,
    parentId: body.parent_id,
  });
  if (!result.ok) throw slugTaken(body.slug ?? category.slug);
  const updated = (await tree(db, true)).find((item) => item.id === id);
  return c.json(updated ?? categoryJson(result.value, 0), 200);
};

export const remove: RouteHandler<typeof deleteCategoryRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const category = await existingOr404(c, 'The category', () => findCategory(db, id, isStaffReader(c)));
  authorize(c, 'kb:write');
  if (await categoryInUse(db, id)) {
    throw new ProblemError(409, 'category-not-empty', 'The category still holds subcategories or articles; move or delete them first.');
  }
  await deleteCategory(db, auditActor(c), category);
  return c.body(null, 204);
};

export const reorder: RouteHandler<typeof reorderCategoriesRoute, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const db = c.get('db');
  const parentId = body.parent_id;
  if (parentId !== null) await existingOr404(c, 'The parent category', () => findCategory(db, parentId, isStaffReader(c)));
  authorize(c, 'kb:write');
  const before = await childIds(db, body.parent_id);
  const same = before.length === body.ids.length && new Set(body.ids).size === body.ids.length && body.ids.every((id) => before.includes(id));
  if (!same) throw invalid('ids', 'must list each child of parent_id exactly once');
  await reorderCategories(db, auditActor(c), body.parent_id, body.ids, before);
  return c.json({ items: await tree(db, true) }, 200);
};
