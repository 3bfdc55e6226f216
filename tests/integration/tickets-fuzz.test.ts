import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { as, helpdesk, openTicket } from './tickets-fixtures';

// Whatever a client sends to the ticket, comment and tag routes, the answer is
// never a server error: bad input is a 4xx naming what is wrong.

const anyJson = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      subject: fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 400 }), fc.integer()),
      description: fc.oneof(fc.string(), fc.string({ unit: 'binary' })),
      body: fc.oneof(fc.string(), fc.string({ unit: 'binary' })),
      public: fc.oneof(fc.boolean(), fc.string()),
      status: fc.oneof(fc.constantFrom('new', 'open', 'pending', 'on_hold', 'solved', 'closed'), fc.string()),
      priority: fc.oneof(fc.constantFrom('low', 'normal', 'high', 'urgent'), fc.string()),
      assignee_id: fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.constant(2 ** 63)),
      requester_id: fc.oneof(fc.integer(), fc.constant(Number.MAX_SAFE_INTEGER)),
      tags: fc.array(fc.oneof(fc.string(), fc.constantFrom('a', 'счёт', '')), { maxLength: 60 }),
      custom_fields: fc.dictionary(fc.string({ unit: 'binary', maxLength: 70 }), fc.jsonValue(), { maxKeys: 60 }),
      ids: fc.array(fc.oneof(fc.integer(), fc.double()), { maxLength: 110 }),
      changes: fc.jsonValue(),
      name: fc.oneof(fc.string(), fc.string({ unit: 'binary' })),
      color: fc.string(),
    },
    { requiredKeys: [] },
  ),
);

const rawBodies = ['', 'null', '[]', '"x"', '1', '{"subject":', '{"a":1e400}', '{"subject":"\\ud800","description":"x"}'];

describe('fuzzing the ticket routes', () => {
  it('never answers a JSON body with a server error', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const routes: [string, string][] = [
      ['POST', '/tickets'],
      ['PATCH', `/tickets/${ticket.id}`],
      ['POST', '/tickets/bulk'],
      ['POST', `/tickets/${ticket.id}/comments`],
      ['POST', '/tags'],
      ['PATCH', '/tags/1'],
    ];
    for (const [method, path] of routes) {
      for (const raw of rawBodies) {
        const reply = await as(desk.tenant, desk.admin, method, path, { rawBody: raw, headers: { 'content-type': 'application/json' } });
        expect(reply.status, `${method} ${path} ${raw}`).toBeLessThan(500);
      }
      await fc.assert(
        fc.asyncProperty(anyJson, fc.constantFrom(desk.admin, desk.agent, desk.customer), async (body, user) => {
          const reply = await as(desk.tenant, user, method, path, { body });
          expect(reply.status, `${method} ${path} ${JSON.stringify(body).slice(0, 200)}`).toBeLessThan(500);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('never answers a list query with a server error', async () => {
    const desk = await helpdesk();
    const param = fc.constantFrom('status', 'priority', 'assignee', 'requester', 'tag', 'created_after', 'updated_before', 'q', 'sort', 'order', 'limit', 'cursor', 'x');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(param, fc.string({ unit: 'binary', maxLength: 60 })), { maxLength: 6 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const reply = await as(desk.tenant, desk.agent, 'GET', `/tickets?${query}`);
        expect(reply.status, query).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
