// Seeds the demo tenant through the public HTTP API, as an operator, its staff and
// its customers would, so the demo exercises the same rules as real use.
//   node scripts/seed.ts [--url http://localhost:8787]
import { parseArgs } from 'node:util';
import {
  CUSTOMERS,
  DEMO_PASSWORD,
  DEMO_TENANT,
  demoTickets,
  INVITED_STAFF,
  OWNER,
  STATUS_PATH,
  DEMO_SLA_CALENDAR,
  DEMO_SLA_POLICIES,
  TAGS,
  DEMO_MACROS,
  type DemoPerson,
} from './demo-data.ts';
import { seedKnowledgeBase } from './demo-articles.ts';
import { operatorToken } from './dev-vars.ts';

interface Session {
  id: number;
  token: string;
}

export type SeedResult = { created: true; tickets: number } | { created: false; reason: 'exists' };

/** A caller of the API at `origin`; tenant routes name the tenant with X-Tenant. */
function apiClient(origin: string, tenant: string) {
  return async function call(method: string, path: string, { token, body }: { token?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { 'x-tenant': tenant };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    return { status: response.status, json, headers: response.headers };
  };
}

type Call = ReturnType<typeof apiClient>;

async function expectStatus(result: Awaited<ReturnType<Call>>, status: number, what: string) {
  if (result.status !== status) {
    throw new Error(`Seeding failed to ${what}: HTTP ${result.status} ${JSON.stringify(result.json)}`);
  }
  return result;
}

/** The session token the API set as the `wnp_session` cookie: the seed uses it as a bearer token. */
function sessionFrom(result: Awaited<ReturnType<Call>>): Session {
  const cookie = result.headers.getSetCookie().find((c) => c.startsWith('wnp_session='));
  const token = cookie?.slice('wnp_session='.length).split(';')[0];
  const user = result.json.user as { id: number } | undefined;
  if (!token || !user) throw new Error('The API did not start a session.');
  return { id: user.id, token };
}

async function acceptInvitation(call: Call, token: string, person: DemoPerson): Promise<Session> {
  const accepted = await call('POST', '/invitations/accept', { body: { token, name: person.name, password: DEMO_PASSWORD } });
  return sessionFrom(await expectStatus(accepted, 201, `accept the invitation of ${person.email}`));
}

/**
 * Creates and fills the demo tenant. An existing tenant (409 on its slug) is left
 * exactly as it is, so re-running duplicates nothing.
 */
export async function seedDemo(origin: string, token = operatorToken()): Promise<SeedResult> {
  if (!token) throw new Error('No operator token: set OPERATOR_TOKEN or create .dev.vars (npm start does).');
  const created = await fetch(`${origin}/api/v1/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ slug: DEMO_TENANT.slug, name: DEMO_TENANT.name, admin_email: OWNER.email }),
  });
  if (created.status === 409) return { created: false, reason: 'exists' };
  if (created.status !== 201) throw new Error(`Seeding failed to create the demo tenant: HTTP ${created.status} ${await created.text()}`);
  const tenant = (await created.json()) as { owner_invitation: { token: string } };
  const call = apiClient(origin, DEMO_TENANT.slug);

  const sessions = new Map<string, Session>();
  const owner = await acceptInvitation(call, tenant.owner_invitation.token, OWNER);
  sessions.set(OWNER.key, owner);
  for (const staff of INVITED_STAFF) {
    const invited = await call('POST', '/invitations', { token: owner.token, body: { email: staff.email, role: staff.role } });
    await expectStatus(invited, 201, `invite ${staff.email}`);
    sessions.set(staff.key, await acceptInvitation(call, String(invited.json.token), staff));
  }
  for (const customer of CUSTOMERS) {
    const signedUp = await call('POST', '/auth/signup', {
      body: { email: customer.email, name: customer.name, password: DEMO_PASSWORD },
    });
    sessions.set(customer.key, sessionFrom(await expectStatus(signedUp, 201, `sign up ${customer.email}`)));
  }
  const session = (key: string): Session => {
    const found = sessions.get(key);
    if (!found) throw new Error(`No demo account "${key}".`);
    return found;
  };
  for (const name of TAGS) {
    await expectStatus(await call('POST', '/tags', { token: owner.token, body: { name } }), 201, `create the tag ${name}`);
  }
  for (const macro of DEMO_MACROS) {
    await expectStatus(await call('POST', '/macros', { token: owner.token, body: macro }), 201, `create the macro ${macro.title}`);
  }
  // SLAs before the tickets, so every demo ticket shows its countdown.
  const calendar = await call('POST', '/sla/calendars', { token: owner.token, body: DEMO_SLA_CALENDAR });
  const calendarId = Number((await expectStatus(calendar, 201, 'create the SLA calendar')).json.id);
  for (const { business_hours, escalation, ...policy } of DEMO_SLA_POLICIES) {
    const { assign, notify, ...changes } = { assign: undefined, ...escalation };
    const body = {
      ...policy,
      calendar_id: business_hours ? calendarId : null,
      escalation: { ...changes, ...(assign ? { assign_user_id: session(assign).id } : {}), notify_user_ids: notify.map((key) => session(key).id) },
    };
    await expectStatus(await call('POST', '/sla/policies', { token: owner.token, body }), 201, `create the SLA policy ${policy.name}`);
  }

  const tickets = demoTickets();
  const agent = session('agent');
  for (const ticket of tickets) {
    const assignee = ticket.assignee ? session(ticket.assignee) : null;
    const createdTicket = await call('POST', '/tickets', {
      token: agent.token,
      body: {
        subject: ticket.subject,
        description: ticket.description,
        priority: ticket.priority,
        type: ticket.type,
        requester_id: session(ticket.requester).id,
        assignee_id: assignee?.id ?? null,
        tags: ticket.tags,
      },
    });
    const id = (await expectStatus(createdTicket, 201, `create the ticket "${ticket.subject}"`)).json.id;
    for (const comment of ticket.comments) {
      const author = comment.author === 'requester' ? session(ticket.requester) : (assignee ?? agent);
      const added = await call('POST', `/tickets/${id}/comments`, {
        token: author.token,
        body: { body: comment.body, public: comment.public },
      });
      await expectStatus(added, 201, `comment on ticket ${id}`);
    }
    for (const status of STATUS_PATH[ticket.status]) {
      const moved = await call('PATCH', `/tickets/${id}`, { token: (assignee ?? agent).token, body: { status } });
      await expectStatus(moved, 200, `move ticket ${id} to ${status}`);
    }
  }
  await seedKnowledgeBase(call, agent.token);
  return { created: true, tickets: tickets.length };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { url: { type: 'string', default: process.env.PORTAL_URL ?? 'http://localhost:8787' } } });
  const result = await seedDemo(values.url);
  console.log(result.created ? `Seeded the demo tenant with ${result.tickets} tickets.` : 'The demo tenant exists already: left unchanged.');
}
