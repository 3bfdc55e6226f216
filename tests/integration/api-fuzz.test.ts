import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTenant, tenantCall, type TestTenant, type TestUser } from './harness';
import { CATALOGUE, methodOf, type CatalogueEntry, type Targets } from './endpoint-catalogue';
import { attachmentTargets } from './attachment-fixtures';
import { kbTargets } from './kb-fixtures';
import { notificationTargets } from './notification-fixtures';
import { slaTargets } from './sla-fixtures';
import { rawDb, snapshotDatabase } from './snapshot';
import { inboundAddressTargets } from './inbound-address-fixtures';
import { macroTargets } from './macro-fixtures';

// Property: whatever arrives at any JSON endpoint — wrong types, unknown fields,
// huge or broken strings, odd ids, malformed JSON — the answer is never a 5xx,
// and a refusal is problem+json that changed nothing, in the tenant or the directory.

let tenant: TestTenant;
let owner: TestUser;
let targets: Targets;

beforeAll(async () => {
  tenant = await createTenant('fuzz');
  owner = await addUser(tenant, 'owner');
  const customer = await addUser(tenant, 'customer');
  const post = async (token: string, path: string, body: unknown) =>
    (await (await tenantCall(tenant, 'POST', path, { token, body })).json()) as Record<string, unknown>;
  const ticket = await post(customer.token, '/api/v1/tickets', { subject: 'Fuzz me', description: 'Target.' });
  const tag = await post(owner.token, '/api/v1/tags', { name: 'fuzz' });
  const token = await post(owner.token, '/api/v1/auth/tokens', { name: 'fuzz' });
  const invitation = await post(owner.token, '/api/v1/invitations', { email: 'fuzz@x.test', role: 'agent' });
  targets = {
    ticketId: ticket.id as number,
    userId: customer.id,
    tagId: tag.id as number,
    sessionId: 'nosuchsession',
    tokenId: token.id as string,
    invitationToken: invitation.token as string,
    loginEmail: customer.email,
    ...(await attachmentTargets(tenant, owner, owner, ticket.id as number)),
    ...(await kbTargets(tenant, owner)),
    ...(await slaTargets(tenant, owner)),
    ...(await notificationTargets(tenant, owner, owner)),
    ...(await inboundAddressTargets(tenant, owner)),
    ...(await macroTargets(tenant, owner)),
  };
});

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('x'.repeat(100_001), '\u0000\u0007\u001b', '\ud800', '<script>alert(1)</script>', "' or 1=1 --", '%', '_', 'NULL', '🙂‮RTL', ''),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(-1, 0, 2 ** 53, 2 ** 63, 1e308, -0, 3.5, true, null, [], {}),
);

/** A body close to a valid one: one field replaced, added or removed. */
function nearlyValid(valid: Record<string, unknown>) {
  const keys = [...Object.keys(valid), 'unknown_field', '__proto__', 'constructor'];
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), hostileValue).map(([key, value]) => ({ ...valid, [key]: value })),
    fc.constantFrom(...Object.keys(valid).map((drop) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== drop)))),
  );
}

const malformed = fc.constantFrom('', '{', '{"a":', 'null', '[]', '"x"', '1e999', '{"a":1,"a":2}', '\u0000', '{"subject":"\\ud800"}');

const QUERY_NAMES = ['channel', 'status', 'priority', 'assignee', 'requester', 'tag', 'created_after', 'updated_before', 'q', 'sort', 'order', 'limit', 'cursor', 'role', 'action', 'actor_id', 'target_type', 'target_id', 'since', 'until', 'x'];
const query = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_NAMES), fc.oneof(hostileString.filter((s) => s.length < 2000), fc.constantFrom('-1', '0', '101', 'me', 'none', 'eyJ4IjoxfQ', '2026-13-45'))), { maxLength: 6 })
  .map((pairs) => new URLSearchParams(pairs).toString());

type Attempt =
  | { kind: 'json'; body: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'file'; bytes: Uint8Array; type: string }
  | { kind: 'path'; segment: string }
  | { kind: 'query'; search: string };

function attempts(entry: CatalogueEntry, valid: { path: string; body?: unknown }) {
  const options: fc.Arbitrary<Attempt>[] = [];
  if (valid.body instanceof Blob) {
    // File uploads: any bytes, declared as their own type, another allowed one, or one never allowed.
    const types = fc.constantFrom(valid.body.type, 'text/plain', 'application/json; charset=utf-8', 'image/svg+xml', 'text/html', '');
    options.push(fc.record({ bytes: fc.uint8Array({ maxLength: 64 }), type: types }).map((file) => ({ kind: 'file' as const, ...file })));
  } else if (valid.body && typeof valid.body === 'object') {
    options.push(nearlyValid(valid.body as Record<string, unknown>).map((body) => ({ kind: 'json' as const, body })));
    options.push(fc.jsonValue({ maxDepth: 3 }).map((body) => ({ kind: 'json' as const, body })));
    options.push(malformed.map((text) => ({ kind: 'raw' as const, text })));
  }
  if (entry.object && entry.operation.includes('{id}')) {
    const segment = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom('0', '-1', '1.5', '1e3', '9007199254740993', '99999999999999999999', '%00', '..', 'null'),
    );
    options.push(segment.map((s) => ({ kind: 'path' as const, segment: encodeURIComponent(s) })));
  }
  if (methodOf(entry) === 'GET') options.push(query.map((search) => ({ kind: 'query' as const, search })));
  return options.length > 0 ? fc.oneof(...options) : null;
}

async function snapshotAll() {
  return { tenant: await snapshotDatabase(rawDb(tenant)), directory: await snapshotDatabase(env.DIRECTORY) };
}

/** Only the shape of the requests matters when choosing what to fuzz. */
const PLACEHOLDER: Targets = { ticketId: 1, userId: 1, tagId: 1, sessionId: 's', tokenId: 't', invitationToken: 'i', loginEmail: 'e@x.test', attachmentId: 1, commentId: 1, articleId: 1, articleImageId: 1, kbCategoryId: 1, kbSubcategoryId: 1, kbArticleId: 1, kbArticleSlug: 's', slaPolicyId: 1, slaCalendarId: 1, pushSubscriptionId: 1, webhookId: 1, deadLetterId: 1, inboundAddress: 'a@b.example', macroId: 1 };

describe('fuzzing every endpoint', () => {
  // Logging out would end the session the fuzzer speaks with.
  const entries = CATALOGUE.filter((e) => e.operation !== 'POST /api/v1/auth/logout' && attempts(e, e.request(PLACEHOLDER)) !== null);

  for (const entry of entries) {
    it(`${entry.operation}: never a 5xx, and a refusal changes nothing`, async () => {
      const valid = entry.request(targets);
      const arbitrary = attempts(entry, valid) as fc.Arbitrary<Attempt>;
      let before = await snapshotAll();
      await fc.assert(
        fc.asyncProperty(arbitrary, async (attempt) => {
          const path =
            attempt.kind === 'path'
              ? valid.path.replace(/\/[^/]+(\/[a-z]+)?$/, (_m, tail: string | undefined) => `/${attempt.segment}${tail ?? ''}`)
              : attempt.kind === 'query'
                ? `${valid.path}?${attempt.search}`
                : valid.path;
          const response = await tenantCall(tenant, methodOf(entry), path, {
            token: owner.token,
            ...(attempt.kind === 'json' ? { body: attempt.body } : {}),
            ...(attempt.kind === 'raw' ? { rawBody: attempt.text, headers: { 'content-type': 'application/json' } } : {}),
            ...(attempt.kind === 'file' ? { body: new Blob([attempt.bytes], { type: attempt.type }) } : {}),
            ...(attempt.kind === 'path' ? { body: valid.body } : {}),
          });
          const label = `${entry.operation} ${JSON.stringify(attempt).slice(0, 300)} → ${response.status}`;
          expect(response.status, label).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
            expect(await snapshotAll(), label).toEqual(before);
          } else {
            before = await snapshotAll();
          }
        }),
        { numRuns: 30 },
      );
    });
  }
});
