import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { emailMessages, type EmailAttachmentMeta } from '../db/tenant/email';
import { users, type Role } from '../db/tenant/users';
import { violatesUnique } from '../db/unique-violation';
import type { TenantDb } from '../tenancy/tenant-db';

// The tenant data that inbound e-mail reads and writes besides tickets and
// comments: the Message-IDs of each ticket's thread, and the people who write in.

/** The ticket whose thread holds one of these Message-IDs (the most recently stored wins), or null. */
export async function ticketOfMessages(db: TenantDb, messageIds: readonly string[]): Promise<number | null> {
  if (messageIds.length === 0) return null;
  const row = await db
    .select({ ticketId: emailMessages.ticketId })
    .from(emailMessages)
    .where(sql`${emailMessages.messageId} in (select value from json_each(${JSON.stringify(messageIds)}))`)
    .orderBy(desc(emailMessages.id))
    .limit(1)
    .get();
  return row?.ticketId ?? null;
}

export interface NewEmailMessage {
  messageId: string;
  direction: 'inbound' | 'outbound';
  ticketId: number | SQL;
  commentId: number | SQL | null;
  fromAddress: string;
  attachments: EmailAttachmentMeta[];
}

/** Records a message of a ticket's thread; goes in the batch that writes what the message became. */
export function emailMessageStatement(db: TenantDb, message: NewEmailMessage) {
  return db.insert(emailMessages).values(message);
}

/** What became of the message's files, once the attachment store has had them. */
export async function recordAttachmentOutcomes(db: TenantDb, messageId: string, outcomes: EmailAttachmentMeta[]): Promise<void> {
  await db.update(emailMessages).set({ attachments: outcomes }).where(eq(emailMessages.messageId, messageId));
}

/** Whether a write failed because the Message-ID was already recorded (the same mail delivered again). */
export const isDuplicateMessage = (error: unknown): boolean => violatesUnique(error, 'email_messages.message_id');

export interface MailSender {
  id: number;
  name: string;
  email: string;
  role: Role;
  active: boolean;
}

const senderColumns = { id: users.id, name: users.name, email: users.email, role: users.role, active: users.active };

export async function findUserByEmail(db: TenantDb, email: string): Promise<MailSender | null> {
  return (await db.select(senderColumns).from(users).where(eq(users.email, email)).get()) ?? null;
}

/**
 * The user who wrote from `email`, created as a customer (no password: they can
 * be invited to the portal later) if the tenant does not know them. Two mails
 * from a new address at once both end up with the one user the first created.
 */
export async function findOrCreateCustomer(db: TenantDb, actor: AuditActor, email: string, name: string): Promise<MailSender> {
  const existing = await findUserByEmail(db, email);
  if (existing) return existing;
  const self = sql`(select ${users.id} from ${users} where ${users.email} = ${email})`;
  try {
    const [[created]] = await db.batch([
      db.insert(users).values({ email, name, role: 'customer' }).returning(senderColumns),
      auditStatement(db, { ...actor, actorId: self }, {
        action: 'user.create',
        targetType: 'user',
        targetId: self,
        after: { email, name, role: 'customer', source: 'email' },
      }),
    ]);
    if (created) return created;
  } catch (error) {
    if (!violatesUnique(error, 'users.email')) throw error;
  }
  const raced = await findUserByEmail(db, email);
  if (!raced) throw new Error(`the customer ${email} could neither be created nor found`);
  return raced;
}
