import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { RANKING_WINDOW } from '../../worker/search/ticket-search';
import { addUser, createTenant } from './harness';
import { ids, openTicket, search } from './search-fixtures';

// A broad word can match most tickets; staff searches score only the newest
// RANKING_WINDOW matches, customers all of their own.

describe('the ranking window', () => {
  it('ranks the newest matches for staff and still finds a customer\u2019s oldest ticket for them', async () => {
    const tenant = await createTenant('search-window');
    const agent = await addUser(tenant, 'agent');
    const customer = await addUser(tenant, 'customer');
    const oldest = await openTicket(tenant, customer, 'Widget broken', 'The widget is broken.');
    const others = RANKING_WINDOW + 50;
    await tenant.db.run(sql`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ${others})
      insert into tickets (subject, description, requester_id) select 'Widget question ' || i, 'About the widget.', ${agent.id} from n`);
    const staff = await search(tenant, { q: 'widget', type: 'tickets', limit: '100' }, agent);
    expect(staff.items).toHaveLength(100);
    expect(ids(staff)).not.toContain(oldest);
    // The window is the newest matches: every id ranked is among the newest RANKING_WINDOW.
    expect(Math.min(...ids(staff))).toBeGreaterThan(oldest + others - RANKING_WINDOW);
    expect(ids(await search(tenant, { q: 'widget broken', type: 'tickets' }, agent))).toEqual([oldest]);
    expect(ids(await search(tenant, { q: 'widget', type: 'tickets' }, customer))).toEqual([oldest]);
  });
});
