import { describe, expect, it } from 'vitest';
import type { TicketJson } from '../../worker/tickets/ticket-json';
import { rawDb, snapshotDatabase } from './snapshot';
import { as, fieldsOf, helpdesk, openTicket, type ProblemBody } from './tickets-fixtures';

// What the ticket routes do with input they must not trust, and how they describe themselves.

describe('bad and unusual input', () => {
  it('refuses bad input with 422 naming the field and creates nothing', async () => {
    const desk = await helpdesk();
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const cases: [Record<string, unknown>, string[]][] = [
      [{ subject: '', description: 'y' }, ['subject']],
      [{ subject: '   ', description: 'y' }, ['subject']],
      [{ subject: 'x'.repeat(301), description: 'y' }, ['subject']],
      [{ subject: 'a\nb', description: 'y' }, ['subject']],
      [{ subject: 'bell\u0007', description: 'y' }, ['subject']],
      [{ subject: 'x', description: 'x'.repeat(100_000) }, ['description']],
      [{ subject: 'x', description: 'null\u0000byte' }, ['description']],
      [{ subject: 'x', description: 'lone \ud800 surrogate' }, ['description']],
      [{ subject: 'x', description: 'y', priority: 'asap' }, ['priority']],
      [{ subject: 'x', description: 'y', extra: true }, ['extra']],
      [{ subject: 42, description: ['y'] }, ['description', 'subject']],
      [{ subject: 'x', description: 'y', requester_id: 2 ** 60 }, ['requester_id']],
      [{ subject: 'x', description: 'y', assignee_id: 1.5 }, ['assignee_id']],
      [{ subject: 'x', description: 'y', tags: ['Not Valid'] }, ['tags.0']],
      [{ subject: 'x', description: 'y', group: 'g'.repeat(101) }, ['group']],
      [{ subject: 'x', description: 'y', custom_fields: { nested: { a: 1 } } }, ['custom_fields.nested']],
      [{ subject: 'x', description: 'y', custom_fields: { long: 'v'.repeat(1001) } }, ['custom_fields.long']],
      [{ subject: 'x', description: 'y', custom_fields: { ['k'.repeat(65)]: 1 } }, [`custom_fields.${'k'.repeat(65)}`]],
      [{ subject: 'x', description: 'y', custom_fields: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, i])) }, ['custom_fields']],
    ];
    for (const [body, fields] of cases) {
      const reply = await as<ProblemBody>(desk.tenant, desk.agent, 'POST', '/tickets', { body });
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(fieldsOf(reply.body), JSON.stringify(reply.body).slice(0, 300)).toEqual(fields);
    }
    const proto = await as(desk.tenant, desk.agent, 'POST', '/tickets', {
      rawBody: '{"subject":"x","description":"y","custom_fields":{"__proto__":{"polluted":true}}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(proto.status).toBe(422);
    expect(fieldsOf(proto.body)).toEqual(['custom_fields.__proto__']);
    const malformed = await as(desk.tenant, desk.agent, 'POST', '/tickets', {
      rawBody: '{"subject":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('keeps Cyrillic, emoji and right-to-left text byte for byte', async () => {
    const desk = await helpdesk();
    const subject = 'Принтер 🖨️ не печатает — שלום עולם 👩🏽‍💻 e\u0301';
    const description = 'Строка один\nسطر ثان\n\n🇺🇦🏳️‍🌈 \u200f\u202eRTL\u202c';
    const ticket = await openTicket(desk, desk.customer, { subject, description });
    const read = await as<TicketJson>(desk.tenant, desk.customer, 'GET', `/tickets/${ticket.id}`);
    expect(read.body.subject).toBe(subject);
    expect(read.body.description).toBe(description);
    expect(new TextEncoder().encode(read.body.subject)).toEqual(new TextEncoder().encode(subject));
  });

  it('answers 400 naming the id for ids that are not positive safe integers', async () => {
    const desk = await helpdesk();
    for (const id of ['0', '-1', 'abc', '1.5', '9007199254740993', '1e400']) {
      const reply = await as(desk.tenant, desk.agent, 'GET', `/tickets/${id}`);
      expect(reply.status, id).toBe(400);
      expect(fieldsOf(reply.body)).toEqual(['id']);
    }
  });
});

describe('the API description', () => {
  it('documents every ticket, comment and tag route with its responses', async () => {
    const desk = await helpdesk();
    const reply = await as<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(
      desk.tenant,
      null,
      'GET',
      '/openapi.json',
    );
    expect(reply.status).toBe(200);
    const operations = Object.entries(reply.body.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, Object.keys(op.responses).sort()] as const),
    );
    const mine = Object.fromEntries(operations.filter(([op]) => /\/(tickets|tags)/.test(op)));
    expect(Object.keys(mine).sort()).toEqual([
      'DELETE /api/v1/tags/{id}',
      'GET /api/v1/tags',
      'GET /api/v1/tickets',
      'GET /api/v1/tickets/{id}',
      'GET /api/v1/tickets/{id}/attachments',
      'GET /api/v1/tickets/{id}/comments',
      'GET /api/v1/tickets/{id}/events',
      'PATCH /api/v1/tags/{id}',
      'PATCH /api/v1/tickets/{id}',
      'POST /api/v1/tags',
      'POST /api/v1/tickets',
      'POST /api/v1/tickets/bulk',
      'POST /api/v1/tickets/{id}/attachments',
      'POST /api/v1/tickets/{id}/comments',
      'POST /api/v1/tickets/{id}/comments/{comment_id}/attachments',
      'POST /api/v1/tickets/{id}/note',
      'POST /api/v1/tickets/{id}/reply',
    ]);
    for (const [op, statuses] of Object.entries(mine)) {
      expect(statuses, op).toContain('401');
      expect(statuses.some((s) => s.startsWith('2')), op).toBe(true);
    }
  });
});
