import type { SlaMetric, SlaState, SlaTargets } from '../db/tenant/sla';
import type { TicketStatus } from '../db/tenant/tickets';
import type { SlaCalendar } from './sla-calendar';
import { dueAtWithPauses, elapsedWithPauses, type Pause } from './sla-clock';

// What a ticket event does to the ticket's SLA targets: plain data in, plain
// data out. The store turns the result into statements of the event's batch.
//
// - first_response runs from creation until the first public staff reply;
// - next_response runs from a customer reply (the first one since staff last
//   answered) until the next public staff reply;
// - resolution runs from creation until the ticket is solved; reopening resumes
//   it, with the solved stretch as a pause;
// - pending and on_hold pause resolution and next_response (not first_response:
//   a ticket nobody has answered is not waiting on the customer);
// - solving or closing ends every running target;
// - a target met after its due instant is `breached` (with `met_at`), and a
//   breach is never undone within one cycle.

/** One target as the ticket_slas row holds it. */
export interface TrackedTarget {
  metric: SlaMetric;
  policyId: number;
  targetMinutes: number;
  startedAt: number;
  pauses: Pause[];
  state: SlaState;
  dueAt: number | null;
  warnAt: number | null;
  warnedAt: number | null;
  breachedAt: number | null;
  metAt: number | null;
}

/** The policy that applies to the ticket, with its calendar resolved. */
export interface AppliedPolicy {
  id: number;
  targets: SlaTargets;
  calendar: SlaCalendar;
  warningPercent: number;
}

export type SlaEvent = 'created' | 'staff_public_reply' | 'customer_reply' | 'changed';

export interface SlaTicketState {
  status: TicketStatus;
  createdAt: number;
  /** Whether staff have ever replied publicly (only read when a policy change adds first_response). */
  staffReplied: boolean;
}

const PAUSING: readonly TicketStatus[] = ['pending', 'on_hold'];
const ENDED: readonly TicketStatus[] = ['solved', 'closed'];
const PAUSABLE: readonly SlaMetric[] = ['next_response', 'resolution'];

const isOpen = (t: TrackedTarget) => t.metAt === null && (t.state === 'active' || t.state === 'paused' || t.state === 'breached');

function fresh(policy: AppliedPolicy, metric: SlaMetric, startedAt: number): TrackedTarget {
  return {
    metric,
    policyId: policy.id,
    targetMinutes: policy.targets[metric] ?? 0,
    startedAt,
    pauses: [],
    state: 'active',
    dueAt: null,
    warnAt: null,
    warnedAt: null,
    breachedAt: null,
    metAt: null,
  };
}

function meet(t: TrackedTarget, now: number): TrackedTarget {
  if (!isOpen(t)) return t;
  const late = t.state === 'breached' || (t.dueAt !== null && t.dueAt < now);
  return { ...closePause(t, now), state: late ? 'breached' : 'met', breachedAt: late ? (t.breachedAt ?? t.dueAt) : null, metAt: now };
}

function closePause(t: TrackedTarget, now: number): TrackedTarget {
  return { ...t, pauses: t.pauses.map((p) => (p.to === null ? { from: p.from, to: Math.max(p.from, now) } : p)) };
}

/** Pauses or resumes the clock to suit the status. */
function followStatus(t: TrackedTarget, status: TicketStatus, now: number): TrackedTarget {
  if (!PAUSABLE.includes(t.metric) || t.metAt !== null) return t;
  const paused = t.pauses.some((p) => p.to === null);
  if (PAUSING.includes(status) && !paused) {
    return { ...t, pauses: [...t.pauses, { from: now, to: null }], state: t.state === 'breached' ? 'breached' : 'paused' };
  }
  if (!PAUSING.includes(status) && paused) return { ...closePause(t, now), state: t.state === 'breached' ? 'breached' : 'active' };
  return t;
}

/** Due and warning instants from the clock; none while the clock stands still. */
function timed(t: TrackedTarget, policy: AppliedPolicy): TrackedTarget {
  if (t.metAt !== null) return t;
  if (t.state === 'paused') return { ...t, dueAt: null, warnAt: null };
  const dueAt = dueAtWithPauses(policy.calendar, t.startedAt, t.targetMinutes, t.pauses);
  const warnAt = dueAtWithPauses(policy.calendar, t.startedAt, (t.targetMinutes * policy.warningPercent) / 100, t.pauses);
  return { ...t, dueAt, warnAt };
}

/**
 * The ticket's targets after `event` at `now`: the full set (a metric missing
 * from the result has no target any more). `policy` is the one that matches
 * the ticket as it is after the event, or null.
 */
export function nextTargets(
  policy: AppliedPolicy | null,
  current: readonly TrackedTarget[],
  ticket: SlaTicketState,
  event: SlaEvent,
  now: number,
): TrackedTarget[] {
  if (!policy) return [];
  const result: TrackedTarget[] = [];
  for (const metric of Object.keys(policy.targets) as SlaMetric[]) {
    let t: TrackedTarget | undefined = current.find((c) => c.metric === metric);
    if (t && (t.policyId !== policy.id || t.targetMinutes !== policy.targets[metric])) {
      t = { ...t, policyId: policy.id, targetMinutes: policy.targets[metric] ?? 0 };
    }
    if (!t) {
      if (metric === 'next_response') {
        if (event === 'customer_reply') t = fresh(policy, metric, now);
      } else {
        t = fresh(policy, metric, ticket.createdAt);
        if (metric === 'first_response' && event !== 'created' && ticket.staffReplied) t = meet(t, now);
      }
    } else if (metric === 'next_response' && event === 'customer_reply' && t.metAt !== null) {
      // A new question after an answer starts a new cycle; more messages before the answer do not.
      t = fresh(policy, metric, now);
    }
    if (!t) continue;
    if (event === 'staff_public_reply' && metric !== 'resolution') t = meet(t, now);
    if (metric === 'resolution' && t.metAt !== null && !ENDED.includes(ticket.status)) {
      // Reopened: the clock resumes, and the solved stretch did not count.
      t = { ...t, pauses: [...t.pauses, { from: t.metAt, to: now }], metAt: null, state: t.breachedAt !== null ? 'breached' : 'active' };
    }
    if (ENDED.includes(ticket.status)) t = meet(t, now);
    else t = followStatus(t, ticket.status, now);
    result.push(timed(t, policy));
  }
  return result;
}

/** Business minutes left on a running or paused target (negative once overdue); null once met. */
export function remainingMinutes(t: TrackedTarget, calendar: SlaCalendar, now: number): number | null {
  if (t.metAt !== null) return null;
  return t.targetMinutes - elapsedWithPauses(calendar, t.startedAt, now, t.pauses);
}
