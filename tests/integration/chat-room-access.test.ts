import { describe, expect, it } from 'vitest';
import { addUser, createTenant, problem } from './harness';
import { connect, upgrade } from './json-room-socket';
import { as, helpdesk, moveTicket, openTicket } from './tickets-fixtures';

// Who may open a ticket's live chat: the ticket's customer and the tenant's
// staff. Everyone else is refused before the upgrade, with problem+json and no socket.

const chatPath = (ticketId: number | string) => `/parties/chat-room/${ticketId}`;

async function refusal(response: Response): Promise<number> {
  expect(response.webSocket).toBeNull();
  const body = await problem(response);
  expect(body.status).toBe(response.status);
  return response.status;
}

describe('who may join a ticket chat', () => {
  it('lets the requesting customer and every staff role in, each receiving the history', async () => {
    const desk = await helpdesk();
    const owner = await addUser(desk.tenant, 'owner');
    const ticket = await openTicket(desk, desk.customer);
    for (const user of [desk.customer, desk.agent, desk.admin, owner]) {
      const socket = await connect(desk.tenant, chatPath(ticket.id), user.token);
      expect(await socket.next()).toEqual({ type: 'history', messages: [], has_older: false, reads: [] });
      socket.close();
    }
  });

  it('answers 404 to another customer of the same tenant', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    expect(await refusal(await upgrade(desk.tenant, chatPath(ticket.id), desk.otherCustomer.token))).toBe(404);
  });

  it('answers 404 for an unknown ticket and for room names that are not ticket ids', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    for (const room of [ticket.id + 1000, 'abc', `0${ticket.id}`, '1e3', '-1', '99999999999999999999']) {
      expect(await refusal(await upgrade(desk.tenant, chatPath(room), desk.agent.token)), String(room)).toBe(404);
    }
  });

  it('answers 401 without credentials, or with a token that is not valid', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    expect(await refusal(await upgrade(desk.tenant, chatPath(ticket.id)))).toBe(401);
    expect(await refusal(await upgrade(desk.tenant, chatPath(ticket.id), `${desk.agent.token}x`))).toBe(401);
  });

  it("refuses staff of another tenant: their token is unknown here, and here's ticket is unknown there", async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const other = await createTenant('other');
    const stranger = await addUser(other, 'admin');
    expect(await refusal(await upgrade(desk.tenant, chatPath(ticket.id), stranger.token))).toBe(401);
    expect(await refusal(await upgrade(other, chatPath(ticket.id), stranger.token))).toBe(404);
  });

  it('refuses a customer whose session was signed out', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    expect((await as(desk.tenant, desk.customer, 'POST', '/auth/logout')).status).toBe(204);
    expect(await refusal(await upgrade(desk.tenant, chatPath(ticket.id), desk.customer.token))).toBe(401);
  });

  it('lets members into the chat of a closed ticket to read it', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await moveTicket(desk, ticket.id, 'solved', 'closed');
    const socket = await connect(desk.tenant, chatPath(ticket.id), desk.customer.token);
    expect(await socket.next()).toMatchObject({ type: 'history' });
    socket.close();
  });
});
