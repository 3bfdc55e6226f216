import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { attachments, type Attachment } from '../db/tenant/attachments';
import { kbArticles } from '../db/tenant/kb';
import { tenantSettings } from '../db/tenant/settings';
import { ticketComments, tickets } from '../db/tenant/tickets';
import type { TenantDb } from '../tenancy/tenant-db';
import type { AttachmentScope } from './attachment-access';
import { DEFAULT_ATTACHMENT_QUOTA_BYTES } from './attachment-quota';

// Attachment metadata in the tenant's D1. The bytes are in R2; these queries
// never touch them.

const quotaBytes = sql<number>`coalesce((select ${tenantSettings.attachmentQuotaBytes} from ${tenantSettings} where ${tenantSettings.id} = 1), ${DEFAULT_ATTACHMENT_QUOTA_BYTES})`;
const usedBytes = sql<number>`(select coalesce(sum(${attachments.sizeBytes}), 0) from ${attachments} where ${attachments.deletedAt} is null)`;

/** The tenant's quota and what its live files take now. */
export async function attachmentUsage(db: TenantDb): Promise<{ quotaBytes: number; usedBytes: number }> {
  const row = await db.select({ quotaBytes, usedBytes }).from(sql`(select 1)`).get();
  return { quotaBytes: Number(row?.quotaBytes ?? DEFAULT_ATTACHMENT_QUOTA_BYTES), usedBytes: Number(row?.usedBytes ?? 0) };
}

export interface NewAttachment {
  ticketId: number | null;
  commentId: number | null;
  articleId: number | null;
  public: boolean;
  filename: string;
  contentType: string;
  sizeBytes: number;
  r2Key: string;
  uploaderId: number | null;
}

/**
 * Records a stored file and its audit row in one batch. The size is written
 * only if the tenant's live files plus this one fit the quota; otherwise it is
 * NULL, the NOT NULL column refuses it and the batch rolls back
 * (`isOverQuotaWrite`): two uploads racing for the last bytes cannot both land.
 */
export async function insertAttachment(db: TenantDb, actor: AuditActor, file: NewAttachment): Promise<Attachment> {
  const size = sql<number>`case when ${usedBytes} + ${file.sizeBytes} <= ${quotaBytes} then ${file.sizeBytes} end`;
  const [[created]] = await db.batch([
    db
      .insert(attachments)
      .values({ ...file, sizeBytes: size })
      .returning(),
    auditStatement(db, actor, {
      action: 'attachment.create',
      targetType: 'attachment',
      targetId: sql`(select ${attachments.id} from ${attachments} where ${attachments.r2Key} = ${file.r2Key})`,
      after: {
        ticket_id: file.ticketId,
        comment_id: file.commentId,
        article_id: file.articleId,
        public: file.public,
        filename: file.filename,
        content_type: file.contentType,
        size_bytes: file.sizeBytes,
      },
    }),
  ]);
  if (!created) throw new Error('the attachment insert returned no row');
  return created;
}

/** Whether a write failed because the file would have taken the tenant over its quota. */
export function isOverQuotaWrite(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes('NOT NULL constraint failed: attachments.size_bytes')) return true;
  }
  return false;
}

const commentOfFile = alias(ticketComments, 'file_comment');

/** A file with everything `mayRead` needs, deleted or not. */
export async function findAttachment(db: TenantDb, id: number): Promise<{ file: Attachment; scope: AttachmentScope } | null> {
  const row = await db
    .select({
      file: attachments,
      requesterId: tickets.requesterId,
      commentPublic: commentOfFile.public,
      articleStatus: kbArticles.status,
      articleVisibility: kbArticles.visibility,
    })
    .from(attachments)
    .leftJoin(tickets, eq(tickets.id, attachments.ticketId))
    .leftJoin(commentOfFile, eq(commentOfFile.id, attachments.commentId))
    .leftJoin(kbArticles, eq(kbArticles.id, attachments.articleId))
    .where(eq(attachments.id, id))
    .get();
  if (!row) return null;
  const { file } = row;
  return {
    file,
    scope: {
      uploaderId: file.uploaderId,
      public: file.public,
      deleted: file.deletedAt !== null,
      ticket: file.ticketId !== null && row.requesterId !== null ? { requesterId: row.requesterId } : null,
      comment: file.commentId !== null && row.commentPublic !== null ? { public: row.commentPublic } : null,
      article:
        file.articleId !== null && row.articleStatus !== null && row.articleVisibility !== null
          ? { status: row.articleStatus, visibility: row.articleVisibility }
          : null,
    },
  };
}

export interface TicketFilesRequest {
  ticketId: number;
  /** False for customers: only public files, and none of an internal note. */
  includeInternal: boolean;
  afterId?: number;
  limit: number;
}

/** A ticket's live files, oldest first; one more than `limit` tells the caller another page exists. */
export async function listTicketAttachments(db: TenantDb, request: TicketFilesRequest): Promise<Attachment[]> {
  return db
    .select({ file: attachments })
    .from(attachments)
    .leftJoin(commentOfFile, eq(commentOfFile.id, attachments.commentId))
    .where(
      and(
        eq(attachments.ticketId, request.ticketId),
        isNull(attachments.deletedAt),
        request.includeInternal ? undefined : and(eq(attachments.public, true), sql`coalesce(${commentOfFile.public}, 1) = 1`),
        request.afterId !== undefined ? gt(attachments.id, request.afterId) : undefined,
      ),
    )
    .orderBy(asc(attachments.id))
    .limit(request.limit + 1)
    .then((rows) => rows.map((r) => r.file));
}

/** Marks a file deleted (the purge removes its bytes later), with its audit row. */
export async function softDeleteAttachment(db: TenantDb, actor: AuditActor, file: Attachment, deletedBy: number): Promise<void> {
  const now = Date.now();
  await db.batch([
    db
      .update(attachments)
      .set({ deletedAt: now, deletedBy })
      .where(and(eq(attachments.id, file.id), isNull(attachments.deletedAt))),
    auditStatement(db, actor, {
      action: 'attachment.delete',
      targetType: 'attachment',
      targetId: file.id,
      before: { filename: file.filename, size_bytes: file.sizeBytes, ticket_id: file.ticketId, article_id: file.articleId },
      after: { deleted_at: new Date(now).toISOString() },
    }),
  ]);
}

/**
 * Files a user uploaded to a ticket and has not put on a comment yet, among
 * `ids`: what a new comment may take with `attachment_ids`.
 */
export async function findUnattachedUploads(db: TenantDb, ticketId: number, uploaderId: number, ids: readonly number[]): Promise<Attachment[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(attachments)
    .where(
      and(
        inArray(attachments.id, [...ids]),
        eq(attachments.ticketId, ticketId),
        eq(attachments.uploaderId, uploaderId),
        isNull(attachments.commentId),
        isNull(attachments.deletedAt),
      ),
    );
}

/**
 * The statements that put uploaded files on the comment inserted earlier in the
 * same batch (`commentId` is that subquery); the files take the comment's
 * visibility, so a file on an internal note is internal.
 */
export function attachToCommentWrites(db: TenantDb, actor: AuditActor, files: readonly Attachment[], commentId: SQL, isPublic: boolean) {
  if (files.length === 0) return [];
  const ids = files.map((f) => f.id);
  return [
    db
      .update(attachments)
      .set({ commentId: sql`${commentId}`, public: isPublic })
      .where(and(inArray(attachments.id, ids), isNull(attachments.commentId))),
    ...files.map((f) =>
      auditStatement(db, actor, {
        action: 'attachment.attach',
        targetType: 'attachment',
        targetId: f.id,
        before: { comment_id: null, public: f.public },
        after: sql`json_object('comment_id', ${commentId}, 'public', json(${isPublic ? 'true' : 'false'}))`,
      }),
    ),
  ];
}

/** The article a knowledge-base image is uploaded to, if it exists. */
export async function findArticleForImage(db: TenantDb, articleId: number): Promise<{ id: number } | null> {
  return (await db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, articleId)).get()) ?? null;
}

/** A comment of a ticket, for an upload to it: who wrote it and whether the customer sees it. */
export async function findCommentForUpload(db: TenantDb, ticketId: number, commentId: number) {
  return (
    (await db
      .select({ id: ticketComments.id, authorId: ticketComments.authorId, public: ticketComments.public })
      .from(ticketComments)
      .where(and(eq(ticketComments.id, commentId), eq(ticketComments.ticketId, ticketId)))
      .get()) ?? null
  );
}
