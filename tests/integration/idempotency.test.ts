import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ticketComments, tickets } from '../../worker/db/tenant/tickets';
import type { CommentJson, TicketJson } from '../../worker/tickets/ticket-json';
import { as, fieldsOf, helpdesk, openTicket } from './tickets-fixtures';

const ticketBody = { subject: 'Charged twice', description: 'My card was charged two times.' };

describe('Idempotency-Key on creating a ticket', () => {
  it('answers a retry with the same key and body with the same response, creating one ticket', async () => {
    const desk = await helpdesk();
    const send = () =>
      as<TicketJson>(desk.tenant, desk.customer, 'POST', '/tickets', { body: ticketBody, headers: { 'idempotency-key': 'retry-1' } });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const mine = await desk.tenant.db.select().from(tickets).where(eq(tickets.requesterId, desk.customer.id)).all();
    expect(mine.length).toBe(1);
  });

  it('refuses the same key with another body (422), creating nothing more', async () => {
    const desk = await helpdesk();
    await as(desk.tenant, desk.customer, 'POST', '/tickets', { body: ticketBody, headers: { 'idempotency-key': 'k-2' } });
    const other = await as(desk.tenant, desk.customer, 'POST', '/tickets', {
      body: { ...ticketBody, subject: 'Something else' },
      headers: { 'idempotency-key': 'k-2' },
    });
    expect(other.status).toBe(422);
    expect(fieldsOf(other.body)).toEqual(['Idempotency-Key']);
    const mine = await desk.tenant.db.select().from(tickets).where(eq(tickets.requesterId, desk.customer.id)).all();
    expect(mine.map((t) => t.subject)).toEqual(['Charged twice']);
  });

  it('keeps the keys of different users apart', async () => {
    const desk = await helpdesk();
    const headers = { 'idempotency-key': 'same-key' };
    const mine = await as<TicketJson>(desk.tenant, desk.customer, 'POST', '/tickets', { body: ticketBody, headers });
    const theirs = await as<TicketJson>(desk.tenant, desk.otherCustomer, 'POST', '/tickets', { body: ticketBody, headers });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.requester.id).toBe(desk.otherCustomer.id);
  });

  it('creates anew for each request without a key', async () => {
    const desk = await helpdesk();
    const first = await as<TicketJson>(desk.tenant, desk.customer, 'POST', '/tickets', { body: ticketBody });
    const second = await as<TicketJson>(desk.tenant, desk.customer, 'POST', '/tickets', { body: ticketBody });
    expect(second.body.id).not.toBe(first.body.id);
  });
});

describe('Idempotency-Key on adding a comment', () => {
  it('adds the comment once however often it is retried', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const send = () =>
      as<CommentJson>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket.id}/comments`, {
        body: { body: 'We refunded you.', public: true },
        headers: { 'idempotency-key': 'reply-1' },
      });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const rows = await desk.tenant.db.select().from(ticketComments).where(eq(ticketComments.ticketId, ticket.id)).all();
    expect(rows.length).toBe(1);

    const elsewhere = await openTicket(desk, desk.customer);
    const reused = await as(desk.tenant, desk.agent, 'POST', `/tickets/${elsewhere.id}/comments`, {
      body: { body: 'We refunded you.', public: true },
      headers: { 'idempotency-key': 'reply-1' },
    });
    expect(reused.status).toBe(422);
  });
});
