import type { SlaMetric } from '../db/tenant/sla';

// A ticket's system events as agents see them in its timeline: status,
// priority, type, group and assignee changes, SLA warnings and breaches (a
// breach that escalated the ticket carries its changes). They are read from
// the audit log, which already records each of them in the same batch as the
// change, so there is no second copy to keep in step.

/** The audit actions that can be a ticket event; the store reads only these. */
export const TICKET_EVENT_ACTIONS = ['ticket.update', 'sla.warning', 'sla.breach'] as const;

export const TICKET_EVENT_KINDS = ['change', 'sla_warning', 'sla_breach'] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/** The fields a timeline shows changes of, by their API names (`assignee` is `assignee_id` in the audit log). */
export const TICKET_EVENT_FIELDS = ['status', 'priority', 'type', 'group', 'assignee'] as const;
export type TicketEventField = (typeof TICKET_EVENT_FIELDS)[number];

const AUDIT_NAME: Record<TicketEventField, string> = { status: 'status', priority: 'priority', type: 'type', group: 'group', assignee: 'assignee_id' };

export type ChangeValue = string | number | null;

export interface TicketEventChange {
  field: TicketEventField;
  from: ChangeValue;
  to: ChangeValue;
}

export interface TicketEvent {
  id: number;
  kind: TicketEventKind;
  /** Null: the system (the SLA sweep). */
  actorId: number | null;
  changes: TicketEventChange[];
  /** The SLA target a warning or breach is about. */
  slaMetric: SlaMetric | null;
  at: number;
}

/** The audit row's fields the mapping reads. */
export interface TicketAuditRow {
  id: number;
  action: string;
  actorId: number | null;
  before: unknown;
  after: unknown;
  createdAt: number;
}

const KIND: Record<(typeof TICKET_EVENT_ACTIONS)[number], TicketEventKind> = { 'ticket.update': 'change', 'sla.warning': 'sla_warning', 'sla.breach': 'sla_breach' };
const METRICS = new Set<string>(['first_response', 'next_response', 'resolution']);

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const scalar = (value: unknown): ChangeValue => (typeof value === 'string' || typeof value === 'number' ? value : null);

/**
 * The changes an audit row records of the tracked fields. A field counts when
 * its new value is recorded and differs from the old one (an SLA breach records
 * the ticket's old priority, group and assignee even when only one moved).
 */
function changesOf(before: Record<string, unknown>, after: Record<string, unknown>): TicketEventChange[] {
  return TICKET_EVENT_FIELDS.flatMap((field): TicketEventChange[] => {
    const name = AUDIT_NAME[field];
    if (!(name in after)) return [];
    const from = scalar(before[name]);
    const to = scalar(after[name]);
    return from === to ? [] : [{ field, from, to }];
  });
}

/** The event an audit row of a ticket is, or null when it changes nothing a timeline shows (a subject or tag edit). */
export function ticketEventOf(row: TicketAuditRow): TicketEvent | null {
  const kind = (KIND as Record<string, TicketEventKind | undefined>)[row.action];
  if (!kind) return null;
  const after = record(row.after);
  const changes = changesOf(record(row.before), after);
  if (kind === 'change' && changes.length === 0) return null;
  const metric = typeof after.metric === 'string' && METRICS.has(after.metric) ? (after.metric as SlaMetric) : null;
  return { id: row.id, kind, actorId: row.actorId, changes, slaMetric: kind === 'change' ? null : metric, at: row.createdAt };
}

/** The user ids the events name (actors and assignees), to look their names up once. */
export function peopleIn(events: readonly TicketEvent[]): number[] {
  const ids = new Set<number>();
  for (const event of events) {
    if (event.actorId !== null) ids.add(event.actorId);
    for (const change of event.changes) {
      if (change.field !== 'assignee') continue;
      if (typeof change.from === 'number') ids.add(change.from);
      if (typeof change.to === 'number') ids.add(change.to);
    }
  }
  return [...ids];
}
