import type { AuditActor } from '../audit/audit-log';
import { storeAttachment } from '../attachments/store-attachment';
import type { EmailAttachmentMeta } from '../db/tenant/email';
import { recordAttachmentOutcomes } from './email-thread-store';
import type { MailContext } from './email-to-ticket';
import type { InboundFile } from './inbound-mail';

// The files of an inbound message go to R2 through the attachment store (type
// allowlist, size limit, tenant quota), on the ticket, or on the comment the
// message became. A refused file does not refuse the message: the text still
// reaches the agents, and the thread record says which file was refused and why.

/** What the thread record says of a file before the store has had it. */
export const pendingMeta = (file: InboundFile): EmailAttachmentMeta => ({
  filename: file.filename,
  mime_type: file.mimeType,
  size: file.content.byteLength,
  attachment_id: null,
  refused: 'pending',
});

async function storeOne(ctx: MailContext, actor: AuditActor, owner: { ticketId: number; commentId: number | null }, file: InboundFile) {
  const meta = pendingMeta(file);
  try {
    const result = await storeAttachment(ctx.env, ctx.db, ctx.tenant, actor, {
      ticketId: owner.ticketId,
      commentId: owner.commentId,
      public: true,
      filename: file.filename ?? 'attachment',
      contentType: file.mimeType,
      body: file.content,
      uploaderId: typeof actor.actorId === 'number' ? actor.actorId : null,
    });
    return result.ok ? { ...meta, attachment_id: result.attachment.id, refused: null } : { ...meta, refused: result.reason };
  } catch (error) {
    // The ticket or comment has committed; a storage failure costs the file, not the message.
    console.error(JSON.stringify({ level: 'error', event: 'email.attachment_failed', requestId: ctx.requestId, error: String(error) }));
    return { ...meta, refused: 'store_failed' };
  }
}

/** Stores the message's files one at a time (each is up to 25 MB) and records the outcome on its thread record. */
export async function storeMailFiles(
  ctx: MailContext,
  actor: AuditActor,
  messageId: string,
  owner: { ticketId: number; commentId: number | null },
  files: readonly InboundFile[],
): Promise<EmailAttachmentMeta[]> {
  if (files.length === 0) return [];
  const outcomes: EmailAttachmentMeta[] = [];
  for (const file of files) outcomes.push(await storeOne(ctx, actor, owner, file));
  await recordAttachmentOutcomes(ctx.db, messageId, outcomes);
  return outcomes;
}
