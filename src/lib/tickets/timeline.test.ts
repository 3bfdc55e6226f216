import { describe, expect, it } from 'vitest';
import type { AuditEntry, Comment } from '../api/types';
import { buildTimeline, statusEvents } from './timeline';

const comment = (id: number, at: string, overrides: Partial<Comment> = {}): Comment => ({
  id,
  ticket_id: 1,
  author: { id: 2, name: 'Alex' },
  public: true,
  channel: 'web',
  body_text: `comment ${id}`,
  body_html: `<p>comment ${id}</p>`,
  co_authors: [],
  created_at: at,
  ...overrides,
});

const audit = (id: number, at: string, before: unknown, after: unknown, action = 'ticket.update'): AuditEntry => ({
  id,
  action,
  actor_id: 2,
  actor_type: 'user',
  before,
  after,
  created_at: at,
  ip: null,
  request_id: 'r',
  target_id: '1',
  target_type: 'ticket',
});

describe('a ticket timeline', () => {
  it('tells replies, internal notes and chat messages apart, oldest first', () => {
    const timeline = buildTimeline([
      comment(3, '2026-01-01T10:03:00Z', { channel: 'chat' }),
      comment(1, '2026-01-01T10:01:00Z'),
      comment(2, '2026-01-01T10:02:00Z', { public: false }),
    ]);
    expect(timeline.map((e) => e.kind)).toEqual(['reply', 'note', 'chat']);
  });

  it('weaves status moves from the audit log in by time, and skips other changes', () => {
    const events = statusEvents([
      audit(10, '2026-01-01T10:01:30Z', { status: 'new' }, { status: 'open' }),
      audit(11, '2026-01-01T10:02:30Z', { priority: 'low' }, { priority: 'high' }),
      audit(12, '2026-01-01T10:02:40Z', null, { status: 'solved' }, 'ticket.create'),
    ]);
    const timeline = buildTimeline([comment(1, '2026-01-01T10:01:00Z'), comment(2, '2026-01-01T10:02:00Z')], events);
    expect(timeline.map((e) => (e.kind === 'status' ? `${e.from}->${e.to}` : e.kind))).toEqual(['reply', 'new->open', 'reply']);
  });
});
