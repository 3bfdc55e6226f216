import { abortAllDurableObjects, env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_DOCUMENT_BYTES, type TicketRoom } from '../../party/ticket-room';
import { addUser } from './harness';
import { as, helpdesk, openTicket, type Helpdesk } from './tickets-fixtures';
import { connectTicket, persistedDoc, roomState, typeParagraph, type YjsSocketClient } from './yjs-socket';

// The TicketRoom over real WebSockets in workerd: co-editing, what it refuses,
// what it keeps across eviction, hibernation and restarts, and whom it drops.

let desk: Helpdesk;
beforeAll(async () => {
  desk = await helpdesk();
});

const newTicket = async () => (await openTicket(desk, desk.customer)).id;
const roomOf = (ticketId: number) => env.TicketRoom.getByName(`${desk.tenant.id}:${ticketId}`);
const rows = (ticketId: number, table: 'doc_updates' | 'doc_snapshot') =>
  runInDurableObject(roomOf(ticketId), (_room: TicketRoom, state) => state.storage.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n);

async function settle(...clients: YjsSocketClient[]): Promise<void> {
  // Twice: the first round gets every client's frames into the room, the second brings everything back out.
  for (let round = 0; round < 2; round++) for (const client of clients) await client.flush();
}

describe('co-editing in the ticket room', () => {
  it('lets two agents co-edit the reply and the note: each sees the other’s text', async () => {
    const ticket = await newTicket();
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    const bob = await connectTicket(desk.tenant, ticket, { token: desk.admin.token });
    typeParagraph(ann.reply, 'Hello from Ann');
    typeParagraph(bob.reply, 'and from Bob');
    typeParagraph(bob.note, 'Internal: check the logs');
    await settle(ann, bob);
    expect(ann.reply.toString()).toBe(bob.reply.toString());
    expect(ann.reply.toString()).toContain('Hello from Ann');
    expect(ann.reply.toString()).toContain('and from Bob');
    expect(ann.note.toString()).toBe('<paragraph>Internal: check the logs</paragraph>');
    expect(Y.encodeStateVector(ann.doc)).toEqual(Y.encodeStateVector(bob.doc));
    await ann.disconnect();
    await bob.disconnect();
  });

  it('gives a late joiner the whole draft', async () => {
    const ticket = await newTicket();
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    typeParagraph(ann.reply, 'Written before you came');
    await ann.flush();
    const bob = await connectTicket(desk.tenant, ticket, { token: desk.admin.token });
    expect(bob.reply.toString()).toBe('<paragraph>Written before you came</paragraph>');
    await ann.disconnect();
    await bob.disconnect();
  });
});

describe('frames the ticket room refuses', () => {
  const garbage: [string, string | Uint8Array][] = [
    ['a text frame', '{"type":"chat","text":"hi"}'],
    ['a custom y-partyserver message', '__YPS:ping'],
    ['an unknown message type', new Uint8Array([7, 1, 2])],
    ['a truncated update', new Uint8Array([0, 2, 40, 1, 2, 3])],
    [
      'an update to a root the room does not hold',
      (() => {
        const doc = new Y.Doc();
        doc.getMap('admin').set('x', 1);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
        return encoding.toUint8Array(encoder);
      })(),
    ],
  ];

  for (const [what, frame] of garbage) {
    it(`closes the socket that sends ${what} with 1008, and the room goes on for everyone else`, async () => {
      const ticket = await newTicket();
      const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
      const bob = await connectTicket(desk.tenant, ticket, { token: desk.admin.token });
      const carol = await connectTicket(desk.tenant, ticket, { token: (await addUser(desk.tenant, 'agent')).token });
      carol.sendRaw(frame);
      const closed = await carol.closed();
      expect(closed.code).toBe(1008);
      expect(closed.reason).toMatch(/^Malformed frame: /);
      expect(new TextEncoder().encode(closed.reason).length).toBeLessThanOrEqual(123);

      typeParagraph(ann.reply, 'still here');
      await settle(ann, bob);
      expect(bob.reply.toString()).toBe('<paragraph>still here</paragraph>');
      const state = new Y.Doc();
      Y.applyUpdate(state, await roomState(desk.tenant, ticket));
      expect([...state.share.keys()].filter((key) => key !== 'reply' && key !== 'note')).toEqual([]);
      await ann.disconnect();
      await bob.disconnect();
    });
  }
});

describe('the 1 MB limit', () => {
  it('closes with 4413 the socket whose change would pass 1 MB, without applying it; the others keep the draft', async () => {
    const ticket = await newTicket();
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    const bob = await connectTicket(desk.tenant, ticket, { token: desk.admin.token });
    const chunk = 'x'.repeat(300_000);
    for (let i = 0; i < 3; i++) typeParagraph(ann.reply, `${i}${chunk}`);
    await settle(ann, bob);
    expect(bob.reply.length).toBe(3);

    typeParagraph(ann.reply, `3${chunk}`);
    const closed = await ann.closed();
    expect(closed.code).toBe(4413);
    expect(closed.reason).toMatch(/exceed 1048576 bytes/);

    await bob.flush();
    expect(bob.reply.length).toBe(3);
    const held = await roomState(desk.tenant, ticket);
    expect(held.byteLength).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    await bob.disconnect();
    await evictDurableObject(roomOf(ticket));
    expect((await persistedDoc(desk.tenant, ticket)).getXmlFragment('reply').length).toBe(3);
  });
});

describe('persistence', () => {
  it('keeps every edit across an eviction with the sockets hibernated, and they keep working', async () => {
    const ticket = await newTicket();
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    typeParagraph(ann.reply, 'before the eviction');
    await ann.flush();
    await evictDurableObject(roomOf(ticket));
    typeParagraph(ann.reply, 'after the eviction');
    await ann.flush();
    const bob = await connectTicket(desk.tenant, ticket, { token: desk.admin.token });
    expect(bob.reply.toString()).toBe('<paragraph>before the eviction</paragraph><paragraph>after the eviction</paragraph>');
    await ann.disconnect();
    await bob.disconnect();
  });

  it('loses nothing when the room is torn down with sockets open (restart), or aborted outright', async () => {
    const ticket = await newTicket();
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    typeParagraph(ann.reply, 'first');
    await ann.flush();
    await evictDurableObject(roomOf(ticket), { webSockets: 'close' });
    expect((await ann.closed()).code).not.toBe(4413);

    const bob = await connectTicket(desk.tenant, ticket, { token: desk.admin.token });
    typeParagraph(bob.reply, 'second');
    await bob.flush();
    await abortAllDurableObjects();

    const carol = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    expect(carol.reply.toString()).toBe('<paragraph>first</paragraph><paragraph>second</paragraph>');
    await carol.disconnect();
  });

  it('folds updates into one snapshot as they pile up, and when the last socket leaves', async () => {
    const ticket = await newTicket();
    const ann = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    typeParagraph(ann.reply, '');
    const text = (ann.reply.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (let i = 0; i < 600; i++) text.insert(i, 'k');
    await ann.flush();
    expect(await rows(ticket, 'doc_snapshot')).toBe(1);
    expect(await rows(ticket, 'doc_updates')).toBeLessThan(500);
    await ann.disconnect();
    const bob = await connectTicket(desk.tenant, ticket, { token: desk.admin.token });
    expect(await rows(ticket, 'doc_updates')).toBe(0);
    expect(bob.reply.toString()).toBe(`<paragraph>${'k'.repeat(600)}</paragraph>`);
    await bob.disconnect();
  });
});

describe('dropping sockets whose access ended', () => {
  it('closes with 4401, at the next check, the sockets of a revoked session or API token, a deactivated user and a demoted one', async () => {
    const ticket = await newTicket();
    const staying = await connectTicket(desk.tenant, ticket, { token: desk.agent.token });
    const revokedUser = await addUser(desk.tenant, 'agent');
    const deactivatedUser = await addUser(desk.tenant, 'agent');
    const demotedUser = await addUser(desk.tenant, 'agent');
    const revoked = await connectTicket(desk.tenant, ticket, { token: revokedUser.token });
    const deactivated = await connectTicket(desk.tenant, ticket, { cookie: deactivatedUser.token });
    const demoted = await connectTicket(desk.tenant, ticket, { token: demotedUser.token });
    const apiToken = await as<{ id: string; token: string }>(desk.tenant, desk.agent, 'POST', '/auth/tokens', { body: { name: 'socket' } });
    const byToken = await connectTicket(desk.tenant, ticket, { token: apiToken.body.token });

    expect((await as(desk.tenant, revokedUser, 'DELETE', `/auth/sessions/${revokedUser.token.split('.')[0]}`)).status).toBe(204);
    expect((await as(desk.tenant, desk.admin, 'POST', `/users/${deactivatedUser.id}/deactivate`)).status).toBe(200);
    expect((await as(desk.tenant, desk.admin, 'PATCH', `/users/${demotedUser.id}/role`, { body: { role: 'customer' } })).status).toBe(200);
    expect((await as(desk.tenant, desk.agent, 'DELETE', `/auth/tokens/${apiToken.body.id}`)).status).toBe(204);

    expect(await runDurableObjectAlarm(roomOf(ticket))).toBe(true);
    for (const client of [revoked, deactivated, demoted, byToken]) {
      const closed = await client.closed();
      expect(closed.code).toBe(4401);
      expect(closed.reason).toMatch(/Sign in again/);
    }
    typeParagraph(staying.reply, 'I am still here');
    await staying.flush();
    // The check repeats while sockets are open.
    expect(await runDurableObjectAlarm(roomOf(ticket))).toBe(true);
    await staying.flush();
    await staying.disconnect();
  });
});
