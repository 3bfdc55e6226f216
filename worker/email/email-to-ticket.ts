import type { AuditActor } from '../audit/audit-log';
import { isStaff } from '../auth/permissions';
import type { Tenant } from '../db/directory/schema';
import { commentCreatedEvents, sendInboxEvents, ticketCreatedEvent, type InboxActor } from '../realtime/inbox-events';
import type { TenantDb } from '../tenancy/tenant-db';
import { commentHtml } from '../tickets/comment-html';
import { acceptsComments, commentStatusChange } from '../tickets/comment-rules';
import { addComment } from '../tickets/comment-store';
import { createTicket, findTicket, isStaleTicketWrite, type TicketRecord } from '../tickets/ticket-store';
import { emailMessageStatement, findOrCreateCustomer, isDuplicateMessage, ticketOfMessages, type MailSender } from './email-thread-store';
import { pendingMeta, storeMailFiles } from './email-attachments';
import type { InboundMail } from './inbound-mail';
import { parseOwnMessageId } from './message-id';
import { withoutQuotedHistory } from './reply-text';

// A message from a person, addressed to a tenant, becomes either a public
// comment on the ticket it answers or a new ticket. The writes are the API's
// own (createTicket, addComment): audited, in one batch with the message's
// Message-ID, and announced to the inbox after they commit.

export type MailOutcome =
  | { kind: 'ticket'; ticketId: number }
  | { kind: 'comment'; ticketId: number; commentId: number }
  | { kind: 'duplicate' }
  | { kind: 'refused'; reason: string };

export interface MailContext {
  env: Env;
  /** Keeps the inbox publish alive after the handler returns. */
  waitUntil: (promise: Promise<unknown>) => void;
  tenant: Tenant;
  db: TenantDb;
  /** Names this delivery in the audit log and in logs. */
  requestId: string;
}

/**
 * The ticket a reply answers: named by one of our Message-IDs (for this tenant),
 * by a Message-ID stored with a ticket's thread, or by `[#123]` in the subject;
 * in that order. Null when none names a ticket.
 */
async function referencedTicketId(ctx: MailContext, mail: InboundMail): Promise<number | null> {
  for (const id of mail.references) {
    const own = parseOwnMessageId(id, ctx.env.EMAIL_DOMAIN);
    if (own && own.tenantSlug === ctx.tenant.slug) return own.ticketId;
  }
  return (await ticketOfMessages(ctx.db, mail.references)) ?? mail.ticketNumber;
}

/** Whether the sender may add to this ticket by mail: its requester, or staff; and only while it takes comments. */
const mayReply = (ticket: TicketRecord, sender: MailSender): boolean =>
  acceptsComments(ticket.status) && (ticket.requester.id === sender.id || isStaff(sender.role));

async function replyTarget(ctx: MailContext, mail: InboundMail, sender: MailSender): Promise<TicketRecord | null> {
  const id = await referencedTicketId(ctx, mail);
  if (id === null) return null;
  const ticket = await findTicket(ctx.db, id, { userId: sender.id, seesAllTickets: true });
  return ticket && mayReply(ticket, sender) ? ticket : null;
}

const inboundRecord = (mail: InboundMail, sender: MailSender) => ({
  messageId: mail.messageId,
  direction: 'inbound' as const,
  fromAddress: sender.email,
  attachments: mail.attachments.map(pendingMeta),
});

async function addReply(ctx: MailContext, actor: AuditActor, by: InboxActor, ticket: TicketRecord, mail: InboundMail, sender: MailSender) {
  const statusChange = commentStatusChange(ticket, isStaff(sender.role) ? 'staff' : 'customer', true, Date.now());
  const text = withoutQuotedHistory(mail.text);
  const comment = await addComment(
    ctx.db,
    actor,
    {
      ticket: { id: ticket.id, status: ticket.status },
      author: { id: sender.id, name: sender.name },
      public: true,
      channel: 'email',
      bodyText: text,
      bodyHtml: commentHtml(text),
      statusChange,
    },
    (commentId) => [emailMessageStatement(ctx.db, { ...inboundRecord(mail, sender), ticketId: ticket.id, commentId })],
  );
  ctx.waitUntil(sendInboxEvents(ctx.env, ctx.tenant.id, commentCreatedEvents(comment, statusChange?.after ?? null, by)));
  return { kind: 'comment' as const, ticketId: ticket.id, commentId: comment.id };
}

async function openTicket(ctx: MailContext, actor: AuditActor, by: InboxActor, mail: InboundMail, sender: MailSender) {
  const ticket = await createTicket(
    ctx.db,
    actor,
    {
      subject: mail.subject,
      description: mail.text,
      priority: 'normal',
      type: 'question',
      channel: 'email',
      requesterId: sender.id,
      assigneeId: null,
      group: null,
      tags: [],
      customFields: {},
    },
    (ticketId) => [emailMessageStatement(ctx.db, { ...inboundRecord(mail, sender), ticketId, commentId: null })],
  );
  ctx.waitUntil(sendInboxEvents(ctx.env, ctx.tenant.id, [ticketCreatedEvent(ticket, by)]));
  return { kind: 'ticket' as const, ticketId: ticket.id };
}

/** Files the message: a reply on its ticket when the sender may add to it, else a new ticket. */
export async function fileMail(ctx: MailContext, mail: InboundMail & { from: NonNullable<InboundMail['from']> }): Promise<MailOutcome> {
  const system: AuditActor = { actorId: null, actorType: 'system', requestId: ctx.requestId, ip: null };
  const sender = await findOrCreateCustomer(ctx.db, system, mail.from.address, mail.from.name);
  if (!sender.active) return { kind: 'refused', reason: `The account of ${sender.email} is deactivated at this support team.` };
  const actor: AuditActor = { ...system, actorId: sender.id, actorType: 'user' };
  const by: InboxActor = { id: sender.id, name: sender.name };
  let filed: Extract<MailOutcome, { kind: 'ticket' | 'comment' }>;
  try {
    filed = await fileOnce(ctx, actor, by, mail, sender);
  } catch (error) {
    if (isDuplicateMessage(error)) return { kind: 'duplicate' };
    throw error;
  }
  const owner = { ticketId: filed.ticketId, commentId: filed.kind === 'comment' ? filed.commentId : null };
  await storeMailFiles(ctx, actor, mail.messageId, owner, mail.attachments);
  return filed;
}

/** A reply races an agent changing the ticket's status: read the ticket again and retry once. */
async function fileOnce(ctx: MailContext, actor: AuditActor, by: InboxActor, mail: InboundMail, sender: MailSender) {
  for (let attempt = 1; ; attempt++) {
    const ticket = await replyTarget(ctx, mail, sender);
    try {
      return ticket ? await addReply(ctx, actor, by, ticket, mail, sender) : await openTicket(ctx, actor, by, mail, sender);
    } catch (error) {
      if (attempt >= 2 || !isStaleTicketWrite(error)) throw error;
    }
  }
}
