import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { BusinessHoursCalendar } from '../../sla/sla-calendar';
import type { Pause } from '../../sla/sla-clock';
import { tickets, type TicketPriority, type TicketType } from './tickets';

const now = sql`(unixepoch('subsec') * 1000)`;

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
/** active: the clock runs; paused: pending/on hold stops it; met: done in time (or done at all, see breached_at). */
export const SLA_STATES = ['active', 'paused', 'met', 'breached'] as const;

export type SlaMetric = (typeof SLA_METRICS)[number];
export type SlaState = (typeof SLA_STATES)[number];

/** Which tickets a policy applies to: every listed field must match (one of its values); an empty object matches all. */
export interface SlaConditions {
  priorities?: TicketPriority[];
  types?: TicketType[];
  groups?: string[];
  tags?: string[];
  requester_ids?: number[];
}

/** What a breach does to its ticket, and who hears of warnings and breaches. */
export interface SlaEscalation {
  raise_priority?: TicketPriority;
  assign_group?: string;
  assign_user_id?: number;
  notify_user_ids: number[];
}

export type SlaTargets = Partial<Record<SlaMetric, number>>;

/** A business-hours calendar; a policy without one counts round the clock. */
export const slaCalendars = sqliteTable('sla_calendars', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** Stored as the admin API takes it (kind "business"): zone, week, holidays. */
  definition: text('definition', { mode: 'json' }).$type<BusinessHoursCalendar>().notNull(),
  createdAt: integer('created_at').notNull().default(now),
  updatedAt: integer('updated_at').notNull().default(now),
});

/** Ordered SLA policies: the first (lowest position) whose conditions match a ticket applies to it. */
export const slaPolicies = sqliteTable(
  'sla_policies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull().unique(),
    position: integer('position').notNull(),
    conditions: text('conditions', { mode: 'json' }).$type<SlaConditions>().notNull(),
    /** Target minutes per metric; a metric left out is not tracked. */
    targets: text('targets', { mode: 'json' }).$type<SlaTargets>().notNull(),
    /** Null: 24/7. */
    calendarId: integer('calendar_id').references(() => slaCalendars.id),
    /** Per cent of a target after which the sweep warns (1–99). */
    warningPercent: integer('warning_percent').notNull().default(80),
    escalation: text('escalation', { mode: 'json' }).$type<SlaEscalation>().notNull(),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('sla_policies_position_idx').on(t.position, t.id)],
);

/**
 * One SLA target of one ticket (ticket × metric), written in the same batch as
 * the ticket event that starts, pauses, resumes or meets it. `started_at` and
 * `pauses` are the clock's inputs; `due_at`/`warn_at` are derived from them
 * (null while paused) so the sweep and the list need no arithmetic in SQL.
 */
export const ticketSlas = sqliteTable(
  'ticket_slas',
  {
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    metric: text('metric', { enum: SLA_METRICS }).notNull(),
    policyId: integer('policy_id')
      .notNull()
      .references(() => slaPolicies.id),
    targetMinutes: integer('target_minutes').notNull(),
    startedAt: integer('started_at').notNull(),
    pauses: text('pauses', { mode: 'json' }).$type<Pause[]>().notNull().default([]),
    state: text('state', { enum: SLA_STATES }).notNull(),
    dueAt: integer('due_at'),
    warnAt: integer('warn_at'),
    warnedAt: integer('warned_at'),
    breachedAt: integer('breached_at'),
    metAt: integer('met_at'),
    /** The sweep run that claimed the last warning or breach: its other statements run only for its own claim. */
    claim: text('claim'),
    /**
     * When the sweep must next look at this target: the warning instant until it
     * warned, then the due instant, while the clock runs; null otherwise. The
     * sweep reads `next_check_at <= now` from its index, so its cost follows the
     * targets that are due, not all targets.
     */
    nextCheckAt: integer('next_check_at').generatedAlwaysAs(
      sql`(case when state = 'active' then (case when warned_at is null then warn_at else due_at end) end)`,
      { mode: 'virtual' },
    ),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.metric] }), index('ticket_slas_next_check_idx').on(t.nextCheckAt), index('ticket_slas_policy_idx').on(t.policyId)],
);

export type SlaCalendarRow = typeof slaCalendars.$inferSelect;
export type SlaPolicyRow = typeof slaPolicies.$inferSelect;
export type TicketSlaRow = typeof ticketSlas.$inferSelect;
