import type { MessageKey, Params } from '$lib/i18n/translate';
import type { Comment, TicketEvent } from '../api/types';

// A ticket's timeline: public replies, internal notes, chat messages and, for
// agents, system events (status, priority, type, group and assignee changes,
// SLA warnings and breaches, from GET /tickets/{id}/events), oldest first.

export type TimelineEntry =
  | { kind: 'reply' | 'note' | 'chat'; at: string; key: string; comment: Comment }
  | { kind: 'event'; at: string; key: string; event: TicketEvent };

type Change = TicketEvent['changes'][number];

export function commentKind(comment: Comment): 'reply' | 'note' | 'chat' {
  if (comment.channel === 'chat') return 'chat';
  return comment.public ? 'reply' : 'note';
}

export function buildTimeline(comments: readonly Comment[], events: readonly TicketEvent[] = []): TimelineEntry[] {
  const fromComments = comments.map((comment): TimelineEntry => ({ kind: commentKind(comment), at: comment.created_at, key: `comment-${comment.id}`, comment }));
  const fromEvents = events.map((event): TimelineEntry => ({ kind: 'event', at: event.created_at, key: `event-${event.id}`, event }));
  return [...fromComments, ...fromEvents].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

/** The translator's part a timeline row needs. */
type T = (key: MessageKey, params?: Params) => string;

/** A field's value in words: statuses, priorities and types translated; names and groups as they are. */
function valueText(change: Change, value: string | null, t: T): string {
  if (value === null) return t(change.field === 'assignee' ? 'timeline.nobody' : 'timeline.none');
  if (change.field === 'status' || change.field === 'priority' || change.field === 'type') return t(`${change.field}.${value}` as MessageKey);
  return value;
}

/** "Status: New → Open". */
export function changeText(change: Change, t: T): string {
  return t('timeline.change', { field: t(`timeline.field.${change.field}`), from: valueText(change, change.from, t), to: valueText(change, change.to, t) });
}

/** What a system row says, in one line: what happened, then what moved. */
export function eventText(event: TicketEvent, t: T): string {
  const changes = event.changes.map((change) => changeText(change, t)).join('; ');
  if (event.kind === 'change') return changes;
  const metric = t(event.sla_metric ? `timeline.sla.${event.sla_metric}` : 'timeline.sla.target');
  if (event.kind === 'sla_warning') return t('timeline.slaWarning', { metric });
  return changes ? `${t('timeline.slaBreach', { metric })} ${t('timeline.escalated', { changes })}` : t('timeline.slaBreach', { metric });
}
