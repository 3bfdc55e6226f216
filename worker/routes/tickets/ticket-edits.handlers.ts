import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import type { AppEnv } from '../../http/app-env';
import { authorize, requireUser } from '../../http/guards';
import { invalid, ProblemError } from '../../http/problem';
import { inboxActor, publishInboxEvents, ticketEditedEvent } from '../../realtime/inbox-events';
import { changesSomething, planEdit, tagSet, type TicketEdit } from '../../tickets/ticket-changes';
import { ticketJson } from '../../tickets/ticket-json';
import { referenceErrors, whyNotAssignee, whyNotTags } from '../../tickets/ticket-references';
import {
  findTicket,
  findTicketsByIds,
  isStaleTicketWrite,
  writeTicketEdits,
  type TicketEditWrite,
  type TicketRecord,
} from '../../tickets/ticket-store';
import { illegalTransition, ticketChanged, ticketNotFound } from './ticket-problems';
import { ticketViewer } from './ticket-viewer';
import type { bulkUpdateRoute, updateTicketRoute } from './tickets.routes';

/** Writes planned edits; a ticket changed since it was read is a 409, and nothing is written. */
async function writeOrConflict(...args: Parameters<typeof writeTicketEdits>): Promise<TicketRecord[]> {
  try {
    return await writeTicketEdits(...args);
  } catch (error) {
    if (isStaleTicketWrite(error)) throw ticketChanged();
    throw error;
  }
}

export const update: RouteHandler<typeof updateTicketRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const db = c.get('db');

  // Visibility before permission: a ticket the caller cannot see (another
  // customer's, another tenant's id) answers 404 whatever the role.
  const current = await findTicket(db, id, ticketViewer(requireUser(c)));
  if (!current) throw ticketNotFound();
  authorize(c, 'ticket:update');
  const errors = await referenceErrors({
    assignee_id: typeof body.assignee_id === 'number' ? whyNotAssignee(db, body.assignee_id) : undefined,
    tags: body.tags ? whyNotTags(db, body.tags) : undefined,
  });
  if (errors.length > 0) throw invalid(errors);

  const edit: TicketEdit = {
    subject: body.subject,
    priority: body.priority,
    type: body.type,
    assigneeId: body.assignee_id,
    group: body.group,
    tags: body.tags,
    customFields: body.custom_fields,
    status: body.status,
  };
  const now = Date.now();
  const plan = planEdit(current, edit, now);
  if (!plan.ok) throw illegalTransition(current.status, body.status ?? current.status, plan.allowed);
  if (!changesSomething(plan)) return c.json(ticketJson(current), 200);

  const [updated] = await writeOrConflict(db, auditActor(c), [{ current, ...plan }], now);
  if (!updated) throw ticketNotFound();
  publishInboxEvents(c, [ticketEditedEvent(updated, plan.after, inboxActor(requireUser(c)))]);
  return c.json(ticketJson(updated), 200);
};

export const bulkUpdate: RouteHandler<typeof bulkUpdateRoute, AppEnv> = async (c) => {
  const { ids, changes } = c.req.valid('json');
  const db = c.get('db');

  const found = new Map((await findTicketsByIds(db, ids, ticketViewer(requireUser(c)))).map((t) => [t.id, t]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new ProblemError(404, 'tickets-not-found', `${missing.length} of the tickets do not exist; nothing was changed.`, {
      errors: [{ field: 'ids', detail: `names tickets that do not exist: ${missing.join(', ')}` }],
      missing,
    });
  }
  authorize(c, 'ticket:bulk_update');
  const errors = await referenceErrors({
    'changes.assignee_id': typeof changes.assignee_id === 'number' ? whyNotAssignee(db, changes.assignee_id) : undefined,
    'changes.add_tags': changes.add_tags ? whyNotTags(db, changes.add_tags) : undefined,
    'changes.remove_tags': changes.remove_tags ? whyNotTags(db, changes.remove_tags) : undefined,
  });
  if (errors.length > 0) throw invalid(errors);

  const now = Date.now();
  const retagged = changes.add_tags !== undefined || changes.remove_tags !== undefined;
  const plans = ids.map((id) => {
    const current = found.get(id) as TicketRecord;
    const tags = tagSet([...current.tags, ...(changes.add_tags ?? [])]).filter((t) => !changes.remove_tags?.includes(t));
    const edit: TicketEdit = {
      status: changes.status,
      priority: changes.priority,
      assigneeId: changes.assignee_id,
      group: changes.group,
      tags: retagged ? tags : undefined,
    };
    return { current, plan: planEdit(current, edit, now) };
  });

  const conflicts = plans.flatMap(({ current, plan }) =>
    plan.ok ? [] : [{ id: current.id, status: current.status, allowed: [...plan.allowed] }],
  );
  if (conflicts.length > 0) {
    throw new ProblemError(
      409,
      'illegal-transition',
      `${conflicts.length} of the tickets cannot become ${changes.status}; nothing was changed.`,
      { errors: [{ field: 'changes.status', detail: `not allowed for tickets ${conflicts.map((x) => x.id).join(', ')}` }], conflicts },
    );
  }

  const writes: TicketEditWrite[] = plans.flatMap(({ current, plan }) => (plan.ok && changesSomething(plan) ? [{ current, ...plan }] : []));
  const written = new Map((writes.length > 0 ? await writeOrConflict(db, auditActor(c), writes, now) : []).map((t) => [t.id, t]));
  const by = inboxActor(requireUser(c));
  publishInboxEvents(
    c,
    writes.flatMap((w) => {
      const ticket = written.get(w.current.id);
      return ticket ? [ticketEditedEvent(ticket, w.after, by)] : [];
    }),
  );
  return c.json({ items: ids.map((id) => ticketJson(written.get(id) ?? (found.get(id) as TicketRecord))) }, 200);
};
