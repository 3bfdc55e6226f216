import { z } from '@hono/zod-openapi';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../../db/tenant/tickets';
import { cursorParam } from '../../http/cursor';
import { SLA_LIST_FILTERS } from '../../tickets/ticket-list-query';
import { idParam, instantParam, limitParam, repeatable, text } from '../../http/fields';
import { tagName } from '../../tickets/tag-name';
import { SORT_ORDERS, TICKET_SORTS, TicketListPosition } from '../../tickets/ticket-list-query';

// What the ticket routes accept. Bodies are strict: an unknown field is a 422
// naming it, not something silently dropped.

const notBlank = (s: string) => s.trim().length > 0;
const subject = text({ max: 300 }).refine(notBlank, 'must not be blank');
const longText = text({ max: 50_000, multiline: true }).refine(notBlank, 'must not be blank');
const groupName = text({ max: 100 });

/** A row id inside a JSON body (a path or query id is `idParam`). */
const bodyId = z
  .number({ message: 'must be a positive integer' })
  .int('must be a positive integer')
  .positive('must be a positive integer')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

const tagList = z.array(tagName).max(50, 'accepts at most 50 tags');

/** JSON.parse keeps a `__proto__` key, but zod drops it silently when it builds the record: refuse it instead. */
function refuseProtoKey(input: unknown, ctx: { addIssue: (issue: { code: 'custom'; path: string[]; message: string; input: unknown }) => void }) {
  if (input !== null && typeof input === 'object' && Object.hasOwn(input, '__proto__')) {
    ctx.addIssue({ code: 'custom', path: ['__proto__'], message: 'is a reserved name', input });
  }
  return input;
}

const customFields = z
  .preprocess(
    refuseProtoKey,
    z
      .record(
        text({ max: 64 }),
        z.union([text({ min: 0, max: 1000, multiline: true }), z.number(), z.boolean(), z.null()], {
          message: 'must be a string (at most 1000 characters), a number, a boolean or null',
        }),
      )
      .refine((fields) => Object.keys(fields).length <= 50, 'accepts at most 50 fields'),
  )
  .openapi({
    type: 'object',
    additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
    description: 'At most 50 fields; keys up to 64 characters; values a string (≤ 1000), number, boolean or null',
  });

/** "Change at least one field", said only when the body is otherwise valid (an unknown field is the better error). */
export const SOME_FIELD = [
  (body: object) => Object.keys(body).length > 0,
  { message: 'must change at least one field', when: (payload: { issues: unknown[] }) => payload.issues.length === 0 },
] as const;

export const CreateTicketBody = z
  .strictObject({
    subject,
    description: longText,
    priority: z.enum(TICKET_PRIORITIES).optional(),
    type: z.enum(TICKET_TYPES).optional(),
    requester_id: bodyId.optional().openapi({ description: 'Staff only: open the ticket on behalf of this user' }),
    assignee_id: bodyId.nullable().optional().openapi({ description: 'Staff only: an active agent, admin or owner' }),
    group: groupName.nullable().optional().openapi({ description: 'Staff only' }),
    tags: tagList.optional().openapi({ description: 'Staff only: names of existing tags' }),
    custom_fields: customFields.optional().openapi({ description: 'Staff only' }),
  })
  .openapi('CreateTicket');

export const UpdateTicketBody = z
  .strictObject({
    subject: subject.optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
    type: z.enum(TICKET_TYPES).optional(),
    assignee_id: bodyId.nullable().optional(),
    group: groupName.nullable().optional(),
    tags: tagList.optional().openapi({ description: 'Replaces the whole set' }),
    custom_fields: customFields.optional().openapi({ description: 'Replaces the whole object' }),
    status: z.enum(TICKET_STATUSES).optional(),
  })
  .refine(...SOME_FIELD)
  .openapi('UpdateTicket');

export const BulkUpdateBody = z
  .strictObject({
    ids: z
      .array(bodyId)
      .min(1, 'must name at least one ticket')
      .max(100, 'accepts at most 100 tickets')
      .refine((ids) => new Set(ids).size === ids.length, 'must not name a ticket twice'),
    changes: z
      .strictObject({
        status: z.enum(TICKET_STATUSES).optional(),
        priority: z.enum(TICKET_PRIORITIES).optional(),
        assignee_id: bodyId.nullable().optional(),
        group: groupName.nullable().optional(),
        add_tags: tagList.optional(),
        remove_tags: tagList.optional(),
      })
      .refine(...SOME_FIELD)
      .refine((c) => !c.add_tags?.some((t) => c.remove_tags?.includes(t)), {
        message: 'must not name a tag that add_tags adds',
        path: ['remove_tags'],
      }),
  })
  .openapi('BulkUpdateTickets');

export const TicketIdParams = z.object({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: 42 }),
});

const assigneeFilter = z
  .string()
  .regex(/^(me|none|[1-9][0-9]{0,15})$/, 'must be me, none or a user id')
  .transform((v) => (v === 'me' || v === 'none' ? v : Number(v)))
  .refine((v) => typeof v === 'string' || v <= Number.MAX_SAFE_INTEGER, 'is too large')
  .openapi({ type: 'string', description: '`me`, `none` (unassigned) or a user id' });

const instant = (description: string) => instantParam.optional().openapi({ type: 'string', format: 'date-time', description });

export const TicketListQuery = z
  .strictObject({
    status: repeatable(z.enum(TICKET_STATUSES))
      .optional()
      .openapi({ type: 'string', description: 'Repeat it (`status=new&status=open`) or separate with commas' }),
    priority: repeatable(z.enum(TICKET_PRIORITIES)).optional().openapi({ type: 'string', description: 'Repeatable, like status' }),
    assignee: assigneeFilter.optional(),
    requester: idParam.optional().openapi({ type: 'integer' }),
    tag: tagName.optional(),
    created_after: instant('Created at or after'),
    created_before: instant('Created before'),
    updated_after: instant('Updated at or after'),
    updated_before: instant('Updated before'),
    q: text({ max: 200 }).optional().openapi({ description: 'Text in the subject, taken literally (ASCII case-insensitive)' }),
    sla: z
      .enum(SLA_LIST_FILTERS)
      .optional()
      .openapi({ description: '`at_risk`: an SLA target passed its warning threshold, none is overdue; `breached`: a target is overdue' }),
    sort: z.enum(TICKET_SORTS).default('updated'),
    order: z.enum(SORT_ORDERS).default('desc'),
    limit: limitParam.openapi({ type: 'integer', minimum: 1, maximum: 100, default: 25 }),
    cursor: cursorParam(TicketListPosition).optional(),
  })
  .superRefine((query, ctx) => {
    const at = query.cursor;
    if (at && (at.sort !== query.sort || at.order !== query.order)) {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: `belongs to sort=${at.sort}&order=${at.order}; start from the first page to change the order`,
      });
    }
  });

export const CommentBody = z
  .strictObject({
    body: longText,
    public: z.boolean({ message: 'must be true (a reply the customer sees) or false (an internal note)' }),
    attachment_ids: z
      .array(bodyId)
      .max(20, 'accepts at most 20 files')
      .optional()
      .openapi({ description: 'Files you uploaded to this ticket (POST /tickets/{id}/attachments) to put on this comment; they take its visibility' }),
  })
  .openapi('CreateComment');
