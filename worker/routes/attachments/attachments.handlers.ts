import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditActor } from '../../audit/audit-log';
import { mayDelete, mayRead, type AttachmentReader } from '../../attachments/attachment-access';
import {
  findArticleForImage,
  findAttachment,
  findCommentForUpload,
  listTicketAttachments,
  softDeleteAttachment,
} from '../../attachments/attachment-store';
import { can } from '../../auth/permissions';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { authorize, existingOr404, requireUser } from '../../http/guards';
import { notFound, ProblemError } from '../../http/problem';
import { findTicket } from '../../tickets/ticket-store';
import { ticketNotFound } from '../tickets/ticket-problems';
import { ticketViewer } from '../tickets/ticket-viewer';
import type {
  deleteAttachmentRoute,
  getAttachmentRoute,
  listTicketAttachmentsRoute,
  uploadArticleImageRoute,
  uploadToCommentRoute,
  uploadToTicketRoute,
} from './attachments.routes';
import { attachmentJson } from './attachments.schemas';
import { storeUploadedFile } from './upload-request';
import { attachmentCreatedEvent, inboxActor, publishInboxEvents } from '../../realtime/inbox-events';

export const attachmentNotFound = (): ProblemError => notFound('The attachment');

/** The caller as the access rules see them: null when anonymous. */
export function attachmentReader(c: Context<AppEnv>): AttachmentReader {
  const principal = c.get('principal');
  return principal ? { userId: principal.userId, staff: can(principal.role, 'attachment:read_all') } : null;
}

/** The live file `id` if the caller may read it; anything else is a 404. */
export async function readableAttachment(c: Context<AppEnv>, id: number) {
  const found = await findAttachment(c.get('db'), id);
  if (!found || !mayRead(attachmentReader(c), found.scope)) throw attachmentNotFound();
  return found;
}

export const uploadToTicket: RouteHandler<typeof uploadToTicketRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'attachment:upload');
  const { id } = c.req.valid('param');
  const { filename, public: isPublic } = c.req.valid('query');
  if (!(await findTicket(c.get('db'), id, ticketViewer(principal)))) throw ticketNotFound();
  if (!isPublic) authorize(c, 'attachment:upload_internal');
  const file = await storeUploadedFile(c, { ticketId: id, public: isPublic, filename, uploaderId: principal.userId });
  publishInboxEvents(c, attachmentCreatedEvent(file, inboxActor(principal)));
  return c.json(attachmentJson(file), 201);
};

export const uploadToComment: RouteHandler<typeof uploadToCommentRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'attachment:upload');
  const { id, comment_id: commentId } = c.req.valid('param');
  const { filename } = c.req.valid('query');
  const db = c.get('db');
  if (!(await findTicket(db, id, ticketViewer(principal)))) throw ticketNotFound();
  const comment = await findCommentForUpload(db, id, commentId);
  if (!comment || (!comment.public && !can(principal.role, 'comment:read_internal'))) throw notFound('The comment');
  if (!comment.public) authorize(c, 'attachment:upload_internal');
  if (comment.authorId !== principal.userId && !can(principal.role, 'attachment:read_all')) {
    throw new ProblemError(403, 'forbidden', 'Only the comment\u2019s author or staff may add files to it.');
  }
  const file = await storeUploadedFile(c, { ticketId: id, commentId, public: comment.public, filename, uploaderId: principal.userId });
  publishInboxEvents(c, attachmentCreatedEvent(file, inboxActor(principal)));
  return c.json(attachmentJson(file), 201);
};

export const uploadArticleImage: RouteHandler<typeof uploadArticleImageRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { filename } = c.req.valid('query');
  await existingOr404(c, 'The article', () => findArticleForImage(c.get('db'), id));
  const principal = authorize(c, 'kb:write');
  // Article images follow the article's own visibility; `public` only concerns ticket customers.
  const file = await storeUploadedFile(c, { articleId: id, public: false, filename, uploaderId: principal.userId, imagesOnly: true });
  return c.json(attachmentJson(file), 201);
};

export const listForTicket: RouteHandler<typeof listTicketAttachmentsRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'ticket:read_own');
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const db = c.get('db');
  if (!(await findTicket(db, id, ticketViewer(principal)))) throw ticketNotFound();
  const files = await listTicketAttachments(db, {
    ticketId: id,
    includeInternal: can(principal.role, 'attachment:read_all'),
    afterId: cursor?.id,
    limit,
  });
  const page = files.slice(0, limit);
  const last = page.at(-1);
  return c.json({ items: page.map(attachmentJson), next_cursor: files.length > limit && last ? encodeCursor({ id: last.id }) : null }, 200);
};

export const get: RouteHandler<typeof getAttachmentRoute, AppEnv> = async (c) => {
  requireUser(c);
  const { file } = await readableAttachment(c, c.req.valid('param').id);
  return c.json(attachmentJson(file), 200);
};

export const remove: RouteHandler<typeof deleteAttachmentRoute, AppEnv> = async (c) => {
  const principal = requireUser(c);
  const { file, scope } = await readableAttachment(c, c.req.valid('param').id);
  if (!mayDelete(attachmentReader(c), scope, can(principal.role, 'attachment:delete_any'))) {
    throw new ProblemError(403, 'forbidden', 'Only the uploader or staff may delete this file.');
  }
  await softDeleteAttachment(c.get('db'), auditActor(c), file, principal.userId);
  return c.body(null, 204);
};
