import { and, asc, eq, inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import type { TicketJson } from '../../worker/tickets/ticket-json';
import { addUser, createTenant, tenantCall, type CallOptions, type TestTenant, type TestUser } from './harness';

// A support team to run the ticket tests against: an admin, an agent and two
// customers, and a client that speaks to the API as one of them. A test file has
// only as many tenants as the pool has slots, so each test gets its own people in
// a tenant shared by its file, unless it asks for a tenant of its own (to count
// every ticket there is, or to play another tenant).

export interface Helpdesk {
  tenant: TestTenant;
  admin: TestUser;
  agent: TestUser;
  customer: TestUser;
  otherCustomer: TestUser;
}

let sharedTenant: Promise<TestTenant> | null = null;

export async function helpdesk(options: { ownTenant?: boolean } = {}): Promise<Helpdesk> {
  const tenant = options.ownTenant ? await createTenant('own') : await (sharedTenant ??= createTenant('desk'));
  return {
    tenant,
    admin: await addUser(tenant, 'admin'),
    agent: await addUser(tenant, 'agent'),
    customer: await addUser(tenant, 'customer'),
    otherCustomer: await addUser(tenant, 'customer'),
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the API as `user` (bearer token unless `cookie` options say otherwise); parses any body. */
export async function as<T = unknown>(
  tenant: TestTenant,
  user: TestUser | null,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply<T>> {
  const response = await tenantCall(tenant, method, `/api/v1${path}`, { token: user?.token, ...options });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export interface ProblemBody {
  status: number;
  detail: string;
  errors?: { field: string; detail: string }[];
  [extension: string]: unknown;
}

/** The fields a problem names, each once, sorted. */
export const fieldsOf = (body: unknown): string[] => [...new Set(((body as ProblemBody).errors ?? []).map((e) => e.field))].sort();

/** Opens a ticket through the API and returns it. */
export async function openTicket(desk: Helpdesk, user: TestUser, body: Record<string, unknown> = {}): Promise<TicketJson> {
  const reply = await as<TicketJson>(desk.tenant, user, 'POST', '/tickets', {
    body: { subject: 'Cannot log in', description: 'The login page says my password is wrong.', ...body },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

let tagCounter = 0;

/** Creates a tag named after `base`, unique in the tenant, and returns its name. */
export async function addTag(desk: Helpdesk, base: string): Promise<string> {
  const name = `${base}-${tagCounter++}`;
  const reply = await as(desk.tenant, desk.admin, 'POST', '/tags', { body: { name } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return name;
}

/** Moves a ticket through statuses as the agent, asserting each step succeeds. */
export async function moveTicket(desk: Helpdesk, id: number, ...statuses: string[]): Promise<TicketJson> {
  let ticket: TicketJson | null = null;
  for (const status of statuses) {
    const reply = await as<TicketJson>(desk.tenant, desk.agent, 'PATCH', `/tickets/${id}`, { body: { status } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    ticket = reply.body;
  }
  if (!ticket) throw new Error('moveTicket needs at least one status');
  return ticket;
}

/** The audit rows of `action` written by this helpdesk's people, oldest first. */
export function auditRows(desk: Helpdesk, action: string) {
  const people = [desk.admin, desk.agent, desk.customer, desk.otherCustomer].map((u) => u.id);
  return desk.tenant.db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, action), inArray(auditLogs.actorId, people)))
    .orderBy(asc(auditLogs.id))
    .all();
}
