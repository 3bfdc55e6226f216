import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate';
import type { Comment, TicketEvent } from '../api/types';
import { buildTimeline, eventText } from './timeline';

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

const event = (id: number, at: string, overrides: Partial<TicketEvent> = {}): TicketEvent => ({
  id,
  kind: 'change',
  actor: { id: 2, name: 'Alex' },
  changes: [{ field: 'status', from: 'new', to: 'open' }],
  sla_metric: null,
  created_at: at,
  ...overrides,
});

const en = createTranslator('en');
const ru = createTranslator('ru');

describe('a ticket timeline', () => {
  it('tells replies, internal notes and chat messages apart, oldest first', () => {
    const timeline = buildTimeline([
      comment(3, '2026-01-01T10:03:00Z', { channel: 'chat' }),
      comment(1, '2026-01-01T10:01:00Z'),
      comment(2, '2026-01-01T10:02:00Z', { public: false }),
    ]);
    expect(timeline.map((e) => e.kind)).toEqual(['reply', 'note', 'chat']);
  });

  it('weaves system events in by time', () => {
    const timeline = buildTimeline([comment(1, '2026-01-01T10:01:00Z'), comment(2, '2026-01-01T10:02:00Z')], [event(10, '2026-01-01T10:01:30Z')]);
    expect(timeline.map((e) => e.key)).toEqual(['comment-1', 'event-10', 'comment-2']);
  });
});

describe('a system row', () => {
  it('says what moved, with statuses and priorities in the reader’s language', () => {
    const moved = event(1, '2026-01-01T10:00:00Z', {
      changes: [
        { field: 'status', from: 'new', to: 'open' },
        { field: 'assignee', from: null, to: 'Sam Agent' },
      ],
    });
    expect(eventText(moved, en.t)).toBe('Status: New → Open; Assignee: nobody → Sam Agent');
    expect(eventText(moved, ru.t)).toBe('Статус: с «Новая» на «Открыта»; Исполнитель: с «никто» на «Sam Agent»');
  });

  it('names the SLA target of a warning, and the escalation of a breach', () => {
    expect(eventText(event(1, '2026-01-01T10:00:00Z', { kind: 'sla_warning', actor: null, changes: [], sla_metric: 'first_response' }), en.t)).toBe(
      'SLA warning: the first response is due soon.',
    );
    const breach = event(2, '2026-01-01T10:00:00Z', { kind: 'sla_breach', actor: null, changes: [{ field: 'priority', from: 'normal', to: 'urgent' }], sla_metric: 'resolution' });
    expect(eventText(breach, en.t)).toBe('SLA breached: the resolution is overdue. Escalated: Priority: Normal → Urgent');
  });
});
