import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS } from './notification-events';
import { renderNotification, ticketLink } from './notification-templates';

const payload = {
  ticket_id: 42,
  subject: 'Printer on fire',
  comment_id: 7,
  author: { id: 3, name: 'Anna' },
  assignee: { id: 4, name: 'Boris' },
  text: 'We are on it.',
  target: 'first_response',
  due_at: '2026-11-28T12:00:00.000Z',
};

describe('notification templates', () => {
  it('has an English and a Russian message for every event, each naming the ticket', () => {
    for (const event of NOTIFICATION_EVENTS) {
      const en = renderNotification({ event, locale: 'en', payload, link: null });
      const ru = renderNotification({ event, locale: 'ru', payload, link: null });
      expect(en.subject, event).toContain('#42');
      expect(ru.subject, event).toContain('#42');
      expect(ru.subject, event).toMatch(/[а-яё]/i);
      expect(en.subject, event).not.toMatch(/[а-яё]/i);
    }
  });

  it('speaks Russian to a Russian reader, with the SLA target and due time spelled out', () => {
    const message = renderNotification({ event: 'sla.breach', locale: 'ru', payload, link: 'http://acme.localhost:8787/tickets/42' });
    expect(message.subject).toBe('Нарушен SLA по заявке #42');
    expect(message.text).toContain('«первый ответ»');
    expect(message.text).toContain('UTC');
    expect(message.text.endsWith('http://acme.localhost:8787/tickets/42')).toBe(true);
  });

  it('quotes the message of a reply or an offline chat message', () => {
    expect(renderNotification({ event: 'ticket.reply', locale: 'en', payload, link: null }).text).toBe('Anna replied on ticket #42:\n\nWe are on it.');
    expect(renderNotification({ event: 'chat.offline_message', locale: 'ru', payload, link: null }).text).toContain('Anna написал(а) в чате заявки #42');
  });

  it('falls back to neutral words when the payload lacks a field', () => {
    const message = renderNotification({ event: 'ticket.created', locale: 'en', payload: { ticket_id: 5 }, link: null });
    expect(message).toEqual({ subject: 'New ticket #5: (no subject)', text: 'Someone opened ticket #5: (no subject)' });
  });

  it('links to the tenant host, or the local dev origin', () => {
    expect(ticketLink('support.example.com', 'acme', 42)).toBe('https://acme.support.example.com/tickets/42');
    expect(ticketLink('localhost', 'acme', 42)).toBe('http://acme.localhost:8787/tickets/42');
    expect(ticketLink('localhost', 'acme', undefined)).toBeNull();
  });
});
