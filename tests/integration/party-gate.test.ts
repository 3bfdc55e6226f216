import { createExecutionContext, env } from 'cloudflare:test';
import * as encoding from 'lib0/encoding';
import { beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import worker from '../../worker/index';
import { CONNECTION_HEADER, encodeConnectionProps } from '../../worker/realtime/party-access';
import { addUser } from './harness';
import { as, helpdesk, openTicket, type Helpdesk } from './tickets-fixtures';
import { connectTicket, openParty, YjsSocketClient } from './yjs-socket';

// Who may open a socket to a ticket's TicketRoom. Every refusal happens before
// the upgrade: a problem+json answer, and no socket.

let desk: Helpdesk;
let other: Helpdesk;
let ticketId: number;
beforeAll(async () => {
  desk = await helpdesk();
  other = await helpdesk({ ownTenant: true });
  ticketId = (await openTicket(desk, desk.customer)).id;
});

const roomPath = (id: number | string) => `/parties/ticket-room/${id}`;

async function expectRefused(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.webSocket).toBeNull();
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as { status: number; detail: string };
  expect(body.status).toBe(status);
  return body.detail;
}

function expectOpened(response: Response): void {
  expect(response.status).toBe(101);
  const socket = response.webSocket;
  expect(socket).not.toBeNull();
  socket?.accept();
  socket?.close(1000, 'done');
}

describe('the ticket room gate', () => {
  it('opens the room to the tenant’s owners, admins and agents', async () => {
    const owner = await addUser(desk.tenant, 'owner');
    for (const user of [owner, desk.admin, desk.agent]) {
      expectOpened(await openParty(desk.tenant, roomPath(ticketId), { token: user.token }));
    }
  });

  it('takes an API token as the token parameter, and the session cookie from the portal’s own origin', async () => {
    const created = await as<{ token: string }>(desk.tenant, desk.agent, 'POST', '/auth/tokens', { body: { name: 'live' } });
    expect(created.status).toBe(201);
    expectOpened(await openParty(desk.tenant, roomPath(ticketId), { token: created.body.token }));
    expectOpened(await openParty(desk.tenant, roomPath(ticketId), { cookie: desk.agent.token }));
  });

  it('refuses a cookie sent from another site (cross-site WebSocket hijacking) with 403', async () => {
    const detail = await expectRefused(await openParty(desk.tenant, roomPath(ticketId), { cookie: desk.agent.token, origin: 'https://evil.example' }), 403);
    expect(detail).toMatch(/portal itself/);
  });

  it('refuses customers with 403 on their own ticket and 404 on anyone else’s', async () => {
    await expectRefused(await openParty(desk.tenant, roomPath(ticketId), { token: desk.customer.token }), 403);
    await expectRefused(await openParty(desk.tenant, roomPath(ticketId), { token: desk.otherCustomer.token }), 404);
  });

  it('answers 404 for a ticket that does not exist or is not a ticket id', async () => {
    for (const id of ['999999', 'abc', '0', '1e3', '%E0%A4%A']) {
      await expectRefused(await openParty(desk.tenant, roomPath(id), { token: desk.agent.token }), 404);
    }
  });

  it('answers 401 to staff of another tenant, whichever host they use', async () => {
    await expectRefused(await openParty(desk.tenant, roomPath(ticketId), { token: other.agent.token }), 401);
    await expectRefused(await openParty(other.tenant, roomPath(ticketId), { token: desk.agent.token }), 401);
    await expectRefused(await openParty(other.tenant, roomPath(ticketId), { token: other.agent.token }), 404);
  });

  it('answers 401 without credentials, with a bad token, and after the session is revoked or the user deactivated', async () => {
    await expectRefused(await openParty(desk.tenant, roomPath(ticketId)), 401);
    await expectRefused(await openParty(desk.tenant, roomPath(ticketId), { token: 'nope.nope' }), 401);
    await expectRefused(await openParty(desk.tenant, roomPath(ticketId), { token: 'wnp_nope.nope' }), 401);

    const leaving = await addUser(desk.tenant, 'agent');
    const sessionId = leaving.token.split('.')[0] ?? '';
    expect((await as(desk.tenant, leaving, 'DELETE', `/auth/sessions/${sessionId}`)).status).toBe(204);
    await expectRefused(await openParty(desk.tenant, roomPath(ticketId), { token: leaving.token }), 401);

    const deactivated = await addUser(desk.tenant, 'agent');
    expect((await as(desk.tenant, desk.admin, 'POST', `/users/${deactivated.id}/deactivate`)).status).toBe(200);
    await expectRefused(await openParty(desk.tenant, roomPath(ticketId), { token: deactivated.token }), 401);
  });

  it('answers 404 for an unknown tenant or party, and 426 to a request that is not a WebSocket upgrade', async () => {
    await expectRefused(await openParty({ host: 'nobody-here.localhost' }, roomPath(ticketId), { token: desk.agent.token }), 404);
    await expectRefused(await openParty(desk.tenant, `/parties/nothing/${ticketId}`, { token: desk.agent.token }), 404);
    await expectRefused(await openParty(desk.tenant, `/parties/ticket-room/${ticketId}/extra`, { token: desk.agent.token }), 404);
    const plain = await worker.fetch(new Request(`http://${desk.tenant.host}${roomPath(ticketId)}?token=${desk.agent.token}`), env, createExecutionContext());
    await expectRefused(plain, 426);
  });

  it('tells the room who really connected, whatever identity header the client sends', async () => {
    const forged = encodeConnectionProps({
      tenantId: desk.tenant.id,
      tenantSlug: desk.tenant.slug,
      slot: 'TENANT_DB_001',
      userId: desk.admin.id,
      name: 'admin',
      role: 'admin',
      sessionId: null,
      tokenId: null,
    });
    const url = new URL(`http://${desk.tenant.host}${roomPath(ticketId)}`);
    url.searchParams.set('token', desk.agent.token);
    const response = await worker.fetch(
      new Request(url, { headers: { upgrade: 'websocket', [CONNECTION_HEADER]: forged } }),
      env,
      createExecutionContext(),
    );
    const socket = response.webSocket;
    if (!socket) throw new Error('no socket');
    socket.accept();
    const closed = new Promise<number>((resolve) => socket.addEventListener('close', (e) => resolve(e.code)));
    // Announcing oneself as the admin is impersonation for the agent this really is.
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { id: desk.admin.id, name: 'admin' } });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    socket.send(encoding.toUint8Array(encoder));
    expect(await closed).toBe(1008);
    awareness.destroy();
  });
});

describe('awareness in the ticket room', () => {
  it('carries each agent’s name, colour and cursor to the others, and refuses to let one speak as another', async () => {
    const ticket = (await openTicket(desk, desk.customer)).id;
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    const bob = await connectTicket(desk.tenant, ticket, { token: desk.admin.token });
    ann.awareness.setLocalState({ user: { id: desk.agent.id, name: 'Ann', color: '#e11d48' }, typing: true, cursor: { anchor: 1, head: 3 } });
    await ann.flush();
    await bob.flush();
    expect(bob.awareness.getStates().get(ann.doc.clientID)).toEqual({
      user: { id: desk.agent.id, name: 'Ann', color: '#e11d48' },
      typing: true,
      cursor: { anchor: 1, head: 3 },
    });

    const mallory = new YjsSocketClient(desk.tenant, ticket, { token: desk.agent.token });
    await mallory.connect();
    mallory.awareness.setLocalState({ user: { id: desk.admin.id, name: 'Not really the admin' } });
    expect((await mallory.closed()).code).toBe(1008);
    await bob.flush();
    expect([...bob.awareness.getStates().values()].map((s) => (s as { user?: { name: string } }).user?.name)).not.toContain('Not really the admin');
    await ann.disconnect();
    await bob.disconnect();
  });
});
