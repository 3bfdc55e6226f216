import { env, evictDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addUser, type TestUser } from './harness';
import { helpdesk, openTicket, type Helpdesk } from './tickets-fixtures';
import { persistedDoc, typeParagraph, YjsSocketClient } from './yjs-socket';

// Many agents editing one draft at once, over real sockets, with random
// disconnects (editing offline meanwhile) and reconnects: every replica and the
// room converge to one document, and the room's storage holds exactly that
// document after eviction. Seeded, so a failure replays.

const CLIENTS = 24;
const ROUNDS = 15;
const SEEDS = [0x5eed, 0xc0ffee];

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['hello', 'ticket', 'привет', 'refund', '🙂', 'the', 'printer', 'works', ' ', '\n'];

/** A position not inside a surrogate pair: editors move by characters, never half an emoji. */
function boundary(text: Y.XmlText, index: number): number {
  const plain = (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  const low = plain.charCodeAt(index);
  return index > 0 && low >= 0xdc00 && low <= 0xdfff ? index - 1 : index;
}

function texts(fragment: Y.XmlFragment): Y.XmlText[] {
  return fragment.toArray().flatMap((p) => (p instanceof Y.XmlElement ? p.toArray().filter((t): t is Y.XmlText => t instanceof Y.XmlText) : []));
}

/** One random edit of the kind an editor makes: a paragraph added or removed, text typed, deleted or made bold. */
function randomEdit(doc: Y.Doc, random: () => number): void {
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const fragment = doc.getXmlFragment(random() < 0.8 ? 'reply' : 'note');
  const word = pick(WORDS) ?? 'x';
  const text = pick(texts(fragment));
  const roll = random();
  if (!text || roll < 0.15) {
    typeParagraph(fragment, word);
  } else if (roll < 0.6) {
    text.insert(boundary(text, Math.floor(random() * (text.length + 1))), word);
  } else if (roll < 0.8 && text.length > 0) {
    const at = boundary(text, Math.floor(random() * text.length));
    text.delete(at, boundary(text, Math.min(text.length, at + 1 + Math.floor(random() * 4))) - at);
  } else if (roll < 0.9 && text.length > 0) {
    const at = boundary(text, Math.floor(random() * text.length));
    text.format(at, boundary(text, Math.min(text.length, at + 3)) - at, { strong: {} });
  } else if (fragment.length > 1) {
    fragment.delete(Math.floor(random() * fragment.length), 1);
  }
}

let desk: Helpdesk;
let agents: TestUser[];
beforeAll(async () => {
  desk = await helpdesk();
  agents = [desk.agent, desk.admin, ...(await Promise.all([1, 2, 3].map(() => addUser(desk.tenant, 'agent'))))];
});

describe('convergence under concurrent edits', () => {
  for (const seed of SEEDS) {
    it(`brings ${CLIENTS} agents editing at once, dropping off and coming back, to one document, and stores exactly it (seed ${seed.toString(16)})`, async () => {
      const random = prng(seed);
      const ticket = (await openTicket(desk, desk.customer)).id;
      const clients = Array.from({ length: CLIENTS }, (_, i) => new YjsSocketClient(desk.tenant, ticket, { token: agents[i % agents.length]?.token ?? "" }));
      for (const client of clients) await client.connect();

      for (let round = 0; round < ROUNDS; round++) {
        const comings: Promise<unknown>[] = [];
        for (const client of clients) {
          // Every client edits before anyone hears of anyone else's edits: real conflicts.
          const edits = 1 + Math.floor(random() * 3);
          for (let i = 0; i < edits; i++) randomEdit(client.doc, random);
          const roll = random();
          if (client.connected && roll < 0.12) comings.push(client.disconnect());
          else if (!client.connected && roll < 0.5) comings.push(client.connect());
        }
        await Promise.all(comings);
        // Let some of the room's answers in between rounds, so edits are made on partly stale replicas.
        for (const client of clients) if (client.connected && random() < 0.3) await client.flush();
      }

      for (const client of clients) if (!client.connected) await client.connect();
      for (let pass = 0; pass < 2; pass++) for (const client of clients) await client.flush();

      const expected = clients[0]?.doc as Y.Doc;
      const final = { reply: expected.getXmlFragment('reply').toString(), note: expected.getXmlFragment('note').toString() };
      expect(final.reply.length).toBeGreaterThan(0);
      for (const client of clients) {
        expect(client.reply.toString()).toBe(final.reply);
        expect(client.note.toString()).toBe(final.note);
        expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(expected));
      }

      for (const client of clients) await client.disconnect();
      await evictDurableObject(env.TicketRoom.getByName(`${desk.tenant.id}:${ticket}`));
      const stored = await persistedDoc(desk.tenant, ticket);
      expect(stored.getXmlFragment('reply').toString()).toBe(final.reply);
      expect(stored.getXmlFragment('note').toString()).toBe(final.note);
      expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(expected));
      const late = await new YjsSocketClient(desk.tenant, ticket, { token: desk.agent.token }).connect();
      expect(late.reply.toString()).toBe(final.reply);
      await late.disconnect();
    });
  }
});
