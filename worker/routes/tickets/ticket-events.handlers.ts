import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { iso } from '../../http/fields';
import { authorize, requireUser } from '../../http/guards';
import { listTicketAuditRows, userNames } from '../../tickets/ticket-event-store';
import { peopleIn, ticketEventOf, type ChangeValue, type TicketEvent } from '../../tickets/ticket-events';
import { findTicket } from '../../tickets/ticket-store';
import type { listTicketEventsRoute } from './ticket-events.routes';
import { ticketNotFound } from './ticket-problems';
import { ticketViewer } from './ticket-viewer';

export const list: RouteHandler<typeof listTicketEventsRoute, AppEnv> = async (c) => {
  const principal = requireUser(c);
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const db = c.get('db');
  // A ticket the caller cannot see answers 404 before the role is checked, so a 403 never reveals it exists.
  if (!(await findTicket(db, id, ticketViewer(principal)))) throw ticketNotFound();
  authorize(c, 'ticket:read_events');

  const rows = await listTicketAuditRows(db, id, cursor?.id, limit);
  const page = rows.slice(0, limit);
  const events = page.flatMap((row) => ticketEventOf(row) ?? []);
  const names = await userNames(db, peopleIn(events));
  const name = (userId: number) => names.get(userId) ?? `#${userId}`;
  const shown = (field: string, value: ChangeValue): string | null => (value === null ? null : field === 'assignee' && typeof value === 'number' ? name(value) : String(value));
  const json = (event: TicketEvent) => ({
    id: event.id,
    kind: event.kind,
    actor: event.actorId === null ? null : { id: event.actorId, name: name(event.actorId) },
    changes: event.changes.map((change) => ({ field: change.field, from: shown(change.field, change.from), to: shown(change.field, change.to) })),
    sla_metric: event.slaMetric,
    created_at: iso(event.at),
  });
  const last = page.at(-1);
  return c.json({ items: events.map(json), next_cursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null }, 200);
};
