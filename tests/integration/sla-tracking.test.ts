import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ticketSlas } from '../../worker/db/tenant/sla';
import { tickets } from '../../worker/db/tenant/tickets';
import { addCalendar, addPolicy, targetsOf } from './sla-fixtures';
import { as, helpdesk, openTicket, type Helpdesk } from './tickets-fixtures';

// Each ticket event moves the ticket's SLA targets in its own batch: creation,
// replies (staff and customer, public or not), status and priority changes, and
// policy changes by an admin.

const MIN = 60_000;

async function comment(desk: Helpdesk, user: Helpdesk['agent'], ticketId: number, isPublic: boolean) {
  const reply = await as(desk.tenant, user, 'POST', `/tickets/${ticketId}/comments`, { body: { body: 'Hello', public: isPublic } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
}

async function setStatus(desk: Helpdesk, ticketId: number, status: string) {
  const reply = await as(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticketId}`, { body: { status } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

describe('SLA tracking on ticket events', () => {
  it('starts first response and resolution when a ticket is created, due by the policy’s targets', async () => {
    const desk = await helpdesk({ ownTenant: true });
    await addPolicy(desk, { targets: { first_response: 60, next_response: 30, resolution: 480 } });
    const before = Date.now();
    const ticket = await openTicket(desk, desk.customer);
    const targets = await targetsOf(desk, ticket.id);
    expect(Object.keys(targets).sort()).toEqual(['first_response', 'resolution']);
    const due = Date.parse(targets.first_response!.due_at!);
    expect(due).toBeGreaterThanOrEqual(before + 60 * MIN);
    expect(due).toBeLessThanOrEqual(Date.parse(ticket.created_at) + 60 * MIN);
    expect(targets.first_response).toMatchObject({ state: 'active', warned: false, target_minutes: 60 });
    expect(targets.first_response!.remaining_minutes).toBeGreaterThan(59);
    const row = await desk.tenant.db.select({ due: tickets.slaDueAt }).from(tickets).where(eq(tickets.id, ticket.id)).get();
    expect(row?.due).toBe(due);
    // The customer sees no SLA.
    const asCustomer = await as<{ sla: unknown[] }>(desk.tenant, desk.customer, 'GET', `/tickets/${ticket.id}`);
    expect(asCustomer.body.sla).toEqual([]);
  });

  it('meets first response with the first public staff reply, not with a note or the customer’s message', async () => {
    const desk = await helpdesk({ ownTenant: true });
    await addPolicy(desk, { targets: { first_response: 60, next_response: 30 } });
    const ticket = await openTicket(desk, desk.customer);
    await comment(desk, desk.agent, ticket.id, false);
    await comment(desk, desk.customer, ticket.id, true);
    let targets = await targetsOf(desk, ticket.id);
    expect(targets.first_response!.state).toBe('active');
    expect(targets.next_response).toMatchObject({ state: 'active' });
    await comment(desk, desk.agent, ticket.id, true);
    targets = await targetsOf(desk, ticket.id);
    expect(targets.first_response).toMatchObject({ state: 'met', remaining_minutes: null });
    expect(targets.first_response!.met_at).not.toBeNull();
    expect(targets.next_response!.state).toBe('met');
    // The customer asks again: a new next-response cycle; first response stays met.
    await comment(desk, desk.customer, ticket.id, true);
    targets = await targetsOf(desk, ticket.id);
    expect(targets.next_response).toMatchObject({ state: 'active', met_at: null });
    expect(targets.first_response!.state).toBe('met');
  });

  it('pauses resolution while pending and resumes it when the customer answers', async () => {
    const desk = await helpdesk({ ownTenant: true });
    await addPolicy(desk, { targets: { first_response: 60, resolution: 480 } });
    const ticket = await openTicket(desk, desk.customer);
    const dueBefore = Date.parse((await targetsOf(desk, ticket.id)).resolution!.due_at!);
    await setStatus(desk, ticket.id, 'pending');
    let targets = await targetsOf(desk, ticket.id);
    expect(targets.resolution).toMatchObject({ state: 'paused', due_at: null });
    expect(targets.first_response!.state).toBe('active');
    const [row] = await desk.tenant.db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticket.id)).all().then((rows) => rows.filter((r) => r.metric === 'resolution'));
    expect(row?.pauses).toHaveLength(1);
    expect(row?.pauses[0]?.to).toBeNull();
    const tracked = await desk.tenant.db.select({ due: tickets.slaDueAt }).from(tickets).where(eq(tickets.id, ticket.id)).get();
    expect(tracked?.due).toBe(Date.parse(targets.first_response!.due_at!));

    // The customer's reply reopens the ticket (pending → open) and the clock runs again, later by the pause.
    await comment(desk, desk.customer, ticket.id, true);
    targets = await targetsOf(desk, ticket.id);
    expect(targets.resolution!.state).toBe('active');
    expect(Date.parse(targets.resolution!.due_at!)).toBeGreaterThanOrEqual(dueBefore);
    await setStatus(desk, ticket.id, 'solved');
    targets = await targetsOf(desk, ticket.id);
    expect(Object.values(targets).map((t) => t.state)).toEqual(['met', 'met']);
    expect((await desk.tenant.db.select({ due: tickets.slaDueAt }).from(tickets).where(eq(tickets.id, ticket.id)).get())?.due).toBeNull();
  });

  it('applies the first matching policy in order, and follows priority changes and reordering', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const calendar = await addCalendar(desk);
    const urgent = await addPolicy(desk, { name: 'Urgent', conditions: { priorities: ['urgent'] }, targets: { first_response: 30 }, calendar_id: calendar.id });
    const all = await addPolicy(desk, { name: 'All', targets: { first_response: 240 } });
    const ticket = await openTicket(desk, desk.agent, { requester_id: desk.customer.id, priority: 'normal' });
    expect((await targetsOf(desk, ticket.id)).first_response!.policy).toEqual({ id: all.id, name: 'All' });

    const raised = await as(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticket.id}`, { body: { priority: 'urgent' } });
    expect(raised.status).toBe(200);
    expect((await targetsOf(desk, ticket.id)).first_response).toMatchObject({ policy: { id: urgent.id }, target_minutes: 30 });

    await as(desk.tenant, desk.admin, 'POST', '/sla/policies/reorder', { body: { ids: [all.id, urgent.id] } });
    expect((await targetsOf(desk, ticket.id)).first_response).toMatchObject({ policy: { id: all.id }, target_minutes: 240 });
  });

  it('gives open tickets a new policy’s targets at once, and takes a deleted policy’s away', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const ticket = await openTicket(desk, desk.customer);
    await comment(desk, desk.agent, ticket.id, true);
    expect(await targetsOf(desk, ticket.id)).toEqual({});
    const policy = await addPolicy(desk, { targets: { first_response: 60, resolution: 600 } });
    const targets = await targetsOf(desk, ticket.id);
    // Staff already answered: first response counts as met; resolution runs from creation.
    expect(targets.first_response!.state).toBe('met');
    expect(Date.parse(targets.resolution!.due_at!)).toBe(Date.parse(ticket.created_at) + 600 * MIN);
    expect((await as(desk.tenant, desk.admin, 'DELETE', `/sla/policies/${policy.id}`)).status).toBe(204);
    expect(await targetsOf(desk, ticket.id)).toEqual({});
  });
});
