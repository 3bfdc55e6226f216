import type { Context } from 'hono';
import { auditActor } from '../../audit/audit-log';
import { MAX_ATTACHMENT_BYTES } from '../../attachments/attachment-quota';
import { ALLOWED_CONTENT_TYPES, isImageType } from '../../attachments/attachment-types';
import { storeAttachment, type StoreAttachmentInput, type StoreAttachmentRefusal } from '../../attachments/store-attachment';
import type { Attachment } from '../../db/tenant/attachments';
import type { AppEnv } from '../../http/app-env';
import { ProblemError } from '../../http/problem';

// An upload request: the raw file as the body, its type in Content-Type, its
// size in Content-Length. The app's JSON-only and 1 MB body checks let exactly
// these routes through (worker/attachments/raw-upload-routes.ts).

const REFUSALS: Record<StoreAttachmentRefusal, () => ProblemError> = {
  type_not_allowed: () =>
    new ProblemError(415, 'attachment-type-not-allowed', `Files of this type are not accepted. Allowed: ${ALLOWED_CONTENT_TYPES.join(', ')}.`, {
      errors: [{ field: 'Content-Type', detail: `must be one of ${ALLOWED_CONTENT_TYPES.join(', ')}` }],
    }),
  type_mismatch: () =>
    new ProblemError(422, 'attachment-type-mismatch', 'The file\u2019s content is not of the type its Content-Type declares.', {
      errors: [{ field: 'body', detail: 'does not match the Content-Type' }],
    }),
  too_large: () =>
    new ProblemError(413, 'attachment-too-large', `A file may be at most ${MAX_ATTACHMENT_BYTES} bytes.`, {
      errors: [{ field: 'body', detail: `must be at most ${MAX_ATTACHMENT_BYTES} bytes` }],
    }),
  quota_exceeded: () =>
    new ProblemError(507, 'attachment-quota-exceeded', 'The team\u2019s storage for files is full. Delete files, or ask an admin to raise the quota.'),
  length_required: () =>
    new ProblemError(411, 'length-required', 'Send the file with its exact Content-Length.', {
      errors: [{ field: 'Content-Length', detail: 'is required' }],
    }),
  length_mismatch: () =>
    new ProblemError(400, 'length-mismatch', 'The body\u2019s length differs from its Content-Length.', {
      errors: [{ field: 'Content-Length', detail: 'does not match the body' }],
    }),
};

export type UploadTarget = Pick<StoreAttachmentInput, 'ticketId' | 'commentId' | 'articleId' | 'public' | 'filename'> & {
  uploaderId: number;
  /** Only images (knowledge-base articles). */
  imagesOnly?: boolean;
};

/** Streams the request's body into storage for `target`, or throws the problem that refuses it. */
export async function storeUploadedFile(c: Context<AppEnv>, target: UploadTarget): Promise<Attachment> {
  const contentType = c.req.header('content-type') ?? '';
  if (target.imagesOnly && !isImageType(contentType)) {
    throw new ProblemError(415, 'attachment-type-not-allowed', 'Article images must be PNG, JPEG, GIF or WebP.', {
      errors: [{ field: 'Content-Type', detail: `must be one of ${ALLOWED_CONTENT_TYPES.filter(isImageType).join(', ')}` }],
    });
  }
  const lengthHeader = c.req.header('content-length');
  const length = lengthHeader !== undefined && /^\d{1,16}$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  if (length === undefined) throw REFUSALS.length_required();
  const body = c.req.raw.body ?? new Blob([]).stream();
  const result = await storeAttachment(c.env, c.get('db'), c.get('tenant'), auditActor(c), { ...target, contentType, body, length });
  if (!result.ok) throw REFUSALS[result.reason]();
  return result.attachment;
}
