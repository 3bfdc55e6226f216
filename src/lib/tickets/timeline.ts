import type { AuditEntry, Comment, TicketStatus } from '../api/types';

// A ticket's timeline: public replies, internal notes, chat messages and
// system events (status moves, from the audit log when the reader may see it),
// oldest first.

export type TimelineEntry =
  | { kind: 'reply' | 'note' | 'chat'; at: string; key: string; comment: Comment }
  | { kind: 'status'; at: string; key: string; from: TicketStatus | null; to: TicketStatus; actorId: number | null };

const STATUSES = new Set<string>(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']);
const statusIn = (value: unknown): TicketStatus | null => {
  const status = value && typeof value === 'object' ? (value as { status?: unknown }).status : undefined;
  return typeof status === 'string' && STATUSES.has(status) ? (status as TicketStatus) : null;
};

export function commentKind(comment: Comment): 'reply' | 'note' | 'chat' {
  if (comment.channel === 'chat') return 'chat';
  return comment.public ? 'reply' : 'note';
}

/** The status moves an audit page records (entries of other kinds are left out). */
export function statusEvents(entries: readonly AuditEntry[]): TimelineEntry[] {
  return entries.flatMap((entry): TimelineEntry[] => {
    const to = statusIn(entry.after);
    const from = statusIn(entry.before);
    if (entry.action !== 'ticket.update' || !to || to === from) return [];
    return [{ kind: 'status', at: entry.created_at, key: `audit-${entry.id}`, from, to, actorId: entry.actor_id }];
  });
}

export function buildTimeline(comments: readonly Comment[], events: readonly TimelineEntry[] = []): TimelineEntry[] {
  const fromComments = comments.map((comment): TimelineEntry => ({ kind: commentKind(comment), at: comment.created_at, key: `comment-${comment.id}`, comment }));
  return [...fromComments, ...events].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}
