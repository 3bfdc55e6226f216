import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import { can, isStaff, type Action } from '../../auth/permissions';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { authorize } from '../../http/guards';
import { invalid, ProblemError } from '../../http/problem';
import { inboxActor, publishInboxEvents, ticketCreatedEvent } from '../../realtime/inbox-events';
import { slaTargetsJson, ticketSlaQuery } from '../../sla/sla-ticket-view';
import { commentPageQuery, toCommentRecords } from '../../tickets/comment-store';
import { commentJson, ticketJson } from '../../tickets/ticket-json';
import { listTickets } from '../../tickets/ticket-list-query';
import { referenceErrors, whyNotAssignee, whyNotRequester, whyNotTags } from '../../tickets/ticket-references';
import { createTicket, ticketQuery, toTicketRecord } from '../../tickets/ticket-store';
import { tagSet } from '../../tickets/ticket-changes';
import { ticketNotFound } from './ticket-problems';
import { channelOf, seesInternalNotes, ticketViewer } from './ticket-viewer';
import type { createTicketRoute, getTicketRoute, listTicketsRoute } from './tickets.routes';

/** Comments shown with a ticket; the rest are a page away. */
const COMMENTS_WITH_TICKET = 100;

/** Fields of a new ticket that only some roles may set, and the action each needs. */
const GUARDED_CREATE_FIELDS = {
  requester_id: 'ticket:create_for_other',
  assignee_id: 'ticket:update',
  group: 'ticket:update',
  tags: 'ticket:update',
  custom_fields: 'ticket:update',
} as const satisfies Record<string, Action>;

export const create: RouteHandler<typeof createTicketRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'ticket:create');
  const body = c.req.valid('json');
  const db = c.get('db');

  const refused = Object.entries(GUARDED_CREATE_FIELDS).filter(
    ([field, action]) => body[field as keyof typeof GUARDED_CREATE_FIELDS] !== undefined && !can(principal.role, action),
  );
  if (refused.length > 0) {
    throw new ProblemError(403, 'forbidden', `The ${principal.role} role may not set ${refused.map(([f]) => f).join(', ')}.`, {
      errors: refused.map(([field]) => ({ field, detail: 'may only be set by staff' })),
    });
  }
  const errors = await referenceErrors({
    requester_id: body.requester_id !== undefined ? whyNotRequester(db, body.requester_id) : undefined,
    assignee_id: typeof body.assignee_id === 'number' ? whyNotAssignee(db, body.assignee_id) : undefined,
    tags: body.tags ? whyNotTags(db, body.tags) : undefined,
  });
  if (errors.length > 0) throw invalid(errors);

  const ticket = await createTicket(db, auditActor(c), {
    subject: body.subject,
    description: body.description,
    priority: body.priority ?? 'normal',
    type: body.type ?? 'question',
    channel: channelOf(principal),
    requesterId: body.requester_id ?? principal.userId,
    assigneeId: body.assignee_id ?? null,
    group: body.group ?? null,
    tags: tagSet(body.tags ?? []),
    customFields: body.custom_fields ?? {},
  });
  publishInboxEvents(c, [ticketCreatedEvent(ticket, inboxActor(principal))]);
  return c.json(ticketJson(ticket), 201);
};

export const get: RouteHandler<typeof getTicketRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'ticket:read_own');
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const [[row], commentRows, slaRows] = await db.batch([
    ticketQuery(db, id, ticketViewer(principal)),
    commentPageQuery(db, { ticketId: id, includeInternal: seesInternalNotes(principal), limit: COMMENTS_WITH_TICKET }),
    ticketSlaQuery(db, id),
  ]);
  // The comments were read alongside; they are only shown once the ticket proved visible.
  if (!row) throw ticketNotFound();
  const comments = toCommentRecords(commentRows);
  const shown = comments.slice(0, COMMENTS_WITH_TICKET);
  const last = shown.at(-1);
  return c.json(
    {
      ...ticketJson(toTicketRecord(row)),
      comments: shown.map(commentJson),
      comments_next_cursor: comments.length > COMMENTS_WITH_TICKET && last ? encodeCursor({ id: last.id }) : null,
      // SLA targets are the team's internal clock: staff see them, customers do not.
      sla: isStaff(principal.role) ? slaTargetsJson(slaRows, Date.now()) : [],
    },
    200,
  );
};

export const list: RouteHandler<typeof listTicketsRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'ticket:read_own');
  const query = c.req.valid('query');
  const page = await listTickets(c.get('db'), {
    viewer: ticketViewer(principal),
    filters: {
      statuses: query.status,
      priorities: query.priority,
      assignee: query.assignee === 'me' ? principal.userId : query.assignee,
      requesterId: query.requester,
      tag: query.tag,
      createdAfter: query.created_after,
      createdBefore: query.created_before,
      updatedAfter: query.updated_after,
      updatedBefore: query.updated_before,
      subjectContains: query.q,
      sla: query.sla ? { state: query.sla, now: Date.now() } : undefined,
    },
    sort: query.sort,
    order: query.order,
    limit: query.limit,
    after: query.cursor,
  });
  return c.json({ items: page.items.map(ticketJson), next_cursor: page.next ? encodeCursor(page.next) : null }, 200);
};
