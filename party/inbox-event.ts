import { z } from 'zod';

// What the InboxRoom pushes to the agents of a tenant: one compact JSON frame
// per change, published by the API after the change committed. A list that
// needs more than the event says fetches the ticket.

export const INBOX_EVENT_TYPES = ['ticket.created', 'ticket.updated', 'ticket.status', 'ticket.assigned', 'comment.created', 'attachment.created'] as const;

export const InboxEvent = z.object({
  type: z.enum(INBOX_EVENT_TYPES),
  ticket_id: z.number().int().positive(),
  /** When the change was made (ISO 8601). */
  at: z.string(),
  /** Who made it; null for the system. */
  by: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /**
   * The fields that changed and their new values, under their API names (what
   * the audit log's `after` holds). For `ticket.created`, the ticket as created.
   */
  changes: z.record(z.string(), z.unknown()).optional(),
  /** For `comment.created`: which comment. Internal notes are included: only staff subscribe. */
  comment: z.object({ id: z.number().int().positive(), public: z.boolean(), channel: z.string() }).optional(),
  /** For `attachment.created`: which file, and whether the customer sees it. */
  attachment: z.object({ id: z.number().int().positive(), public: z.boolean() }).optional(),
});

export type InboxEvent = z.infer<typeof InboxEvent>;
export type InboxEventType = InboxEvent['type'];
