import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { addUser, createTenant, problem } from './harness';
import { connect, upgrade } from './json-room-socket';
import { as, helpdesk, openTicket } from './tickets-fixtures';

// Who may follow a tenant's inbox feed: its staff. A customer is refused with
// 403, anyone unauthenticated with 401, before any socket opens.

const INBOX = '/parties/inbox-room/inbox';

async function refusal(response: Response): Promise<number> {
  expect(response.webSocket).toBeNull();
  expect((await problem(response)).status).toBe(response.status);
  return response.status;
}

describe('who may follow the inbox', () => {
  it('lets every staff role subscribe, and each gets the events', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const owner = await addUser(desk.tenant, 'owner');
    const sockets = await Promise.all([desk.agent, desk.admin, owner].map((user) => connect(desk.tenant, INBOX, user.token)));
    const ticket = await openTicket(desk, desk.customer);
    for (const socket of sockets) {
      expect(await socket.next()).toMatchObject({ type: 'ticket.created', ticket_id: ticket.id });
      socket.close();
    }
  });

  it('refuses customers with 403, whatever tickets they have', async () => {
    const desk = await helpdesk();
    await openTicket(desk, desk.customer);
    expect(await refusal(await upgrade(desk.tenant, INBOX, desk.customer.token))).toBe(403);
    expect(await refusal(await upgrade(desk.tenant, INBOX, desk.otherCustomer.token))).toBe(403);
  });

  it('answers 401 without credentials or with a bad token', async () => {
    const desk = await helpdesk();
    expect(await refusal(await upgrade(desk.tenant, INBOX))).toBe(401);
    expect(await refusal(await upgrade(desk.tenant, INBOX, 'nope.nope'))).toBe(401);
  });

  it("answers 401 to another tenant's staff: their token means nothing here", async () => {
    const desk = await helpdesk();
    const other = await createTenant('other');
    const stranger = await addUser(other, 'owner');
    expect(await refusal(await upgrade(desk.tenant, INBOX, stranger.token))).toBe(401);
  });

  it('has one room per tenant, named inbox: other room names are 404', async () => {
    const desk = await helpdesk();
    for (const room of ['other', desk.tenant.id, 'INBOX']) {
      expect(await refusal(await upgrade(desk.tenant, `/parties/inbox-room/${room}`, desk.agent.token)), room).toBe(404);
    }
  });

  it('keeps tenants apart: staff of one tenant hear nothing of another', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const other = await helpdesk({ ownTenant: true });
    const ours = await connect(desk.tenant, INBOX, desk.agent.token);
    const theirs = await connect(other.tenant, INBOX, other.agent.token);
    const yours = await openTicket(other, other.customer);
    const mine = await openTicket(desk, desk.customer);
    // Each room heard its own ticket first: a leaked event would have arrived before it.
    expect(await ours.next()).toMatchObject({ type: 'ticket.created', ticket_id: mine.id, by: { id: desk.customer.id } });
    expect(await theirs.next()).toMatchObject({ type: 'ticket.created', ticket_id: yours.id, by: { id: other.customer.id } });
    ours.close();
    theirs.close();
  });

  it('closes a subscriber that sends frames with 1008: the feed is one-way', async () => {
    const desk = await helpdesk();
    const socket = await connect(desk.tenant, INBOX, desk.agent.token);
    socket.send({ type: 'ticket.created', ticket_id: 1 });
    expect(await socket.next()).toMatchObject({ type: 'error', code: 'read_only' });
    expect((await socket.closed).code).toBe(1008);
  });

  it('drops a subscriber on the next check once they are no longer staff, or signed out', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const demoted = await addUser(desk.tenant, 'agent');
    const stays = await connect(desk.tenant, INBOX, desk.agent.token);
    const leaves = await connect(desk.tenant, INBOX, demoted.token);
    const signsOut = await connect(desk.tenant, INBOX, desk.admin.token);
    expect((await as(desk.tenant, desk.admin, 'PATCH', `/users/${demoted.id}/role`, { body: { role: 'customer' } })).status).toBe(200);
    expect((await as(desk.tenant, desk.admin, 'POST', '/auth/logout')).status).toBe(204);

    expect(await runDurableObjectAlarm(env.InboxRoom.getByName(desk.tenant.id))).toBe(true);
    for (const socket of [leaves, signsOut]) {
      expect(await socket.next()).toMatchObject({ type: 'error', code: 'session_ended' });
      expect((await socket.closed).code).toBe(4401);
    }
    const ticket = await openTicket(desk, desk.customer);
    expect(await stays.next()).toMatchObject({ type: 'ticket.created', ticket_id: ticket.id });
    stays.close();
  });
});
