import { describe, expect, it } from 'vitest';
import { changesSomething, planEdit, type EditableTicket } from './ticket-changes';

const ticket: EditableTicket = {
  subject: 'Printer on fire',
  priority: 'normal',
  type: 'incident',
  assigneeId: null,
  group: null,
  tags: ['hardware'],
  customFields: { floor: 3, urgent: false },
  status: 'open',
  solvedAt: null,
  closedAt: null,
};

describe('planning a ticket edit', () => {
  it('records before and after of the changed fields only, under their API names', () => {
    const plan = planEdit(ticket, { priority: 'urgent', assigneeId: 7, subject: ticket.subject }, 1000);
    expect(plan).toMatchObject({
      ok: true,
      before: { priority: 'normal', assignee_id: null },
      after: { priority: 'urgent', assignee_id: 7 },
    });
  });

  it('is no change when every field already has the asked value', () => {
    const plan = planEdit(ticket, { tags: ['hardware', 'hardware'], customFields: { urgent: false, floor: 3 }, status: 'open' }, 1000);
    expect(plan.ok && changesSomething(plan)).toBe(false);
  });

  it('sorts tags and drops repeats', () => {
    const plan = planEdit(ticket, { tags: ['zeta', 'alpha', 'zeta'] }, 1000);
    expect(plan.ok && plan.next.tags).toEqual(['alpha', 'zeta']);
    expect(plan.ok && plan.after).toEqual({ tags: ['alpha', 'zeta'] });
  });

  it('solving stamps solved_at, and the audit shows it as a date', () => {
    const plan = planEdit(ticket, { status: 'solved' }, Date.UTC(2030, 0, 2));
    expect(plan).toMatchObject({
      ok: true,
      next: { status: 'solved', solvedAt: Date.UTC(2030, 0, 2) },
      before: { status: 'open', solved_at: null },
      after: { status: 'solved', solved_at: '2030-01-02T00:00:00.000Z' },
    });
  });

  it('refuses the whole edit when the status move is illegal', () => {
    const closed = { ...ticket, status: 'closed' as const, solvedAt: 1, closedAt: 2 };
    expect(planEdit(closed, { status: 'open', priority: 'high' }, 1000)).toEqual({ ok: false, allowed: [] });
  });

  it('unassigns with an explicit null', () => {
    const plan = planEdit({ ...ticket, assigneeId: 4, group: 'L2' }, { assigneeId: null, group: null }, 1000);
    expect(plan.ok && plan.next).toMatchObject({ assigneeId: null, group: null });
  });
});
