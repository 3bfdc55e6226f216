import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TakeResult } from '../../party/ticket-room';
import type { CommentJson, TicketJson } from '../../worker/tickets/ticket-json';
import { addUser } from './harness';
import { as, auditRows, helpdesk, moveTicket, openTicket, type Helpdesk, type ProblemBody } from './tickets-fixtures';
import { connectTicket, seedDraft, ticketRoomStub, typeParagraph, type YjsSocketClient } from './yjs-socket';

// Sending the agents' co-edited reply (and saving their internal note) from the
// TicketRoom as a comment: exactly once, sanitised, crediting its writers,
// clearing only what was sent.

let desk: Helpdesk;
beforeAll(async () => {
  desk = await helpdesk();
});

const newTicket = async () => (await openTicket(desk, desk.customer)).id;
const comments = async (ticketId: number) =>
  (await as<{ items: CommentJson[] }>(desk.tenant, desk.agent, 'GET', `/tickets/${ticketId}/comments`)).body.items;

async function settle(...clients: YjsSocketClient[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const client of clients) await client.flush();
}

describe('sending the co-edited reply', () => {
  it('writes one public comment of sanitised HTML crediting everyone who wrote, and clears the draft for everyone', async () => {
    const ticket = await newTicket();
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    const bob = await connectTicket(desk.tenant, ticket, { token: desk.admin.token });
    typeParagraph(ann.reply, 'Hello, ', { strong: {} });
    await settle(ann, bob);
    typeParagraph(bob.reply, 'see the guide', { link: { href: 'https://help.example/guide' } });
    typeParagraph(bob.reply, 'not this', { link: { href: 'javascript:alert(1)' }, onclick: 'x' });
    await settle(ann, bob);

    const sent = await as<CommentJson>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket}/reply`, { body: {} });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({
      ticket_id: ticket,
      public: true,
      channel: 'web',
      author: { id: desk.agent.id },
      body_html:
        '<p><strong>Hello, </strong></p><p><a href="https://help.example/guide" rel="noopener noreferrer">see the guide</a></p><p>not this</p>',
      body_text: 'Hello, \n\nsee the guide\n\nnot this',
      co_authors: [desk.agent.id, desk.admin.id].sort((a, b) => a - b),
    });
    await settle(ann, bob);
    expect(ann.reply.length).toBe(0);
    expect(bob.reply.length).toBe(0);
    expect((await comments(ticket)).map((c) => c.id)).toEqual([sent.body.id]);
    const ticketNow = await as<TicketJson>(desk.tenant, desk.agent, 'GET', `/tickets/${ticket}`);
    expect(ticketNow.body.status).toBe('open');
    await ann.disconnect();
    await bob.disconnect();
  });

  it('moves the ticket to the status asked for, through the transition table, and audits both', async () => {
    const ticket = await newTicket();
    await seedDraft(desk.tenant, ticket, 'reply', 'We need your order number.');
    const sent = await as<CommentJson>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket}/reply`, { body: { status: 'pending' } });
    expect(sent.status).toBe(201);
    expect((await as<TicketJson>(desk.tenant, desk.agent, 'GET', `/tickets/${ticket}`)).body.status).toBe('pending');
    const statusAudits = (await auditRows(desk, 'ticket.update')).filter((r) => r.targetId === String(ticket));
    expect(statusAudits.at(-1)).toMatchObject({ before: { status: 'new' }, after: { status: 'pending' } });
    expect((await auditRows(desk, 'comment.create')).some((r) => r.targetId === String(sent.body.id))).toBe(true);
  });

  it('refuses an illegal status move with 409 and leaves the draft as it was', async () => {
    const ticket = await newTicket();
    await moveTicket(desk, ticket, 'solved');
    await seedDraft(desk.tenant, ticket, 'reply', 'Still here');
    const refused = await as<ProblemBody>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket}/reply`, { body: { status: 'pending' } });
    expect(refused.status).toBe(409);
    expect(refused.body.allowed).toEqual(['open', 'closed']);
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    expect(ann.reply.toString()).toBe('<paragraph>Still here</paragraph>');
    expect(await comments(ticket)).toEqual([]);
    await ann.disconnect();
  });

  it('answers 422 for an empty draft, and for a body with unknown fields', async () => {
    const ticket = await newTicket();
    const empty = await as<ProblemBody>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket}/reply`, { body: {} });
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([{ field: 'reply', detail: 'is empty' }]);
    const unknown = await as<ProblemBody>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket}/reply`, { body: { text: 'sneaky' } });
    expect(unknown.status).toBe(422);
    expect(await comments(ticket)).toEqual([]);
  });

  it('answers customers 403 on their own ticket and 404 on another’s, and never touches the draft', async () => {
    const ticket = await newTicket();
    await seedDraft(desk.tenant, ticket, 'reply', 'Agents only');
    expect((await as(desk.tenant, desk.customer, 'POST', `/tickets/${ticket}/reply`, { body: {} })).status).toBe(403);
    expect((await as(desk.tenant, desk.otherCustomer, 'POST', `/tickets/${ticket}/reply`, { body: {} })).status).toBe(404);
    expect((await as(desk.tenant, desk.customer, 'POST', `/tickets/${ticket}/note`, { body: {} })).status).toBe(403);
    expect((await as(desk.tenant, desk.agent, 'POST', '/tickets/999999/reply', { body: {} })).status).toBe(404);
    expect(await comments(ticket)).toEqual([]);
  });

  it('answers 409 on a closed ticket', async () => {
    const ticket = await newTicket();
    await moveTicket(desk, ticket, 'solved', 'closed');
    await seedDraft(desk.tenant, ticket, 'reply', 'Too late');
    const refused = await as<ProblemBody>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket}/reply`, { body: {} });
    expect(refused.status).toBe(409);
  });
});

describe('exactly once', () => {
  it('turns two agents pressing Send at once into one comment; the other gets 409 with its id', async () => {
    const ticket = await newTicket();
    await seedDraft(desk.tenant, ticket, 'reply', 'Only once, please');
    const [first, second] = await Promise.all([
      as<CommentJson & ProblemBody>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket}/reply`, { body: {} }),
      as<CommentJson & ProblemBody>(desk.tenant, desk.admin, 'POST', `/tickets/${ticket}/reply`, { body: {} }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([201, 409]);
    const created = first.status === 201 ? first : second;
    const refused = first.status === 201 ? second : first;
    expect(refused.body.comment_id).toBe(created.body.id);
    expect(refused.body.type).toBe('https://workernet.dev/problems/already-sent');
    expect((await comments(ticket)).map((c) => c.body_text)).toEqual(['Only once, please']);
  });

  it('keeps many simultaneous sends to one comment', async () => {
    const ticket = await newTicket();
    await seedDraft(desk.tenant, ticket, 'reply', 'Stampede');
    const senders = [desk.agent, desk.admin, ...(await Promise.all([1, 2, 3].map(() => addUser(desk.tenant, 'agent'))))];
    const replies = await Promise.all(senders.map((s) => as<ProblemBody & { id?: number }>(desk.tenant, s, 'POST', `/tickets/${ticket}/reply`, { body: {} })));
    const created = replies.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body.comment_id).toBe(created[0]?.body.id);
    }
    expect(await comments(ticket)).toHaveLength(1);
  });

  it('keeps text typed while the send is in flight in the draft, and sends only what it took', async () => {
    const ticket = await newTicket();
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    typeParagraph(ann.reply, 'Sent part');
    await ann.flush();
    const room = await ticketRoomStub(desk.tenant, ticket);
    const taken = (await room.takeDraft({ field: 'reply', senderId: desk.agent.id, requestedAt: Date.now() })) as TakeResult;
    if (!taken.ok) throw new Error(`take refused: ${taken.reason}`);
    expect(taken.html).toBe('<p>Sent part</p>');

    // Typed between the take and the commit: into the sent paragraph and as a new one.
    ((ann.reply.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(9, ' + typed inside');
    typeParagraph(ann.reply, 'typed after');
    await ann.flush();
    expect(await room.commitSend(taken.sendId, 1)).toEqual({ ok: true });
    await ann.flush();
    expect(ann.reply.toString()).toBe('<paragraph> + typed inside</paragraph><paragraph>typed after</paragraph>');
    await ann.disconnect();
  });

  it('gives the draft back untouched when the comment could not be written (abort), and the next send takes it', async () => {
    const ticket = await newTicket();
    await seedDraft(desk.tenant, ticket, 'reply', 'Try again');
    const room = await ticketRoomStub(desk.tenant, ticket);
    const taken = (await room.takeDraft({ field: 'reply', senderId: desk.agent.id, requestedAt: Date.now() })) as TakeResult;
    if (!taken.ok) throw new Error(`take refused: ${taken.reason}`);
    const waiting = as<CommentJson>(desk.tenant, desk.admin, 'POST', `/tickets/${ticket}/reply`, { body: {} });
    expect(await room.abortSend(taken.sendId)).toEqual({ ok: true });
    const sent = await waiting;
    expect(sent.status).toBe(201);
    expect(sent.body.body_text).toBe('Try again');
    expect(await room.commitSend(taken.sendId, 1)).toEqual({ ok: false, reason: 'unknown_send' });
  });

  it('credits only who wrote since the last send', async () => {
    const ticket = await newTicket();
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    const bob = await connectTicket(desk.tenant, ticket, { token: desk.admin.token });
    typeParagraph(bob.reply, 'Bob wrote the first one');
    await settle(ann, bob);
    const first = await as<CommentJson>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket}/reply`, { body: {} });
    expect(first.body.co_authors).toEqual([desk.admin.id]);
    typeParagraph(ann.reply, 'Ann wrote the second');
    await settle(ann, bob);
    const second = await as<CommentJson>(desk.tenant, desk.admin, 'POST', `/tickets/${ticket}/reply`, { body: {} });
    expect(second.status).toBe(201);
    expect(second.body.co_authors).toEqual([desk.agent.id]);
    await ann.disconnect();
    await bob.disconnect();
  });
});

describe('saving the co-edited internal note', () => {
  it('writes an internal comment customers never see, leaving the reply draft alone', async () => {
    const ticket = await newTicket();
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    typeParagraph(ann.note, 'Customer is on the legacy plan');
    typeParagraph(ann.reply, 'Dear customer');
    await ann.flush();
    const saved = await as<CommentJson>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket}/note`);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ public: false, body_html: '<p>Customer is on the legacy plan</p>', co_authors: [desk.agent.id] });
    await ann.flush();
    expect(ann.note.length).toBe(0);
    expect(ann.reply.toString()).toBe('<paragraph>Dear customer</paragraph>');
    const seen = await as<{ items: CommentJson[] }>(desk.tenant, desk.customer, 'GET', `/tickets/${ticket}/comments`);
    expect(seen.body.items).toEqual([]);
    expect((await as<TicketJson>(desk.tenant, desk.agent, 'GET', `/tickets/${ticket}`)).body.status).toBe('new');
    await ann.disconnect();
  });
});
