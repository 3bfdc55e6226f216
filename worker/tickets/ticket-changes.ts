import type { CustomFields, TicketPriority, TicketStatus, TicketType } from '../db/tenant/tickets';
import { changeStatus, type StatusState } from './ticket-status';

// What an edit does to a ticket, decided without a database: the next state, and
// the before/after of exactly the fields that change (what the audit log keeps).

/** The fields of a ticket that edits may change, as stored. */
export interface EditableTicket extends StatusState {
  subject: string;
  priority: TicketPriority;
  type: TicketType;
  assigneeId: number | null;
  group: string | null;
  /** Sorted, without repeats. */
  tags: string[];
  customFields: CustomFields;
}

/** The fields an edit asks for; absent fields stay as they are. */
export type TicketEdit = Partial<Omit<EditableTicket, 'solvedAt' | 'closedAt'>>;

export type EditPlan =
  | { ok: false; allowed: readonly TicketStatus[] }
  | { ok: true; next: EditableTicket; before: Record<string, unknown>; after: Record<string, unknown> };

/** Each editable field under the name the API (and so the audit log) uses for it. */
const API_NAMES = {
  subject: 'subject',
  priority: 'priority',
  type: 'type',
  assigneeId: 'assignee_id',
  group: 'group',
  tags: 'tags',
  customFields: 'custom_fields',
  status: 'status',
  solvedAt: 'solved_at',
  closedAt: 'closed_at',
} as const satisfies Record<keyof EditableTicket, string>;

export const tagSet = (names: readonly string[]): string[] => [...new Set(names)].sort();

/** JSON with object keys in order, so `{a, b}` and `{b, a}` compare equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const auditValue = (field: keyof EditableTicket, value: unknown): unknown =>
  (field === 'solvedAt' || field === 'closedAt') && typeof value === 'number' ? new Date(value).toISOString() : value;

/**
 * Applies `edit` to `current` at `now`. A status change goes through the
 * transition table; an illegal one refuses the whole edit with the allowed
 * targets. Fields set to the value they already have are not changes.
 */
export function planEdit(current: EditableTicket, edit: TicketEdit, now: number): EditPlan {
  let status: StatusState = { status: current.status, solvedAt: current.solvedAt, closedAt: current.closedAt };
  if (edit.status !== undefined) {
    const change = changeStatus(status, edit.status, now);
    if (!change.ok) return change;
    status = change.next;
  }
  const requested = Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)) as TicketEdit;
  const next: EditableTicket = { ...current, ...requested, ...status };
  next.tags = tagSet(next.tags);

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of Object.keys(API_NAMES) as (keyof EditableTicket)[]) {
    if (canonicalJson(current[field]) === canonicalJson(next[field])) continue;
    before[API_NAMES[field]] = auditValue(field, current[field]);
    after[API_NAMES[field]] = auditValue(field, next[field]);
  }
  return { ok: true, next, before, after };
}

/** Whether a plan changes anything at all. */
export const changesSomething = (plan: { after: Record<string, unknown> }): boolean => Object.keys(plan.after).length > 0;
