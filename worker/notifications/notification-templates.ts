import type { NotificationEvent } from './notification-events';

// What each event says, in English and Russian. Pure: the consumer hands in the
// stored payload, the recipient's locale and the ticket link.

export type Locale = 'en' | 'ru';

export interface RenderedMessage {
  /** E-mail subject, push title. */
  subject: string;
  /** Plain text: e-mail body, SMS text (with the link), push body. */
  text: string;
}

export interface TemplateInput {
  event: NotificationEvent;
  locale: Locale;
  payload: Record<string, unknown>;
  /** The ticket in the portal, if the event names one. */
  link: string | null;
}

interface Facts {
  ticket: string;
  subject: string;
  author: string;
  assignee: string;
  text: string;
  target: string;
  due: string;
}

const TARGETS: Record<Locale, Record<string, string>> = {
  en: { first_response: 'first response', next_response: 'next response', resolution: 'resolution' },
  ru: { first_response: 'первый ответ', next_response: 'следующий ответ', resolution: 'решение' },
};

const TEMPLATES: Record<Locale, Record<NotificationEvent, (f: Facts) => RenderedMessage>> = {
  en: {
    'ticket.created': (f) => ({ subject: `New ticket ${f.ticket}: ${f.subject}`, text: `${f.author} opened ticket ${f.ticket}: ${f.subject}` }),
    'ticket.reply': (f) => ({ subject: `New reply on ticket ${f.ticket}: ${f.subject}`, text: `${f.author} replied on ticket ${f.ticket}:\n\n${f.text}` }),
    'ticket.assigned': (f) => ({ subject: `Ticket ${f.ticket} assigned to ${f.assignee}`, text: `Ticket ${f.ticket} (${f.subject}) is now assigned to ${f.assignee}.` }),
    'sla.warning': (f) => ({ subject: `SLA warning on ticket ${f.ticket}`, text: `The ${f.target} target of ticket ${f.ticket} (${f.subject}) is due ${f.due}.` }),
    'sla.breach': (f) => ({ subject: `SLA breached on ticket ${f.ticket}`, text: `The ${f.target} target of ticket ${f.ticket} (${f.subject}) was due ${f.due} and has been breached.` }),
    'chat.offline_message': (f) => ({ subject: `New chat message on ticket ${f.ticket}`, text: `${f.author} wrote in the chat of ticket ${f.ticket} while you were away:\n\n${f.text}` }),
  },
  ru: {
    'ticket.created': (f) => ({ subject: `Новая заявка ${f.ticket}: ${f.subject}`, text: `${f.author} создал(а) заявку ${f.ticket}: ${f.subject}` }),
    'ticket.reply': (f) => ({ subject: `Новый ответ в заявке ${f.ticket}: ${f.subject}`, text: `${f.author} ответил(а) в заявке ${f.ticket}:\n\n${f.text}` }),
    'ticket.assigned': (f) => ({ subject: `Заявка ${f.ticket} назначена: ${f.assignee}`, text: `Заявка ${f.ticket} (${f.subject}) теперь назначена: ${f.assignee}.` }),
    'sla.warning': (f) => ({ subject: `Предупреждение SLA по заявке ${f.ticket}`, text: `Срок цели «${f.target}» заявки ${f.ticket} (${f.subject}) истекает ${f.due}.` }),
    'sla.breach': (f) => ({ subject: `Нарушен SLA по заявке ${f.ticket}`, text: `Срок цели «${f.target}» заявки ${f.ticket} (${f.subject}) истёк ${f.due}: SLA нарушен.` }),
    'chat.offline_message': (f) => ({ subject: `Новое сообщение в чате заявки ${f.ticket}`, text: `${f.author} написал(а) в чате заявки ${f.ticket}, пока вас не было:\n\n${f.text}` }),
  },
};

const FALLBACK: Record<Locale, { someone: string; untitled: string }> = {
  en: { someone: 'Someone', untitled: '(no subject)' },
  ru: { someone: 'Кто-то', untitled: '(без темы)' },
};

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);
const nameOf = (value: unknown): string | null =>
  value && typeof value === 'object' && 'name' in value ? str((value as { name: unknown }).name) : null;

function dueText(value: unknown, locale: Locale): string {
  const instant = typeof value === 'number' ? new Date(value) : typeof value === 'string' ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) return '—';
  // UTC, spelled out: a recipient's time zone is not known here, and a bare time would mislead.
  return `${new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(instant)} UTC`;
}

/** The subject and text of a notification for one recipient. */
export function renderNotification(input: TemplateInput): RenderedMessage {
  const { payload, locale } = input;
  const fallback = FALLBACK[locale];
  const facts: Facts = {
    ticket: `#${str(payload.ticket_id) ?? '?'}`,
    subject: str(payload.subject) ?? fallback.untitled,
    author: nameOf(payload.author) ?? nameOf(payload.requester) ?? fallback.someone,
    assignee: nameOf(payload.assignee) ?? fallback.someone,
    text: str(payload.text) ?? '',
    target: TARGETS[locale][str(payload.target) ?? ''] ?? str(payload.target) ?? '—',
    due: dueText(payload.due_at, locale),
  };
  const message = TEMPLATES[locale][input.event](facts);
  return input.link ? { subject: message.subject, text: `${message.text}\n\n${input.link}` } : message;
}

/** The portal address of a ticket: `https://<slug>.<APP_DOMAIN>`, or the local `wrangler dev` origin. */
export function ticketLink(appDomain: string, slug: string, ticketId: unknown): string | null {
  const id = str(ticketId);
  if (!id) return null;
  const origin = appDomain === 'localhost' ? `http://${slug}.localhost:8787` : `https://${slug}.${appDomain}`;
  return `${origin}/tickets/${id}`;
}
