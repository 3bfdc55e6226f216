import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { ticketComments, tags, tickets } from '../db/tenant/tickets';
import { iso, isoOrNull } from '../http/fields';
import { dateTime } from '../http/openapi-schemas';
import type { CommentRecord } from './comment-store';
import type { Tag } from './tag-store';
import type { TicketRecord } from './ticket-store';

// Tickets, comments and tags as the API shows them: snake_case, ISO dates,
// column types taken from the drizzle tables.

const ticketColumns = createSelectSchema(tickets).shape;
const commentColumns = createSelectSchema(ticketComments).shape;
const tagColumns = createSelectSchema(tags).shape;
export const CustomFieldsSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .openapi('CustomFields', { example: { order_id: 'A-1042', floor: 3, vip: true } });

export const TicketSchema = z
  .object({
    id: ticketColumns.id,
    subject: ticketColumns.subject,
    description: ticketColumns.description,
    status: ticketColumns.status,
    priority: ticketColumns.priority,
    type: ticketColumns.type,
    channel: ticketColumns.channel,
    requester: z.object({ id: z.number().int(), name: z.string(), email: z.string() }),
    assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    group: ticketColumns.group,
    tags: z.array(z.string()).openapi({ description: 'Tag names, sorted' }),
    custom_fields: CustomFieldsSchema,
    created_at: dateTime,
    updated_at: dateTime,
    solved_at: dateTime.nullable(),
    closed_at: dateTime.nullable(),
  })
  .openapi('Ticket');

export type TicketJson = z.infer<typeof TicketSchema>;

export function ticketJson(t: TicketRecord): TicketJson {
  return {
    id: t.id,
    subject: t.subject,
    description: t.description,
    status: t.status,
    priority: t.priority,
    type: t.type,
    channel: t.channel,
    requester: t.requester,
    assignee: t.assignee,
    group: t.group,
    tags: t.tags,
    custom_fields: t.customFields,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    solved_at: isoOrNull(t.solvedAt),
    closed_at: isoOrNull(t.closedAt),
  };
}

export const CommentSchema = z
  .object({
    id: commentColumns.id,
    ticket_id: commentColumns.ticketId,
    author: z.object({ id: z.number().int(), name: z.string() }),
    public: commentColumns.public.openapi({ description: 'Public replies reach the customer; internal notes never do' }),
    channel: commentColumns.channel,
    body_text: commentColumns.bodyText,
    body_html: commentColumns.bodyHtml.openapi({
      description: 'Typed comments: the text escaped, in <p> paragraphs with <br> line breaks. Co-edited replies and notes: sanitised HTML of the editor schema',
    }),
    co_authors: z.array(z.number().int()).openapi({ description: 'Users who wrote a co-edited reply or note (ids, ascending); empty for other comments' }),
    created_at: dateTime,
  })
  .openapi('Comment');

export type CommentJson = z.infer<typeof CommentSchema>;

export function commentJson(c: CommentRecord): CommentJson {
  return {
    id: c.id,
    ticket_id: c.ticketId,
    author: c.author,
    public: c.public,
    channel: c.channel,
    body_text: c.bodyText,
    body_html: c.bodyHtml,
    co_authors: c.coAuthors,
    created_at: iso(c.createdAt),
  };
}

export const TagSchema = z
  .object({ id: tagColumns.id, name: tagColumns.name, color: tagColumns.color, created_at: dateTime })
  .openapi('Tag');

export type TagJson = z.infer<typeof TagSchema>;

export const tagJson = (t: Tag): TagJson => ({ id: t.id, name: t.name, color: t.color, created_at: iso(t.createdAt) });
