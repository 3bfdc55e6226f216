import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTenant, tenantCall, type TestTenant, type TestUser } from './harness';
import { addArticle, openTicket } from './search-fixtures';

// Whatever is typed into a search box, the API answers 200 (results, maybe none)
// or a 400 problem; FTS5 syntax in the input never reaches FTS5 and never 5xx.

let tenant: TestTenant;
let agent: TestUser;
let customer: TestUser;

beforeAll(async () => {
  tenant = await createTenant('search-hostile');
  agent = await addUser(tenant, 'agent');
  customer = await addUser(tenant, 'customer');
  await openTicket(tenant, customer, 'Printer "offline" NEAR the door', 'Status: OR - * ^ (none)');
  await addArticle(tenant, agent, { title: 'Printer offline', body: 'Restart the spooler; NEAR(a b) is not special here.' });
});

async function ask(path: string, caller?: TestUser): Promise<Response> {
  return tenantCall(tenant, 'GET', path, { token: caller?.token });
}

function expectHandled(response: Response, label: string): void {
  expect([200, 400], label).toContain(response.status);
}

const HOSTILE = [
  '"', '""', '"""', '*', '**', 'print**', '*print', 'NEAR(', 'NEAR(printer offline, 2)', 'printer NEAR offline', '-', '-printer',
  'printer -offline', 'OR', 'AND', 'NOT', 'printer OR', 'OR printer', 'printer AND NOT offline', '(', ')', '(printer', 'subject:printer',
  '{subject}: printer', '^printer', 'printer^', '+printer', "'", "printer'; drop table tickets; --", '\\', '%', '_', 'рrinter',
  '"unterminated phrase', 'a'.repeat(500), 'слово '.repeat(80), '🖨️ 🔥', 'ＮＥＡＲ（', '\u00ad', '\u200b', 'é', 'İ', 'ß*',
];

describe('hostile search input', () => {
  it('answers every FTS5 operator and odd string without a 5xx', async () => {
    for (const q of HOSTILE) {
      for (const caller of [undefined, customer, agent]) {
        for (const type of caller ? ['tickets', 'articles'] : ['articles']) {
          const search = await ask(`/api/v1/search?${new URLSearchParams({ q, type })}`, caller);
          expectHandled(search, `search ${type} ${JSON.stringify(q)}`);
        }
      }
      expectHandled(await ask(`/api/v1/kb/suggest?${new URLSearchParams({ subject: q })}`), `suggest ${JSON.stringify(q)}`);
    }
  });

  it('still finds the text that contains the operators', async () => {
    const response = await ask(`/api/v1/search?${new URLSearchParams({ q: 'NEAR(printer OR offline', type: 'tickets' })}`, agent);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('answers 400 naming q for a 10 KB query and for one with nothing to search', async () => {
    for (const q of ['x'.repeat(10_240), '"*"', '- - -', '']) {
      const response = await ask(`/api/v1/search?${new URLSearchParams({ q, type: 'articles' })}`);
      expect(response.status, q.slice(0, 20)).toBe(400);
      const problem = (await response.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((e) => e.field)).toContain('q');
    }
  });

  it('never answers 5xx to arbitrary strings (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom(...HOSTILE)),
        fc.constantFrom('tickets', 'articles'),
        async (q, type) => {
          const search = await ask(`/api/v1/search?${new URLSearchParams({ q, type })}`, agent);
          const suggest = await ask(`/api/v1/kb/suggest?${new URLSearchParams({ subject: q })}`);
          return [200, 400].includes(search.status) && [200, 400].includes(suggest.status);
        },
      ),
      { numRuns: 150 },
    );
  });
});
