import { createRoute, z } from '@hono/zod-openapi';
import { cursorParam, idPosition } from '../../http/cursor';
import { idParam, limitParam } from '../../http/fields';
import { commonErrors } from '../../http/openapi-schemas';
import {
  AttachmentIdParams,
  AttachmentSchema,
  binaryContent,
  rawFileBody,
  UploadHeaders,
  UploadQuery,
  uploadErrors,
} from './attachments.schemas';

// Files of tickets and comments, and knowledge-base images: uploads (the raw
// file as the body, streamed to R2), metadata, downloads and deletion.

const created = { description: 'Stored', content: { 'application/json': { schema: AttachmentSchema } } };
const pathId = (name: string) => idParam.openapi({ param: { name, in: 'path' }, type: 'integer' });

export const uploadToTicketRoute = createRoute({
  method: 'post',
  path: '/tickets/{id}/attachments',
  tags: ['Attachments'],
  summary: 'Upload a file to a ticket',
  description:
    'Send the file itself as the body. Customers upload to their own tickets; staff may mark a file `public=false` ' +
    '(the customer never sees it). Put uploaded files on a new comment with its `attachment_ids`. No Idempotency-Key: ' +
    'the body is streamed, never buffered.',
  request: {
    params: z.object({ id: pathId('id') }),
    query: UploadQuery.extend({
      public: z
        .enum(['true', 'false'], { message: 'must be true or false' })
        .default('true')
        .transform((v) => v === 'true')
        .openapi({ type: 'boolean', description: 'Whether the customer may see it (default true)' }),
    }),
    headers: UploadHeaders,
    body: rawFileBody,
  },
  responses: { 201: created, ...commonErrors, ...uploadErrors },
});

export const uploadToCommentRoute = createRoute({
  method: 'post',
  path: '/tickets/{id}/comments/{comment_id}/attachments',
  tags: ['Attachments'],
  summary: 'Upload a file to a comment',
  description: 'The file takes the comment\u2019s visibility: on an internal note it is internal. Customers upload to their own public replies only.',
  request: {
    params: z.object({ id: pathId('id'), comment_id: pathId('comment_id') }),
    query: UploadQuery,
    headers: UploadHeaders,
    body: rawFileBody,
  },
  responses: { 201: created, ...commonErrors, ...uploadErrors },
});

export const uploadArticleImageRoute = createRoute({
  method: 'post',
  path: '/kb/articles/{id}/images',
  tags: ['Attachments'],
  summary: 'Upload an image for a knowledge-base article',
  description: 'PNG, JPEG, GIF or WebP. Reference it from the article\u2019s Markdown by its `download_url`; it is public once the article is published and public.',
  request: { params: z.object({ id: pathId('id') }), query: UploadQuery, headers: UploadHeaders, body: rawFileBody },
  responses: { 201: created, ...commonErrors, ...uploadErrors },
});

export const listTicketAttachmentsRoute = createRoute({
  method: 'get',
  path: '/tickets/{id}/attachments',
  tags: ['Attachments'],
  summary: 'Files of a ticket, oldest first',
  description: 'Customers get the public files of their own tickets, none of an internal note.',
  request: {
    params: z.object({ id: pathId('id') }),
    query: z.strictObject({ limit: limitParam.openapi({ type: 'integer' }), cursor: cursorParam(idPosition).optional() }),
  },
  responses: {
    200: {
      description: 'One page',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(AttachmentSchema), next_cursor: z.string().nullable() }).openapi('AttachmentPage'),
        },
      },
    },
    ...commonErrors,
  },
});

export const getAttachmentRoute = createRoute({
  method: 'get',
  path: '/attachments/{id}',
  tags: ['Attachments'],
  summary: 'A file\u2019s metadata',
  request: { params: AttachmentIdParams },
  responses: { 200: { description: 'The file', content: { 'application/json': { schema: AttachmentSchema } } }, ...commonErrors },
});

export const downloadAttachmentRoute = createRoute({
  method: 'get',
  path: '/attachments/{id}/content',
  tags: ['Attachments'],
  summary: 'Download a file',
  description: 'Streamed with its stored type, `Content-Disposition: attachment` and `X-Content-Type-Options: nosniff`. A file the caller may not see answers 404.',
  request: { params: AttachmentIdParams },
  responses: { 200: binaryContent('The file\u2019s bytes'), ...commonErrors },
});

export const articleImageRoute = createRoute({
  method: 'get',
  path: '/kb/images/{id}',
  tags: ['Attachments'],
  summary: 'An article\u2019s image, inline',
  description:
    'Anyone may fetch the images of a published public article (cacheable, with an ETag); staff those of drafts and internal articles. Anything else answers 404.',
  security: [],
  request: { params: AttachmentIdParams },
  responses: { 200: binaryContent('The image'), 304: { description: 'Not modified (If-None-Match)' }, 404: commonErrors[404] },
});

export const deleteAttachmentRoute = createRoute({
  method: 'delete',
  path: '/attachments/{id}',
  tags: ['Attachments'],
  summary: 'Delete a file',
  description: 'Staff, or the uploader. The file disappears at once; its bytes are purged after a grace period.',
  request: { params: AttachmentIdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors },
});
