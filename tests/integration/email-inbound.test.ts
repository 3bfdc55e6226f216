import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InboxEvent } from '../../party/inbox-event';
import { attachments } from '../../worker/db/tenant/attachments';
import { auditLogs } from '../../worker/db/tenant/audit';
import { tickets } from '../../worker/db/tenant/tickets';
import { users } from '../../worker/db/tenant/users';
import { inboundAddresses } from '../../worker/db/directory/schema';
import { ownMessageId } from '../../worker/email/message-id';
import { directoryDb } from '../../worker/tenancy/directory';
import { deliver, inboxAddress, plainMail, storedMessage, uniqueMessageId } from './email-fixtures';
import { addUser, createTenant, tenantCall, type TestTenant, type TestUser } from './harness';
import { connect } from './json-room-socket';

// Mail to a tenant's address becomes tickets and replies, through the worker's
// `email` entry point with real RFC 822 messages.

interface TicketWithComments {
  id: number;
  subject: string;
  description: string;
  status: string;
  channel: string;
  requester: { id: number; name: string; email: string };
  comments: { author: { id: number }; public: boolean; channel: string; body_text: string; body_html: string }[];
}

let tenant: TestTenant;
let agent: TestUser;

beforeAll(async () => {
  tenant = await createTenant('mail');
  agent = await addUser(tenant, 'agent');
});

async function ticket(id: number): Promise<TicketWithComments> {
  const response = await tenantCall(tenant, 'GET', `/api/v1/tickets/${id}`, { token: agent.token });
  expect(response.status).toBe(200);
  return response.json();
}

/** Sends a new-thread mail and returns the ticket it opened. */
async function openByMail(from: string, subject = 'Printer on fire', body = 'It smells of toner.') {
  const messageId = uniqueMessageId();
  const message = await deliver(plainMail({ from, to: inboxAddress(tenant), subject, body, messageId }), { from, to: inboxAddress(tenant) });
  expect(message.rejected).toBeNull();
  const stored = await storedMessage(tenant, messageId);
  if (!stored) throw new Error('the mail opened no ticket');
  return { messageId, ticketId: stored.ticketId };
}

const reply = (from: string, subject: string, body: string, headers: Record<string, string> = {}) => {
  const messageId = uniqueMessageId();
  const raw = plainMail({ from, to: inboxAddress(tenant), subject, body, messageId, headers });
  return { messageId, send: () => deliver(raw, { from, to: inboxAddress(tenant) }) };
};

const ticketCount = async () => (await tenant.db.select({ id: tickets.id }).from(tickets).all()).length;

describe('a new thread', () => {
  it('opens a ticket on the email channel, creating the unknown sender as a customer, all audited', async () => {
    const { ticketId } = await openByMail('Ann Example <Ann@Example.com>', 'Printer on fire', 'It smells of toner.\nPlease help.');
    const opened = await ticket(ticketId);
    expect(opened).toMatchObject({
      subject: 'Printer on fire',
      description: 'It smells of toner.\nPlease help.',
      status: 'new',
      channel: 'email',
      requester: { name: 'Ann Example', email: 'ann@example.com' },
    });
    const customer = await tenant.db.select().from(users).where(eq(users.email, 'ann@example.com')).get();
    expect(customer).toMatchObject({ role: 'customer', passwordHash: null, active: true });
    const audit = await tenant.db.select().from(auditLogs).where(eq(auditLogs.actorId, customer?.id ?? -1)).all();
    expect(audit.map((a) => a.action).sort()).toEqual(['ticket.create', 'user.create']);
    expect(audit.find((a) => a.action === 'ticket.create')).toMatchObject({ actorType: 'user', targetId: String(ticketId) });
  });

  it('announces the new ticket in the tenant’s inbox', async () => {
    const admin = await addUser(tenant, 'admin');
    const inbox = await connect<InboxEvent>(tenant, '/parties/inbox-room/inbox', admin.token);
    const { ticketId } = await openByMail('bob@example.com', 'Inbox please');
    expect(await inbox.next()).toMatchObject({ type: 'ticket.created', ticket_id: ticketId, changes: { channel: 'email', subject: 'Inbox please' } });
    inbox.close();
  });

  it('is filed once when the same message is delivered twice', async () => {
    const messageId = uniqueMessageId();
    const raw = plainMail({ from: 'twice@example.com', to: inboxAddress(tenant), subject: 'Twice', body: 'Once, really.', messageId });
    const before = await ticketCount();
    await deliver(raw, { from: 'twice@example.com', to: inboxAddress(tenant) });
    const again = await deliver(raw, { from: 'twice@example.com', to: inboxAddress(tenant) });
    expect(again.rejected).toBeNull();
    expect(await ticketCount()).toBe(before + 1);
  });

  it('reaches the tenant through a custom address registered in the directory', async () => {
    await directoryDb(env).insert(inboundAddresses).values({ address: 'help@acme-support.example', tenantId: tenant.id });
    const messageId = uniqueMessageId();
    const raw = plainMail({ from: 'cust@example.com', to: 'Help@Acme-Support.example', subject: 'Custom', body: 'Hi', messageId });
    const message = await deliver(raw, { from: 'cust@example.com', to: 'Help@Acme-Support.example' });
    expect(message.rejected).toBeNull();
    expect(await storedMessage(tenant, messageId)).toBeDefined();
  });
});

describe('a reply', () => {
  it('threads by In-Reply-To as a public email comment from the requester, without the quoted history', async () => {
    const { messageId, ticketId } = await openByMail('carol@example.com');
    const quoted = 'Now it is out.\n\nOn Sat, 28 Nov 2026 at 10:00, Support <support@example.com> wrote:\n> It smells of toner.';
    const answer = reply('carol@example.com', 'Re: Printer on fire', quoted, { 'In-Reply-To': `<${messageId}>` });
    await answer.send();
    const thread = await ticket(ticketId);
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]).toMatchObject({ public: true, channel: 'email', body_text: 'Now it is out.', author: { id: thread.requester.id } });
    expect(await storedMessage(tenant, answer.messageId)).toMatchObject({ ticketId, direction: 'inbound' });
    const audited = await tenant.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'comment.create'), eq(auditLogs.actorId, thread.requester.id))).all();
    expect(audited).toHaveLength(1);
  });

  it('threads by one of our own Message-IDs in References', async () => {
    const { ticketId } = await openByMail('dan@example.com');
    const ours = ownMessageId({ tenantSlug: tenant.slug, ticketId }, env.EMAIL_DOMAIN);
    await reply('dan@example.com', 'Re: your ticket', 'Thanks!', { References: `<unrelated@x.example> <${ours}>` }).send();
    expect((await ticket(ticketId)).comments.map((c) => c.body_text)).toEqual(['Thanks!']);
  });

  it('threads by [#id] in the subject when the headers were lost', async () => {
    const { ticketId } = await openByMail('erin@example.com');
    await reply('erin@example.com', `Re: [#${ticketId}] Printer on fire`, 'Any news?').send();
    expect((await ticket(ticketId)).comments.map((c) => c.body_text)).toEqual(['Any news?']);
  });

  it('from staff is a staff reply that opens the ticket', async () => {
    const { ticketId } = await openByMail('fay@example.com');
    await reply(agent.email, `Re: [#${ticketId}]`, 'On it.').send();
    const thread = await ticket(ticketId);
    expect(thread.status).toBe('open');
    expect(thread.comments[0]).toMatchObject({ author: { id: agent.id }, public: true, channel: 'email' });
  });

  it('from someone who is neither requester nor staff opens a new ticket instead', async () => {
    const { messageId, ticketId } = await openByMail('gail@example.com');
    const stranger = reply('mallory@example.com', `Re: [#${ticketId}] Printer on fire`, 'Let me in', { 'In-Reply-To': `<${messageId}>` });
    await stranger.send();
    expect((await ticket(ticketId)).comments).toEqual([]);
    const stored = await storedMessage(tenant, stranger.messageId);
    expect(stored?.ticketId).not.toBe(ticketId);
    expect((await ticket(stored?.ticketId ?? -1)).requester.email).toBe('mallory@example.com');
  });

  it('to a closed ticket opens a new ticket', async () => {
    const { messageId, ticketId } = await openByMail('hal@example.com');
    await tenant.db.update(tickets).set({ status: 'closed', closedAt: Date.now() }).where(eq(tickets.id, ticketId));
    const late = reply('hal@example.com', 'Re: Printer on fire', 'Again!', { 'In-Reply-To': `<${messageId}>` });
    await late.send();
    expect((await storedMessage(tenant, late.messageId))?.ticketId).not.toBe(ticketId);
  });
});

describe('refused and dropped mail', () => {
  it('rejects mail to an address no tenant has, with the reason', async () => {
    const before = await ticketCount();
    const raw = plainMail({ from: 'a@example.com', to: 'nobody-here@localhost', subject: 'Hi', body: 'Hi', messageId: uniqueMessageId() });
    const message = await deliver(raw, { from: 'a@example.com', to: 'nobody-here@localhost' });
    expect(message.rejected).toMatch(/No support team receives mail at nobody-here@localhost/);
    expect(await ticketCount()).toBe(before);
  });

  it('rejects a message over 25 MB before reading it', async () => {
    const before = await ticketCount();
    const attachment = 'QUFB\n'.repeat((26 * 1024 * 1024) / 5);
    const raw =
      `From: big@example.com\nTo: ${inboxAddress(tenant)}\nSubject: Big\nMessage-ID: <${uniqueMessageId()}>\nMIME-Version: 1.0\n` +
      `Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nSee attached.\n--b\n` +
      `Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n${attachment}--b--\n`;
    const message = await deliver(raw, { from: 'big@example.com', to: inboxAddress(tenant) });
    expect(message.rawSize).toBeGreaterThan(25 * 1024 * 1024);
    expect(message.rejected).toMatch(/25 MB/);
    expect(await ticketCount()).toBe(before);
  });

  const robots: [string, Record<string, string>, string?][] = [
    ['an auto-reply (Auto-Submitted)', { 'Auto-Submitted': 'auto-replied' }],
    ['bulk mail (Precedence: bulk)', { Precedence: 'bulk' }],
    ['junk (Precedence: junk)', { Precedence: 'junk' }],
    ['list mail (List-Id)', { 'List-Id': 'News <news.example.com>' }],
  ];
  it.each(robots)('drops %s without a reply, a bounce or a new customer', async (_name, headers) => {
    const before = await ticketCount();
    const from = `robot-${Object.keys(headers)[0]?.toLowerCase()}@example.com`;
    const message = await reply(from, 'Out of office', 'I am away.', headers).send();
    expect(message.rejected).toBeNull();
    expect(await ticketCount()).toBe(before);
    expect(await tenant.db.select().from(users).where(eq(users.email, from)).get()).toBeUndefined();
  });

  it('drops a message carrying one of our own Message-IDs (mail looping back)', async () => {
    const before = await ticketCount();
    const ours = ownMessageId({ tenantSlug: tenant.slug, ticketId: 1 }, env.EMAIL_DOMAIN);
    const raw = plainMail({ from: 'loop@example.com', to: inboxAddress(tenant), subject: 'Re: [#1]', body: 'echo', messageId: ours });
    const message = await deliver(raw, { from: 'loop@example.com', to: inboxAddress(tenant) });
    expect(message.rejected).toBeNull();
    expect(await ticketCount()).toBe(before);
  });
});

describe('realistic mail', () => {
  it('reads a Russian subject in encoded words and a quoted-printable UTF-8 body', async () => {
    const messageId = uniqueMessageId();
    const subject = '=?UTF-8?B?0J/RgNC40L3RgtC10YAg0L3QtSDQv9C10YfQsNGC0LDQtdGC?=';
    const raw =
      `From: =?KOI8-R?B?6dfBziDwxdTSz9c=?= <ivan@example.ru>\nTo: ${inboxAddress(tenant)}\nSubject: ${subject}\nMessage-ID: <${messageId}>\n` +
      `MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n` +
      `=D0=97=D0=B4=D1=80=D0=B0=D0=B2=D1=81=D1=82=D0=B2=D1=83=D0=B9=D1=82=D0=B5! =D0=9F=D1=80=D0=B8=D0=BD=D1=82=D0=B5=D1=80 =\n=D1=81=D0=BB=D0=BE=D0=BC=D0=B0=D0=BB=D1=81=D1=8F.\n`;
    await deliver(raw, { from: 'ivan@example.ru', to: inboxAddress(tenant) });
    const stored = await storedMessage(tenant, messageId);
    const opened = await ticket(stored?.ticketId ?? -1);
    expect(opened.subject).toBe('Принтер не печатает');
    expect(opened.description).toBe('Здравствуйте! Принтер сломался.');
    expect(opened.requester).toMatchObject({ name: 'Иван Петров', email: 'ivan@example.ru' });
  });

  it('takes the plain part of multipart/alternative and stores a base64 attachment in R2 on the ticket', async () => {
    const messageId = uniqueMessageId();
    const raw =
      `From: kim@example.com\nTo: ${inboxAddress(tenant)}\nSubject: Logs\nMessage-ID: <${messageId}>\nMIME-Version: 1.0\n` +
      `Content-Type: multipart/mixed; boundary="outer"\n\n--outer\nContent-Type: multipart/alternative; boundary="alt"\n\n` +
      `--alt\nContent-Type: text/plain; charset=utf-8\n\nLogs attached.\n--alt\nContent-Type: text/html; charset=utf-8\n\n<p><b>Logs</b> attached.</p>\n--alt--\n` +
      `--outer\nContent-Type: text/plain; name="log.txt"\nContent-Disposition: attachment; filename="log.txt"\nContent-Transfer-Encoding: base64\n\n` +
      `aGVsbG8gbG9n\n` +
      `--outer\nContent-Type: application/x-msdownload; name="setup.exe"\nContent-Disposition: attachment; filename="setup.exe"\nContent-Transfer-Encoding: base64\n\n` +
      `TVqQAAMAAAAEAAAA\n--outer--\n`;
    await deliver(raw, { from: 'kim@example.com', to: inboxAddress(tenant) });
    const stored = await storedMessage(tenant, messageId);
    const ticketId = stored?.ticketId ?? -1;
    expect((await ticket(ticketId)).description).toBe('Logs attached.');
    const [log, exe] = stored?.attachments ?? [];
    expect(exe).toEqual({ filename: 'setup.exe', mime_type: 'application/x-msdownload', size: 12, attachment_id: null, refused: 'type_not_allowed' });
    expect(log).toMatchObject({ filename: 'log.txt', mime_type: 'text/plain', size: 9, refused: null });
    const file = await tenant.db.select().from(attachments).where(eq(attachments.id, log?.attachment_id ?? -1)).get();
    expect(file).toMatchObject({ ticketId, commentId: null, public: true, filename: 'log.txt', sizeBytes: 9 });
    expect(await (await env.ATTACHMENTS.get(file?.r2Key ?? ''))?.text()).toBe('hello log');
  });

  it('stores a reply’s file on the comment it became', async () => {
    const { ticketId } = await openByMail('pat@example.com');
    const messageId = uniqueMessageId();
    const raw =
      `From: pat@example.com\nTo: ${inboxAddress(tenant)}\nSubject: Re: [#${ticketId}]\nMessage-ID: <${messageId}>\nMIME-Version: 1.0\n` +
      `Content-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/plain\n\nScreenshot attached.\n` +
      `--m\nContent-Type: image/png\nContent-Disposition: attachment; filename="screen.png"\nContent-Transfer-Encoding: base64\n\n` +
      `iVBORw0KGgoAAAANSUhEUg==\n--m--\n`;
    await deliver(raw, { from: 'pat@example.com', to: inboxAddress(tenant) });
    const stored = await storedMessage(tenant, messageId);
    expect(stored?.commentId).not.toBeNull();
    const file = await tenant.db.select().from(attachments).where(eq(attachments.id, stored?.attachments[0]?.attachment_id ?? -1)).get();
    expect(file).toMatchObject({ ticketId, commentId: stored?.commentId, contentType: 'image/png', filename: 'screen.png' });
  });

  it('turns HTML-only mail into text, dropping styles and scripts, and shows it escaped', async () => {
    const { ticketId } = await openByMail('lee@example.com');
    const messageId = uniqueMessageId();
    const raw =
      `From: lee@example.com\nTo: ${inboxAddress(tenant)}\nSubject: Re: [#${ticketId}]\nMessage-ID: <${messageId}>\nMIME-Version: 1.0\n` +
      `Content-Type: text/html; charset=utf-8\n\n<html><head><style>p{color:red}</style></head><body>` +
      `<p>Still &lt;broken&gt;</p><script>alert(1)</script><p>See <a href="https://ex.com/x">this</a></p></body></html>\n`;
    await deliver(raw, { from: 'lee@example.com', to: inboxAddress(tenant) });
    const [comment] = (await ticket(ticketId)).comments;
    expect(comment?.body_text).toBe('Still <broken>\n\nSee this (https://ex.com/x)');
    expect(comment?.body_html).toBe('<p>Still &lt;broken&gt;</p><p>See this (https://ex.com/x)</p>');
  });

  it('reads a forwarded message as the body of a new ticket', async () => {
    const messageId = uniqueMessageId();
    const raw =
      `From: max@example.com\nTo: ${inboxAddress(tenant)}\nSubject: Fwd: Invoice\nMessage-ID: <${messageId}>\nMIME-Version: 1.0\n` +
      `Content-Type: multipart/mixed; boundary="f"\n\n--f\nContent-Type: text/plain\n\nSee below.\n--f\nContent-Type: message/rfc822\n\n` +
      `From: billing@vendor.example\nSubject: Invoice 42\nContent-Type: text/plain\n\nAmount due: 100\n--f--\n`;
    await deliver(raw, { from: 'max@example.com', to: inboxAddress(tenant) });
    const opened = await ticket((await storedMessage(tenant, messageId))?.ticketId ?? -1);
    expect(opened.subject).toBe('Fwd: Invoice');
    expect(opened.description).toContain('See below.');
    expect(opened.description).toContain('Amount due: 100');
  });
});
