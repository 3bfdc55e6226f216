import { env, evictAllDurableObjects, evictDurableObject, runDurableObjectAlarm } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { notifications } from '../../worker/db/tenant/notifications';
import { ticketRoomName } from '../../worker/realtime/rooms';
import { ticketComments } from '../../worker/db/tenant/tickets';
import type { CommentJson, TicketJson } from '../../worker/tickets/ticket-json';
import { connect, type RoomSocket } from './json-room-socket';
import { as, auditRows, fieldsOf, helpdesk, moveTicket, openTicket, type Helpdesk } from './tickets-fixtures';

// The live chat of a ticket: messages are stored as chat comments before they
// are broadcast, members get the latest 100 on joining, and the room keeps
// going for everyone while it refuses one member's bad frames.

type Frame = Record<string, unknown> & { type: string };
type Page = { items: CommentJson[]; next_cursor: string | null };

const chat = (desk: Helpdesk, ticketId: number, user: Helpdesk['agent']) =>
  connect<Frame>(desk.tenant, `/parties/chat-room/${ticketId}`, user.token);

/** Joins and reads the history frame. */
async function join(desk: Helpdesk, ticketId: number, user: Helpdesk['agent']): Promise<[RoomSocket<Frame>, Frame]> {
  const socket = await chat(desk, ticketId, user);
  const history = await socket.next();
  expect(history.type).toBe('history');
  return [socket, history];
}

const isMessage = (clientId: string) => (f: Frame) => f.type === 'message' && f.client_id === clientId;
const isError = (f: Frame) => f.type === 'error';

const chatComments = (desk: Helpdesk, ticketId: number) =>
  desk.tenant.db
    .select()
    .from(ticketComments)
    .where(and(eq(ticketComments.ticketId, ticketId), eq(ticketComments.channel, 'chat')))
    .all();

/** Every chat comment of a ticket through the public API, page by page. */
async function chatThroughApi(desk: Helpdesk, ticketId: number, user: Helpdesk['agent']): Promise<CommentJson[]> {
  const all: CommentJson[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `channel=chat&limit=40${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await as<Page>(desk.tenant, user, 'GET', `/tickets/${ticketId}/comments?${query}`);
    expect(page.status).toBe(200);
    all.push(...page.body.items);
    cursor = page.body.next_cursor;
  } while (cursor);
  return all;
}

describe('ticket chat', () => {
  // Rooms tell the inbox in the background; let that finish before the runtime goes away.
  afterAll(() => evictAllDurableObjects());

  it('stores a message as a public chat comment before broadcasting it to the other member', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [customer] = await join(desk, ticket.id, desk.customer);
    const [agent] = await join(desk, ticket.id, desk.agent);

    customer.send({ type: 'message', text: 'My <b>printer</b> & scanner\nare both offline', client_id: 'c-1' });
    const seen = await agent.next(isMessage('c-1'));
    const ack = await customer.next(isMessage('c-1'));
    expect(seen).toEqual(ack);
    expect(seen).toEqual({
      type: 'message',
      id: expect.any(Number),
      author: { id: desk.customer.id, name: 'customer', role: 'customer' },
      text: 'My <b>printer</b> & scanner\nare both offline',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      client_id: 'c-1',
    });

    // The broadcast came after the write: the comment is there, escaped like any other.
    const comments = await chatThroughApi(desk, ticket.id, desk.customer);
    expect(comments).toEqual([
      expect.objectContaining({
        id: seen.id,
        public: true,
        channel: 'chat',
        author: { id: desk.customer.id, name: 'customer' },
        body_html: '<p>My &lt;b&gt;printer&lt;/b&gt; &amp; scanner<br>are both offline</p>',
      }),
    ]);
    const [audit] = (await auditRows(desk, 'comment.create')).filter((row) => row.targetId === String(seen.id));
    expect(audit).toMatchObject({ actorId: desk.customer.id, after: { ticket_id: ticket.id, public: true, channel: 'chat' } });
    customer.close();
    agent.close();
  });

  it('sends the latest 100 messages on joining; the comments API pages through all of them', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await as(desk.tenant, desk.agent, 'POST', `/tickets/${ticket.id}/comments`, { body: { body: 'internal', public: false } });
    const base = Date.now();
    const seeded = Array.from({ length: 105 }, (_, i) => ({
      ticketId: ticket.id,
      authorId: i % 2 ? desk.agent.id : desk.customer.id,
      public: true,
      channel: 'chat' as const,
      bodyText: `message ${i}`,
      bodyHtml: `<p>message ${i}</p>`,
      createdAt: base + i,
    }));
    // D1 binds at most 100 parameters per statement: ten rows at a time.
    for (let i = 0; i < seeded.length; i += 10) await desk.tenant.db.insert(ticketComments).values(seeded.slice(i, i + 10));
    await as(desk.tenant, desk.customer, 'POST', `/tickets/${ticket.id}/comments`, { body: { body: 'by e-mail', public: true } });

    const [socket, history] = await join(desk, ticket.id, desk.customer);
    const messages = history.messages as Frame[];
    expect(messages).toHaveLength(100);
    expect(messages.map((m) => m.text)).toEqual(Array.from({ length: 100 }, (_, i) => `message ${i + 5}`));
    expect(messages[0]).toMatchObject({ author: { id: desk.agent.id, role: 'agent' }, client_id: null });
    expect(history.has_older).toBe(true);

    const all = await chatThroughApi(desk, ticket.id, desk.customer);
    expect(all.map((c) => c.body_text)).toEqual(Array.from({ length: 105 }, (_, i) => `message ${i}`));
    expect(all.at(-1)?.id).toBe(messages.at(-1)?.id);
    // The filter takes any channel, and keeps customers' view: no internal notes.
    const byApi = await as<Page>(desk.tenant, desk.agent, 'GET', `/tickets/${ticket.id}/comments?channel=api`);
    expect(byApi.body.items.map((c) => c.body_text)).toEqual(['internal', 'by e-mail']);
    const customerByApi = await as<Page>(desk.tenant, desk.customer, 'GET', `/tickets/${ticket.id}/comments?channel=api`);
    expect(customerByApi.body.items.map((c) => c.body_text)).toEqual(['by e-mail']);
    const unknown = await as(desk.tenant, desk.agent, 'GET', `/tickets/${ticket.id}/comments?channel=fax`);
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['channel']);
    socket.close();
  });

  it('answers a resent client_id with the stored message instead of storing it twice', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [first] = await join(desk, ticket.id, desk.customer);
    first.send({ type: 'message', text: 'Hello?', client_id: 'same' });
    const stored = await first.next(isMessage('same'));
    first.close();

    // Reconnected, not knowing whether the message arrived, the client sends it again.
    const [second] = await join(desk, ticket.id, desk.customer);
    second.send({ type: 'message', text: 'Hello?', client_id: 'same' });
    expect(await second.next(isMessage('same'))).toEqual(stored);
    expect(await chatComments(desk, ticket.id)).toHaveLength(1);
    second.close();
  });

  it('refuses a message over 4 KB with an error frame, and the connection stays usable', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [socket] = await join(desk, ticket.id, desk.customer);
    socket.send({ type: 'message', text: 'ж'.repeat(2100), client_id: 'big' });
    expect(await socket.next()).toMatchObject({ type: 'error', code: 'too_large', client_id: 'big' });
    socket.send({ type: 'message', text: 'Shorter, then.', client_id: 'small' });
    expect(await socket.next()).toMatchObject({ type: 'message', text: 'Shorter, then.' });
    expect(await chatComments(desk, ticket.id)).toHaveLength(1);
    socket.close();
  });

  it('closes a sender of bad frames with 1008 and keeps the room going for everyone else', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [customer] = await join(desk, ticket.id, desk.customer);
    const [agent] = await join(desk, ticket.id, desk.agent);
    const badFrames: [unknown, string][] = [
      ['{"type":"message",', 'malformed_frame'],
      [{ type: 'shout', text: 'HELLO' }, 'unknown_type'],
      [{ type: 'message', text: 42, client_id: 'x' }, 'invalid_frame'],
      [{ type: 'typing', typing: 'yes' }, 'invalid_frame'],
      [{ type: 'read', up_to: 'latest' }, 'invalid_frame'],
    ];
    for (const [n, [frame, code]] of badFrames.entries()) {
      const [rogue] = await join(desk, ticket.id, desk.admin);
      rogue.send(frame);
      expect(await rogue.next()).toMatchObject({ type: 'error', code, detail: expect.any(String) });
      const closed = await rogue.closed;
      expect(closed.code).toBe(1008);
      expect(closed.reason.length).toBeGreaterThan(0);

      customer.send({ type: 'message', text: `still here after ${code}`, client_id: `after-${n}` });
      expect(await agent.next((f) => f.type === 'message')).toMatchObject({ text: `still here after ${code}` });
    }
    expect(agent.received.filter(isError)).toEqual([]);
    customer.close();
    agent.close();
  });

  it('rate-limits messages per connection: an error frame, then close 4429 on repeated abuse', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [agent] = await join(desk, ticket.id, desk.agent);
    const [flooder] = await join(desk, ticket.id, desk.customer);
    for (let i = 0; i < 13; i++) flooder.send({ type: 'message', text: `spam ${i}`, client_id: `spam-${i}` });

    expect(await flooder.next(isError)).toMatchObject({ code: 'rate_limited', client_id: 'spam-10' });
    expect(await flooder.next(isError)).toMatchObject({ code: 'rate_limited', client_id: 'spam-11' });
    expect(await flooder.next(isError)).toMatchObject({ code: 'rate_limited', client_id: 'spam-12' });
    expect((await flooder.closed).code).toBe(4429);

    // The ten admitted before the limit were stored and reached the agent, in order.
    const texts: unknown[] = [];
    for (let i = 0; i < 10; i++) texts.push((await agent.next((f) => f.type === 'message')).text);
    expect(texts).toEqual(Array.from({ length: 10 }, (_, i) => `spam ${i}`));
    expect(await chatComments(desk, ticket.id)).toHaveLength(10);

    // Another connection has its own budget.
    const [calm] = await join(desk, ticket.id, desk.customer);
    calm.send({ type: 'message', text: 'sorry about that', client_id: 'calm' });
    expect(await calm.next(isMessage('calm'))).toMatchObject({ text: 'sorry about that' });
    calm.close();
    agent.close();
  });

  it('relays typing and read receipts to the others, and tells a newcomer how far each member read', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [customer] = await join(desk, ticket.id, desk.customer);
    const [agent] = await join(desk, ticket.id, desk.agent);

    customer.send({ type: 'typing', typing: true });
    expect(await agent.next()).toEqual({ type: 'typing', user: { id: desk.customer.id, name: 'customer', role: 'customer' }, typing: true });
    agent.send({ type: 'message', text: 'Try restarting it.', client_id: 'a-1' });
    const message = await customer.next(isMessage('a-1'));
    customer.send({ type: 'read', up_to: message.id });
    expect(await agent.next((f) => f.type === 'read')).toEqual({
      type: 'read',
      user: { id: desk.customer.id, name: 'customer', role: 'customer' },
      up_to: message.id,
    });
    // Nobody hears their own typing or receipts.
    expect(customer.received.filter((f) => f.type === 'typing' || f.type === 'read')).toEqual([]);

    const [admin, history] = await join(desk, ticket.id, desk.admin);
    expect(history.reads).toEqual([{ user: { id: desk.customer.id, name: 'customer', role: 'customer' }, up_to: message.id }]);
    for (const socket of [customer, agent, admin]) socket.close();
  });

  it("records a notification when staff write while the customer is away, and none while they're here", async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [agent] = await join(desk, ticket.id, desk.agent);
    agent.send({ type: 'message', text: 'Are you still there?', client_id: 'away' });
    const away = await agent.next(isMessage('away'));

    const [customer] = await join(desk, ticket.id, desk.customer);
    agent.send({ type: 'message', text: 'Welcome back.', client_id: 'here' });
    await customer.next(isMessage('here'));
    customer.send({ type: 'message', text: 'Thanks!', client_id: 'thanks' });
    await agent.next(isMessage('thanks'));

    const rows = await desk.tenant.db.select().from(notifications).where(eq(notifications.recipientId, desk.customer.id)).all();
    expect(rows).toEqual([
      expect.objectContaining({
        event: 'chat.offline_message',
        channel: 'email',
        state: 'pending',
        idempotencyKey: `chat.offline_message:${away.id}:${desk.customer.id}:email`,
        payload: { ticket_id: ticket.id, comment_id: away.id, author: { id: desk.agent.id, name: 'agent' }, text: 'Are you still there?' },
      }),
    ]);
    customer.close();
    agent.close();
  });

  it('moves the ticket as a public reply would: the first staff message opens a new ticket', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [agent] = await join(desk, ticket.id, desk.agent);
    agent.send({ type: 'message', text: 'Looking into it.', client_id: 'open' });
    await agent.next(isMessage('open'));
    const now = await as<TicketJson>(desk.tenant, desk.agent, 'GET', `/tickets/${ticket.id}`);
    expect(now.body.status).toBe('open');
    agent.close();
  });

  it('refuses messages on a closed ticket without storing them', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [customer] = await join(desk, ticket.id, desk.customer);
    await moveTicket(desk, ticket.id, 'solved', 'closed');
    customer.send({ type: 'message', text: 'One more thing', client_id: 'late' });
    // (The status moves also reach the room as `ticket` frames: the portal reloads on them.)
    expect(await customer.next(isError)).toMatchObject({ type: 'error', code: 'ticket_closed', client_id: 'late' });
    expect(await chatComments(desk, ticket.id)).toHaveLength(0);
    customer.close();
  });

  it('closes the socket with 4401 when its session was signed out meanwhile', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [customer] = await join(desk, ticket.id, desk.customer);
    expect((await as(desk.tenant, desk.customer, 'POST', '/auth/logout')).status).toBe(204);
    customer.send({ type: 'message', text: 'Am I still here?', client_id: 'ghost' });
    expect(await customer.next()).toMatchObject({ type: 'error', code: 'session_ended' });
    expect((await customer.closed).code).toBe(4401);
    expect(await chatComments(desk, ticket.id)).toHaveLength(0);
  });

  it("keeps each socket's identity and rate limit across hibernation", async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [agent] = await join(desk, ticket.id, desk.agent);
    const [customer] = await join(desk, ticket.id, desk.customer);
    for (let i = 0; i < 10; i++) customer.send({ type: 'message', text: `before ${i}`, client_id: `before-${i}` });
    for (let i = 0; i < 10; i++) await customer.next(isMessage(`before-${i}`));

    // The room is torn down; its sockets hibernate and stay open.
    await evictDurableObject(env.ChatRoom.getByName(ticketRoomName(desk.tenant.id, ticket.id)));

    // The same sockets go on: the room still knows who the agent is…
    agent.send({ type: 'message', text: 'after the nap', client_id: 'after' });
    expect(await customer.next(isMessage('after'))).toMatchObject({ author: { id: desk.agent.id, role: 'agent' } });
    // …and that the customer has spent their burst (a fresh limit would admit ten more).
    for (let i = 0; i < 10; i++) customer.send({ type: 'message', text: `again ${i}`, client_id: `again-${i}` });
    expect(await customer.next(isError)).toMatchObject({ code: 'rate_limited' });
    agent.close();
    customer.close();
  });

  it('drops a silent member whose session ended on the next check, and keeps the others', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const [customer] = await join(desk, ticket.id, desk.customer);
    const [agent] = await join(desk, ticket.id, desk.agent);
    expect((await as(desk.tenant, desk.customer, 'POST', '/auth/logout')).status).toBe(204);

    expect(await runDurableObjectAlarm(env.ChatRoom.getByName(ticketRoomName(desk.tenant.id, ticket.id)))).toBe(true);
    expect(await customer.next()).toMatchObject({ type: 'error', code: 'session_ended' });
    expect((await customer.closed).code).toBe(4401);
    agent.send({ type: 'message', text: 'Anyone?', client_id: 'still' });
    expect(await agent.next(isMessage('still'))).toMatchObject({ text: 'Anyone?' });
    agent.close();
  });
});
