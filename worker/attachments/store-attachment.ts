import type { AuditActor } from '../audit/audit-log';
import type { Tenant } from '../db/directory/schema';
import type { Attachment } from '../db/tenant/attachments';
import type { TenantDb } from '../tenancy/tenant-db';
import { sanitiseFilename } from './attachment-filename';
import { MAX_ATTACHMENT_BYTES } from './attachment-quota';
import { attachmentUsage, insertAttachment, isOverQuotaWrite } from './attachment-store';
import { allowedContentType, headMatchesType } from './attachment-types';
import { openUpload, UploadTooLarge } from './upload-stream';

export interface StoreAttachmentInput {
  /** A ticket's file (maybe on one of its comments), or a knowledge-base article's image. */
  ticketId?: number | null;
  commentId?: number | null;
  articleId?: number | null;
  /** Whether the ticket's customer may see it (false for an internal note's files). */
  public: boolean;
  /** As the client or mail gave it; sanitised here. */
  filename: string;
  /** The declared type: must be allowlisted and borne out by the first bytes. */
  contentType: string;
  body: ReadableStream<Uint8Array> | ArrayBuffer | Uint8Array;
  /** The exact byte length of a stream body (its Content-Length); buffers know theirs. */
  length?: number;
  uploaderId: number | null;
}

export type StoreAttachmentRefusal =
  | 'type_not_allowed'
  | 'type_mismatch'
  | 'too_large'
  | 'quota_exceeded'
  | 'length_required'
  | 'length_mismatch';

export type StoreAttachmentResult = { ok: true; attachment: Attachment } | { ok: false; reason: StoreAttachmentRefusal };

/** The R2 key of a new file: under the tenant's prefix, random, never reused. */
export const newAttachmentKey = (tenantId: string): string => `t/${tenantId}/${crypto.randomUUID()}`;

function asStream(body: StoreAttachmentInput['body']): { stream: ReadableStream<Uint8Array>; length: number | undefined } {
  if (body instanceof ReadableStream) return { stream: body, length: undefined };
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
  return { stream: new Blob([bytes]).stream(), length: bytes.byteLength };
}

/**
 * Stores one file: checks type, size and quota, streams the bytes to R2 under
 * the tenant's prefix (never holding the whole file), then records its
 * metadata and audit row in D1. Refusals come back as values and leave nothing
 * behind in R2 or D1. Used by the upload routes and by inbound email.
 */
export async function storeAttachment(
  env: Env,
  db: TenantDb,
  tenant: Pick<Tenant, 'id'>,
  actor: AuditActor,
  input: StoreAttachmentInput,
): Promise<StoreAttachmentResult> {
  const type = allowedContentType(input.contentType);
  if (!type) return { ok: false, reason: 'type_not_allowed' };
  const source = asStream(input.body);
  const length = source.length ?? input.length;
  if (length === undefined || !Number.isSafeInteger(length) || length < 0) return { ok: false, reason: 'length_required' };
  if (length > MAX_ATTACHMENT_BYTES) return { ok: false, reason: 'too_large' };
  const usage = await attachmentUsage(db);
  if (usage.usedBytes + length > usage.quotaBytes) return { ok: false, reason: 'quota_exceeded' };

  let upload;
  try {
    upload = await openUpload(source.stream, Math.min(length, MAX_ATTACHMENT_BYTES));
  } catch (error) {
    if (error instanceof UploadTooLarge) return { ok: false, reason: length < MAX_ATTACHMENT_BYTES ? 'length_mismatch' : 'too_large' };
    throw error;
  }
  if (!headMatchesType(type, upload.head)) {
    await upload.stream.cancel();
    return { ok: false, reason: 'type_mismatch' };
  }

  const key = newAttachmentKey(tenant.id);
  // R2 needs a body of known length: the declared one, which the runtime
  // enforces (a body shorter or longer than it fails the write).
  const fixed = new FixedLengthStream(length);
  try {
    await Promise.all([
      upload.stream.pipeTo(fixed.writable),
      env.ATTACHMENTS.put(key, fixed.readable, { httpMetadata: { contentType: type }, customMetadata: { tenant: tenant.id } }),
    ]);
  } catch (error) {
    await env.ATTACHMENTS.delete(key);
    if (error instanceof UploadTooLarge) return { ok: false, reason: length < MAX_ATTACHMENT_BYTES ? 'length_mismatch' : 'too_large' };
    if (upload.bytesRead() !== length) return { ok: false, reason: 'length_mismatch' };
    throw error;
  }

  try {
    const attachment = await insertAttachment(db, actor, {
      ticketId: input.ticketId ?? null,
      commentId: input.commentId ?? null,
      articleId: input.articleId ?? null,
      public: input.public,
      filename: sanitiseFilename(input.filename, type),
      contentType: type,
      sizeBytes: length,
      r2Key: key,
      uploaderId: input.uploaderId,
    });
    return { ok: true, attachment };
  } catch (error) {
    await env.ATTACHMENTS.delete(key);
    if (isOverQuotaWrite(error)) return { ok: false, reason: 'quota_exceeded' };
    throw error;
  }
}
