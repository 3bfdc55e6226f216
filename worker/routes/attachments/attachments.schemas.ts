import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { ALLOWED_CONTENT_TYPES } from '../../attachments/attachment-types';
import { MAX_ATTACHMENT_BYTES } from '../../attachments/attachment-quota';
import { attachments, type Attachment } from '../../db/tenant/attachments';
import { idParam, iso, text } from '../../http/fields';
import { problemContent } from '../../http/openapi-schemas';

const columns = createSelectSchema(attachments).shape;

export const AttachmentSchema = z
  .object({
    id: columns.id,
    ticket_id: columns.ticketId,
    comment_id: columns.commentId,
    article_id: columns.articleId,
    public: columns.public.openapi({ description: 'Whether the ticket\u2019s customer may see it; false on internal notes' }),
    filename: columns.filename.openapi({ description: 'Sanitised; ends in an extension of its type' }),
    content_type: columns.contentType.openapi({ enum: ALLOWED_CONTENT_TYPES }),
    size_bytes: columns.sizeBytes,
    uploader_id: columns.uploaderId,
    created_at: z.string().openapi({ format: 'date-time' }),
    download_url: z.string().openapi({ description: 'Where the bytes are: the download for ticket files, the inline image for article images' }),
  })
  .openapi('Attachment');

export type AttachmentJson = z.infer<typeof AttachmentSchema>;

export function attachmentJson(a: Attachment): AttachmentJson {
  return {
    id: a.id,
    ticket_id: a.ticketId,
    comment_id: a.commentId,
    article_id: a.articleId,
    public: a.public,
    filename: a.filename,
    content_type: a.contentType,
    size_bytes: a.sizeBytes,
    uploader_id: a.uploaderId,
    created_at: iso(a.createdAt),
    download_url: a.articleId !== null ? `/api/v1/kb/images/${a.id}` : `/api/v1/attachments/${a.id}/content`,
  };
}

export const AttachmentIdParams = z.object({ id: idParam.openapi({ param: { name: 'id', in: 'path' }, type: 'integer' }) });

/** The raw file as the request body, of an allowlisted type. OpenAPI only: the body is streamed, never parsed. */
const binary = { schema: { type: 'string', format: 'binary' } } as const;
export const rawFileBody = {
  required: true,
  description: `The file itself (at most ${MAX_ATTACHMENT_BYTES} bytes), with its exact Content-Length. Its first bytes must match the Content-Type.`,
  content: Object.fromEntries(ALLOWED_CONTENT_TYPES.map((type) => [type, binary])),
};

export const UploadQuery = z.strictObject({
  filename: text({ max: 1000 }).openapi({ description: 'The file\u2019s name; paths, control characters and unsafe characters are removed, and an extension of its type added if missing' }),
});

export const UploadHeaders = z.object({
  'content-type': z.string().optional().openapi({ description: `One of ${ALLOWED_CONTENT_TYPES.join(', ')}` }),
  'content-length': z.string().optional().openapi({ description: 'Required: the exact size of the file' }),
});

/** The refusals an upload may meet besides the common ones. */
export const uploadErrors = {
  411: { description: 'No Content-Length', content: problemContent },
  413: { description: `The file exceeds ${MAX_ATTACHMENT_BYTES} bytes`, content: problemContent },
  415: { description: 'The Content-Type is not allowlisted', content: problemContent },
  422: { description: 'The file\u2019s first bytes do not match its Content-Type', content: problemContent },
  507: { description: 'The tenant\u2019s attachment quota is used up', content: problemContent },
} as const;

export const binaryContent = (description: string) => ({
  description,
  content: { 'application/octet-stream': binary },
});
