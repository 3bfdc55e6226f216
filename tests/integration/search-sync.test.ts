import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { kbArticles } from '../../worker/db/tenant/kb';
import { addUser, createTenant, tenantCall, type TestTenant, type TestUser } from './harness';
import { addArticle, comment, ids, openTicket, search } from './search-fixtures';

// The FTS5 tables follow every insert, update and delete of tickets, comments and
// articles, through the triggers of migrations/tenant/0001_search.sql.

let tenant: TestTenant;
let agent: TestUser;
let customer: TestUser;

beforeAll(async () => {
  tenant = await createTenant('search-sync');
  agent = await addUser(tenant, 'agent');
  customer = await addUser(tenant, 'customer');
});

const tickets = (q: string) => search(tenant, { q, type: 'tickets' }, agent);
const articles = (q: string) => search(tenant, { q, type: 'articles' }, agent);

describe('ticket search follows the tickets', () => {
  it('finds a ticket as soon as it is created', async () => {
    const id = await openTicket(tenant, customer, 'Scanner jams on page two', 'The feeder grabs two sheets.');
    expect(ids(await tickets('feeder'))).toEqual([id]);
  });

  it('finds the new subject and forgets the old one after an edit', async () => {
    const id = await openTicket(tenant, customer, 'Keyboard sticky', 'Keys stick after coffee.');
    const response = await tenantCall(tenant, 'PATCH', `/api/v1/tickets/${id}`, { token: agent.token, body: { subject: 'Trackpad unresponsive' } });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(ids(await tickets('trackpad'))).toEqual([id]);
    expect(ids(await tickets('keyboard'))).toEqual([]);
    // A change that does not touch the text leaves it findable.
    await tenantCall(tenant, 'PATCH', `/api/v1/tickets/${id}`, { token: agent.token, body: { priority: 'high' } });
    expect(ids(await tickets('trackpad'))).toEqual([id]);
  });

  it('finds a ticket by a comment, and no longer once the comment is gone', async () => {
    const id = await openTicket(tenant, customer, 'Monitor', 'Screen is dark.');
    const commentId = await comment(tenant, agent, id, 'Replace the HDMI cable with a displayport one.', true);
    const found = await tickets('displayport');
    expect(ids(found)).toEqual([id]);
    expect(found.items[0]?.comment_id).toBe(commentId);
    await tenant.db.run(sql`update ticket_comments set body_text = 'Try another cable.' where id = ${commentId}`);
    expect(ids(await tickets('displayport'))).toEqual([]);
    expect(ids(await tickets('another cable'))).toEqual([id]);
    await tenant.db.run(sql`delete from ticket_comments where id = ${commentId}`);
    expect(ids(await tickets('cable'))).toEqual([]);
  });

  it('forgets a deleted ticket', async () => {
    const id = await openTicket(tenant, customer, 'Webcam flickers', 'Under office lights.');
    expect(ids(await tickets('webcam'))).toEqual([id]);
    await tenant.db.run(sql`delete from tickets where id = ${id}`);
    expect(ids(await tickets('webcam'))).toEqual([]);
  });
});

describe('article search follows the articles', () => {
  it('indexes a new article, re-indexes an edit and forgets a deleted one', async () => {
    const id = await addArticle(tenant, agent, { title: 'Resetting the router', body: 'Hold the reset button for ten seconds.' });
    expect(ids(await articles('router'))).toEqual([id]);
    await tenant.db.update(kbArticles).set({ title: 'Restarting the modem', bodyMarkdown: 'Unplug it for a minute.' }).where(eq(kbArticles.id, id));
    expect(ids(await articles('router'))).toEqual([]);
    expect(ids(await articles('modem unplug'))).toEqual([id]);
    await tenant.db.delete(kbArticles).where(eq(kbArticles.id, id));
    expect(ids(await articles('modem'))).toEqual([]);
  });

  it('keeps the index consistent with the tables (FTS5 integrity check)', async () => {
    for (const table of ['tickets_fts', 'ticket_comments_fts', 'kb_articles_fts']) {
      await tenant.db.run(sql.raw(`insert into ${table}(${table}, rank) values ('integrity-check', 1)`));
    }
  });
});
