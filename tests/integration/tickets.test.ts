import { describe, expect, it } from 'vitest';
import type { TicketJson } from '../../worker/tickets/ticket-json';
import { addUser } from './harness';
import { rawDb, snapshotDatabase } from './snapshot';
import { addTag, as, auditRows, fieldsOf, helpdesk, moveTicket, openTicket, type ProblemBody } from './tickets-fixtures';

type TicketWithComments = TicketJson & { comments: { body_text: string; public: boolean }[] };

describe('opening a ticket', () => {
  it('lets a customer open a ticket for themselves, from the web', async () => {
    const desk = await helpdesk();
    const reply = await as<TicketJson>(desk.tenant, null, 'POST', '/tickets', {
      cookie: desk.customer.token,
      body: { subject: 'Invoice missing', description: 'Line one\nLine two', priority: 'high', type: 'problem' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      subject: 'Invoice missing',
      description: 'Line one\nLine two',
      status: 'new',
      priority: 'high',
      type: 'problem',
      channel: 'web',
      requester: { id: desk.customer.id, name: 'customer', email: desk.customer.email },
      assignee: null,
      group: null,
      tags: [],
      custom_fields: {},
      solved_at: null,
      closed_at: null,
    });
    expect(reply.body.created_at).toBe(reply.body.updated_at);
    const [audit] = await auditRows(desk, 'ticket.create');
    expect(audit).toMatchObject({ actorId: desk.customer.id, targetType: 'ticket', targetId: String(reply.body.id) });
    expect(audit?.after).toMatchObject({ subject: 'Invoice missing', requester_id: desk.customer.id });
  });

  it('lets an agent open a ticket on behalf of a customer, through the API', async () => {
    const desk = await helpdesk();
    const billing = await addTag(desk, 'billing');
    const vip = await addTag(desk, 'vip');
    const ticket = await openTicket(desk, desk.agent, {
      requester_id: desk.customer.id,
      assignee_id: desk.agent.id,
      group: 'Tier 2',
      tags: [vip, billing, vip],
      custom_fields: { order: 'A-1042', floor: 3, refunded: false, note: null },
    });
    expect(ticket).toMatchObject({
      channel: 'api',
      requester: { id: desk.customer.id },
      assignee: { id: desk.agent.id, name: 'agent' },
      group: 'Tier 2',
      tags: [billing, vip],
      custom_fields: { order: 'A-1042', floor: 3, refunded: false, note: null },
    });
    const [audit] = await auditRows(desk, 'ticket.create');
    expect(audit?.actorId).toBe(desk.agent.id);
  });

  it('refuses the staff-only fields from a customer, naming each, and creates nothing', async () => {
    const desk = await helpdesk();
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const reply = await as<ProblemBody>(desk.tenant, desk.customer, 'POST', '/tickets', {
      body: { subject: 'x', description: 'y', requester_id: desk.otherCustomer.id, assignee_id: desk.agent.id, tags: [], group: 'g', custom_fields: {} },
    });
    expect(reply.status).toBe(403);
    expect(fieldsOf(reply.body)).toEqual(['assignee_id', 'custom_fields', 'group', 'requester_id', 'tags']);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('names the assignee when it is not active staff, and unknown tags', async () => {
    const desk = await helpdesk();
    const reply = await as<ProblemBody>(desk.tenant, desk.agent, 'POST', '/tickets', {
      body: { subject: 'x', description: 'y', assignee_id: desk.customer.id, tags: ['nope'] },
    });
    expect(reply.status).toBe(422);
    expect(fieldsOf(reply.body)).toEqual(['assignee_id', 'tags']);
    expect(reply.body.errors?.find((e) => e.field === 'tags')?.detail).toContain('nope');

    const missing = await as<ProblemBody>(desk.tenant, desk.agent, 'POST', '/tickets', {
      body: { subject: 'x', description: 'y', requester_id: 999_999, assignee_id: 999_999 },
    });
    expect(missing.status).toBe(422);
    expect(fieldsOf(missing.body)).toEqual(['assignee_id', 'requester_id']);
  });
});

describe('reading a ticket', () => {
  it('shows staff every comment and the customer only public replies', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await as(desk.tenant, desk.agent, 'POST', `/tickets/${ticket.id}/comments`, { body: { body: 'Looking into it', public: true } });
    await as(desk.tenant, desk.agent, 'POST', `/tickets/${ticket.id}/comments`, { body: { body: 'Customer is on the old plan', public: false } });

    const staff = await as<TicketWithComments>(desk.tenant, desk.agent, 'GET', `/tickets/${ticket.id}`);
    expect(staff.status).toBe(200);
    expect(staff.body.comments.map((c) => c.body_text)).toEqual(['Looking into it', 'Customer is on the old plan']);

    const customer = await as<TicketWithComments>(desk.tenant, desk.customer, 'GET', `/tickets/${ticket.id}`);
    expect(customer.status).toBe(200);
    expect(customer.body.comments.map((c) => c.body_text)).toEqual(['Looking into it']);
    expect(JSON.stringify(customer.body)).not.toContain('old plan');
  });

  it("answers 404 to a customer asking for another customer's ticket", async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const reply = await as(desk.tenant, desk.otherCustomer, 'GET', `/tickets/${ticket.id}`);
    expect(reply.status).toBe(404);
    expect((await as(desk.tenant, desk.otherCustomer, 'GET', `/tickets/${ticket.id}/comments`)).status).toBe(404);
    expect((await as(desk.tenant, desk.otherCustomer, 'GET', '/tickets/999999')).status).toBe(404);
  });

  it('answers 404 to an agent of another tenant, and 401 without credentials', async () => {
    const desk = await helpdesk();
    const elsewhere = await helpdesk({ ownTenant: true });
    const ticket = await openTicket(desk, desk.customer);
    expect((await as(elsewhere.tenant, elsewhere.agent, 'GET', `/tickets/${ticket.id}`)).status).toBe(404);
    expect((await as(desk.tenant, null, 'GET', `/tickets/${ticket.id}`)).status).toBe(401);
  });
});

describe('editing a ticket', () => {
  it('changes fields and writes one audit row with before and after of the changed fields only', async () => {
    const desk = await helpdesk();
    const billing = await addTag(desk, 'billing');
    const ticket = await openTicket(desk, desk.customer);
    const reply = await as<TicketJson>(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticket.id}`, {
      body: { subject: 'Login fails on Safari', priority: 'urgent', assignee_id: desk.agent.id, tags: [billing], type: 'question' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ subject: 'Login fails on Safari', priority: 'urgent', assignee: { id: desk.agent.id }, tags: [billing] });
    expect(Date.parse(reply.body.updated_at)).toBeGreaterThan(Date.parse(ticket.updated_at));
    const [audit] = await auditRows(desk, 'ticket.update');
    expect(audit).toMatchObject({
      actorId: desk.agent.id,
      targetId: String(ticket.id),
      before: { subject: 'Cannot log in', priority: 'normal', assignee_id: null, tags: [] },
      after: { subject: 'Login fails on Safari', priority: 'urgent', assignee_id: desk.agent.id, tags: [billing] },
    });
    expect(Object.keys(audit?.after as object)).not.toContain('type');
  });

  it('replaces tags and custom fields as a whole, and unassigns with null', async () => {
    const desk = await helpdesk();
    const a = await addTag(desk, 'a');
    const b = await addTag(desk, 'b');
    const ticket = await openTicket(desk, desk.agent, { tags: [a], custom_fields: { x: 1 }, assignee_id: desk.agent.id, group: 'L1' });
    const reply = await as<TicketJson>(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticket.id}`, {
      body: { tags: [b], custom_fields: { y: 'two' }, assignee_id: null, group: null },
    });
    expect(reply.body).toMatchObject({ tags: [b], custom_fields: { y: 'two' }, assignee: null, group: null });
  });

  it('moves status through the table, stamping solved_at and closed_at', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const solved = await moveTicket(desk, ticket.id, 'open', 'pending', 'solved');
    expect(solved.solved_at).not.toBeNull();
    const reopened = await moveTicket(desk, ticket.id, 'open');
    expect(reopened.solved_at).toBeNull();
    const closed = await moveTicket(desk, ticket.id, 'solved', 'closed');
    expect(closed.status).toBe('closed');
    expect(closed.solved_at).not.toBeNull();
    expect(closed.closed_at).not.toBeNull();
    const audits = await auditRows(desk, 'ticket.update');
    expect(audits.map((a) => (a.after as { status: string }).status)).toEqual(['open', 'pending', 'solved', 'open', 'solved', 'closed']);
  });

  it('refuses an illegal move with 409 listing where the ticket may go, and changes nothing', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await moveTicket(desk, ticket.id, 'solved');
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const reply = await as<ProblemBody>(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticket.id}`, {
      body: { status: 'pending', priority: 'high' },
    });
    expect(reply.status).toBe(409);
    expect(reply.body.allowed).toEqual(['open', 'closed']);
    expect(fieldsOf(reply.body)).toEqual(['status']);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);

    await moveTicket(desk, ticket.id, 'closed');
    const final = await as<ProblemBody>(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticket.id}`, { body: { status: 'open' } });
    expect(final.status).toBe(409);
    expect(final.body.allowed).toEqual([]);
  });

  it('refuses an empty edit, unknown fields and customers', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const empty = await as(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticket.id}`, { body: {} });
    expect(empty.status).toBe(422);
    const unknown = await as(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticket.id}`, { body: { requester_id: 1 } });
    expect(unknown.status).toBe(422);
    expect(fieldsOf(unknown.body)).toEqual(['requester_id']);
    const customer = await as(desk.tenant, desk.customer, 'PATCH', `/tickets/${ticket.id}`, { body: { priority: 'urgent' } });
    expect(customer.status).toBe(403);
    expect((await as(desk.tenant, desk.agent, 'PATCH', '/tickets/999999', { body: { priority: 'low' } })).status).toBe(404);
  });

  it('writes nothing, not even an audit row, when every field already has the asked value', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const reply = await as<TicketJson>(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticket.id}`, {
      body: { priority: 'normal', status: 'new' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.updated_at).toBe(ticket.updated_at);
    expect(await auditRows(desk, 'ticket.update')).toEqual([]);
  });

  it('lets owners and admins edit as agents do', async () => {
    const desk = await helpdesk();
    const owner = await addUser(desk.tenant, 'owner');
    const ticket = await openTicket(desk, desk.customer);
    for (const user of [owner, desk.admin]) {
      const reply = await as(desk.tenant, user, 'PATCH', `/tickets/${ticket.id}`, { body: { assignee_id: user.id } });
      expect(reply.status).toBe(200);
    }
  });
});

