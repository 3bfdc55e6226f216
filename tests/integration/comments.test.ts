import { describe, expect, it } from 'vitest';
import type { CommentJson, TicketJson } from '../../worker/tickets/ticket-json';
import { rawDb, snapshotDatabase } from './snapshot';
import { as, auditRows, fieldsOf, helpdesk, moveTicket, openTicket, type Helpdesk } from './tickets-fixtures';

const comment = (desk: Helpdesk, user: Helpdesk['agent'] | null, ticketId: number, body: unknown, options = {}) =>
  as<CommentJson>(desk.tenant, user, 'POST', `/tickets/${ticketId}/comments`, { body, ...options });

const statusOf = async (desk: Helpdesk, id: number) =>
  (await as<TicketJson>(desk.tenant, desk.agent, 'GET', `/tickets/${id}`)).body;

describe('comments', () => {
  it('adds a public reply with escaped HTML, and records it in the audit log', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const reply = await comment(desk, desk.agent, ticket.id, {
      body: 'Hi <b>Carol</b> & co,\ntry this:\n\n<script>alert(1)</script>',
      public: true,
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      ticket_id: ticket.id,
      author: { id: desk.agent.id, name: 'agent' },
      public: true,
      channel: 'api',
      body_text: 'Hi <b>Carol</b> & co,\ntry this:\n\n<script>alert(1)</script>',
      body_html: '<p>Hi &lt;b&gt;Carol&lt;/b&gt; &amp; co,<br>try this:</p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    });
    const [audit] = await auditRows(desk, 'comment.create');
    expect(audit).toMatchObject({ actorId: desk.agent.id, targetType: 'comment', targetId: String(reply.body.id) });
    expect(audit?.after).toMatchObject({ ticket_id: ticket.id, public: true });
  });

  it('opens a new ticket on the first public staff reply, and bumps updated_at', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await comment(desk, desk.agent, ticket.id, { body: 'note to self', public: false });
    const afterNote = await statusOf(desk, ticket.id);
    expect(afterNote.status).toBe('new');
    expect(Date.parse(afterNote.updated_at)).toBeGreaterThan(Date.parse(ticket.updated_at));

    await comment(desk, desk.agent, ticket.id, { body: 'On it!', public: true });
    expect((await statusOf(desk, ticket.id)).status).toBe('open');
    const [audit] = await auditRows(desk, 'ticket.update');
    expect(audit).toMatchObject({ before: { status: 'new' }, after: { status: 'open' } });
  });

  it('reopens a pending or solved ticket when the customer replies', async () => {
    const desk = await helpdesk();
    for (const path of [['open', 'pending'], ['solved']]) {
      const ticket = await openTicket(desk, desk.customer);
      await moveTicket(desk, ticket.id, ...path);
      const reply = await comment(desk, null, ticket.id, { body: 'Still broken', public: true }, { cookie: desk.customer.token });
      expect(reply.status).toBe(201);
      expect(reply.body.channel).toBe('web');
      const now = await statusOf(desk, ticket.id);
      expect(now.status).toBe('open');
      expect(now.solved_at).toBeNull();
    }
  });

  it('refuses comments on a closed ticket with 409, and writes nothing', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await moveTicket(desk, ticket.id, 'solved', 'closed');
    const before = await snapshotDatabase(rawDb(desk.tenant));
    for (const [user, isPublic] of [[desk.customer, true], [desk.agent, false]] as const) {
      const reply = await comment(desk, user, ticket.id, { body: 'One more thing', public: isPublic });
      expect(reply.status).toBe(409);
    }
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('lets a customer reply only publicly, and only on their own tickets', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const before = await snapshotDatabase(rawDb(desk.tenant));
    expect((await comment(desk, desk.customer, ticket.id, { body: 'secret', public: false })).status).toBe(403);
    expect((await comment(desk, desk.otherCustomer, ticket.id, { body: 'hello', public: true })).status).toBe(404);
    expect((await comment(desk, null, ticket.id, { body: 'hello', public: true })).status).toBe(401);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('refuses bad comment bodies naming the field', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const cases: [unknown, string[]][] = [
      [{ body: '', public: true }, ['body']],
      [{ body: ' \n ', public: true }, ['body']],
      [{ body: 'x'.repeat(100_000), public: true }, ['body']],
      [{ body: 'tab\tand\r\nnewlines are fine but not \u001b[31m', public: true }, ['body']],
      [{ body: 'hi' }, ['public']],
      [{ body: 'hi', public: 'yes' }, ['public']],
      [{ body: 'hi', public: true, author_id: 1 }, ['author_id']],
    ];
    for (const [body, fields] of cases) {
      const reply = await comment(desk, desk.agent, ticket.id, body);
      expect(reply.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(fieldsOf(reply.body)).toEqual(fields);
    }
    expect((await comment(desk, desk.agent, 2 ** 62, { body: 'hi', public: true })).status).toBe(400);
  });

  it('keeps multi-line Cyrillic, emoji and RTL text byte for byte', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const text = 'Здравствуйте!\nПроблема решена 🎉👨‍👩‍👧\n\nمرحبا بالعالم\t(RTL)';
    const created = await comment(desk, desk.customer, ticket.id, { body: text, public: true });
    const listed = await as<{ items: CommentJson[] }>(desk.tenant, desk.customer, 'GET', `/tickets/${ticket.id}/comments`);
    expect(created.body.body_text).toBe(text);
    expect(listed.body.items[0]?.body_text).toBe(text);
    expect(listed.body.items[0]?.body_html).toBe('<p>Здравствуйте!<br>Проблема решена 🎉👨‍👩‍👧</p><p>مرحبا بالعالم\t(RTL)</p>');
  });

  it('pages through comments oldest first, hiding internal notes from the customer', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    for (let i = 1; i <= 5; i++) await comment(desk, desk.agent, ticket.id, { body: `reply ${i}`, public: i % 2 === 1 });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await as<{ items: CommentJson[]; next_cursor: string | null }>(
        desk.tenant,
        desk.agent,
        'GET',
        `/tickets/${ticket.id}/comments${query}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c) => c.body_text));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['reply 1', 'reply 2', 'reply 3', 'reply 4', 'reply 5']);

    const customer = await as<{ items: CommentJson[] }>(desk.tenant, desk.customer, 'GET', `/tickets/${ticket.id}/comments?limit=100`);
    expect(customer.body.items.map((c) => c.body_text)).toEqual(['reply 1', 'reply 3', 'reply 5']);

    const bad = await as(desk.tenant, desk.agent, 'GET', `/tickets/${ticket.id}/comments?cursor=not-a-cursor!`);
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['cursor']);
  });

  it('shows the first hundred comments with the ticket, and a cursor to the rest', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await rawDb(desk.tenant)
      .prepare(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i < 101)
         insert into ticket_comments (ticket_id, author_id, public, body_text, body_html, created_at)
         select ?1, ?2, 1, 'c' || i, '<p>c' || i || '</p>', i from n`,
      )
      .bind(ticket.id, desk.agent.id)
      .run();
    type WithComments = TicketJson & { comments: CommentJson[]; comments_next_cursor: string | null };
    const read = await as<WithComments>(desk.tenant, desk.customer, 'GET', `/tickets/${ticket.id}`);
    expect(read.body.comments.length).toBe(100);
    expect(read.body.comments.at(-1)?.body_text).toBe('c100');
    const rest = await as<{ items: CommentJson[]; next_cursor: string | null }>(
      desk.tenant,
      desk.customer,
      'GET',
      `/tickets/${ticket.id}/comments?cursor=${read.body.comments_next_cursor}`,
    );
    expect(rest.body.items.map((c) => c.body_text)).toEqual(['c101']);
    expect(rest.body.next_cursor).toBeNull();
  });
});
