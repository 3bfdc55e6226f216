import { evictAllDurableObjects } from 'cloudflare:test';
import { afterAll, describe, expect, it } from 'vitest';
import { PNG, upload, uploaded } from './attachment-fixtures';
import { connect, type RoomSocket } from './json-room-socket';
import { as, helpdesk, moveTicket, openTicket } from './tickets-fixtures';

// The portal has no inbox feed: after a change its customer sees commits — a
// public reply, a status move, a public file — the API tells the ticket's
// ChatRoom, which sends a `ticket` frame to everyone in it (the portal reloads).
// Internal notes and internal files send nothing.

type Frame = Record<string, unknown> & { type: string };
const isTicketFrame = (f: Frame) => f.type === 'ticket';

describe('ticket changes in the chat room', () => {
  afterAll(() => evictAllDurableObjects());

  it('tells the customer of public replies, status moves and public files, and of nothing internal', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const customer: RoomSocket<Frame> = await connect<Frame>(desk.tenant, `/parties/chat-room/${ticket.id}`, desk.customer.token);
    expect((await customer.next()).type).toBe('history');

    // Internal first: a note and a staff-only file. Then the public reply, whose frame must be the first one.
    const note = await as(desk.tenant, desk.agent, 'POST', `/tickets/${ticket.id}/comments`, { body: { body: 'Looks like SSO.', public: false } });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    await uploaded(upload(desk.tenant, `/api/v1/tickets/${ticket.id}/attachments`, PNG, { token: desk.agent.token, query: 'public=false' }));
    const reply = await as(desk.tenant, desk.agent, 'POST', `/tickets/${ticket.id}/comments`, { body: { body: 'Try again now, please.', public: true } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(await customer.next(isTicketFrame)).toMatchObject({ type: 'ticket', change: 'reply' });
    // The first public staff reply opens a new ticket: that status move comes with the reply, not as a frame of its own.
    expect(customer.received.filter(isTicketFrame)).toHaveLength(1);

    await moveTicket(desk, ticket.id, 'pending');
    expect(await customer.next(isTicketFrame)).toMatchObject({ change: 'status' });
    await uploaded(upload(desk.tenant, `/api/v1/tickets/${ticket.id}/attachments`, PNG, { token: desk.agent.token, query: 'public=true' }));
    expect(await customer.next(isTicketFrame)).toMatchObject({ change: 'attachment' });
    expect(customer.received.filter(isTicketFrame).map((f) => f.change)).toEqual(['reply', 'status', 'attachment']);
    customer.close();
  });
});
