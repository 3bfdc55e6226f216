import { createRoute, z } from '@hono/zod-openapi';
import { idempotent } from '../../http/idempotency';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { CategorySchema } from '../../kb/kb-json';
import { ANYONE, categoryNames, IdParams, kbSlug, kbVisibility, pathId, SOME_FIELD } from './kb.schemas';

// Knowledge-base categories: a tree, siblings in a chosen order. Everyone reads
// the public ones, without signing in; staff read all and write.

const parentId = pathId('parent_id').nullable().openapi({ type: ['integer', 'null'], description: 'null: a top-level category' });

const CreateCategoryBody = z
  .strictObject({ slug: kbSlug, names: categoryNames, visibility: kbVisibility.optional(), parent_id: parentId.optional() })
  .openapi('CreateKbCategory');

const UpdateCategoryBody = z
  .strictObject({ slug: kbSlug.optional(), names: categoryNames.optional(), visibility: kbVisibility.optional(), parent_id: parentId.optional() })
  .refine(...SOME_FIELD)
  .openapi('UpdateKbCategory');

const ReorderBody = z
  .strictObject({
    parent_id: parentId,
    ids: z.array(pathId('ids')).min(1, 'must list the children').max(500, 'accepts at most 500 ids'),
  })
  .openapi('ReorderKbCategories');

const CategoryList = z.object({ items: z.array(CategorySchema) }).openapi('KbCategoryList');
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const conflict = { description: 'The slug is taken, or the category is not empty', content: problemContent };

export const listCategoriesRoute = createRoute({
  method: 'get',
  path: '/kb/categories',
  tags: ['Knowledge base'],
  summary: 'The category tree in reading order (public ones without signing in)',
  description: 'Depth first: each category followed by its children, siblings by position. `depth` gives the nesting.',
  security: ANYONE,
  responses: { 200: json(CategoryList, 'The categories the caller may see') },
});

export const getCategoryRoute = createRoute({
  method: 'get',
  path: '/kb/categories/{id}',
  tags: ['Knowledge base'],
  summary: 'One category',
  security: ANYONE,
  request: { params: IdParams },
  responses: { 200: json(CategorySchema, 'The category'), 400: commonErrors[400], 404: commonErrors[404] },
});

export const createCategoryRoute = createRoute({
  method: 'post',
  path: '/kb/categories',
  tags: ['Knowledge base'],
  summary: 'Create a category, last among its siblings (staff)',
  middleware: [idempotent] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CreateCategoryBody } } } },
  responses: { 201: json(CategorySchema, 'Created'), ...commonErrors, 409: conflict },
});

export const updateCategoryRoute = createRoute({
  method: 'patch',
  path: '/kb/categories/{id}',
  tags: ['Knowledge base'],
  summary: 'Rename, re-slug, hide or move a category (staff)',
  description: 'Moving it under another parent makes it that parent\u2019s last child. A category cannot move under itself or its descendants.',
  request: { params: IdParams, body: { required: true, content: { 'application/json': { schema: UpdateCategoryBody } } } },
  responses: { 200: json(CategorySchema, 'The category as it is now'), ...commonErrors, 409: conflict },
});

export const deleteCategoryRoute = createRoute({
  method: 'delete',
  path: '/kb/categories/{id}',
  tags: ['Knowledge base'],
  summary: 'Delete an empty category (staff)',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, 409: conflict },
});

export const reorderCategoriesRoute = createRoute({
  method: 'post',
  path: '/kb/categories/reorder',
  tags: ['Knowledge base'],
  summary: 'Set the order of the children of one parent (staff)',
  description: '`ids` must be exactly the children of `parent_id` (null: the top level), in their new order.',
  request: { body: { required: true, content: { 'application/json': { schema: ReorderBody } } } },
  responses: { 200: json(CategoryList, 'The whole tree, in its new order'), ...commonErrors },
});
