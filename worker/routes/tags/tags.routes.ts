import { createRoute, z } from '@hono/zod-openapi';
import { idParam } from '../../http/fields';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { tagColor, tagName } from '../../tickets/tag-name';
import { TagSchema } from '../../tickets/ticket-json';
import { SOME_FIELD } from '../tickets/tickets.schemas';

// Tags: staff read them, admins and owners manage them.

const TagIdParams = z.object({ id: idParam.openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: 3 }) });

const CreateTagBody = z.strictObject({ name: tagName, color: tagColor.nullable().optional() }).openapi('CreateTag');

const UpdateTagBody = z
  .strictObject({ name: tagName.optional(), color: tagColor.nullable().optional() })
  .refine(...SOME_FIELD)
  .openapi('UpdateTag');

const nameTaken = { description: 'Another tag has this name', content: problemContent };

export const listTagsRoute = createRoute({
  method: 'get',
  path: '/tags',
  tags: ['Tags'],
  summary: 'All tags, by name (staff)',
  responses: {
    200: { description: 'The tags', content: { 'application/json': { schema: z.object({ items: z.array(TagSchema) }).openapi('TagList') } } },
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

export const createTagRoute = createRoute({
  method: 'post',
  path: '/tags',
  tags: ['Tags'],
  summary: 'Create a tag (admins and owners)',
  request: { body: { required: true, content: { 'application/json': { schema: CreateTagBody } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: TagSchema } } },
    ...commonErrors,
    409: nameTaken,
  },
});

export const updateTagRoute = createRoute({
  method: 'patch',
  path: '/tags/{id}',
  tags: ['Tags'],
  summary: 'Rename or recolour a tag (admins and owners)',
  description: 'Renaming renames it on every ticket that carries it.',
  request: { params: TagIdParams, body: { required: true, content: { 'application/json': { schema: UpdateTagBody } } } },
  responses: {
    200: { description: 'The tag as it is now', content: { 'application/json': { schema: TagSchema } } },
    ...commonErrors,
    409: nameTaken,
  },
});

export const deleteTagRoute = createRoute({
  method: 'delete',
  path: '/tags/{id}',
  tags: ['Tags'],
  summary: 'Delete a tag and take it off every ticket (admins and owners)',
  request: { params: TagIdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors },
});
