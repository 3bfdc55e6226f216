import { createRoute, z } from '@hono/zod-openapi';
import { cursorParam, idPosition } from '../../http/cursor';
import { idParam, limitParam, text } from '../../http/fields';
import { commonErrors } from '../../http/openapi-schemas';
import { NOTIFICATION_CHANNELS, NOTIFICATION_STATES } from '../../db/tenant/notifications';
import { NOTIFICATION_EVENTS } from '../../notifications/notification-events';

// The tenant's side of notifications: webhook endpoints and dead letters (admins), the local outbox (staff).

const IdParams = z.object({ id: idParam.openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: 1 }) });
const PageQuery = z.object({ limit: limitParam.optional(), cursor: cursorParam(idPosition).optional() });

const WebhookSchema = z
  .object({ id: z.number().int(), url: z.string(), events: z.array(z.string()), description: z.string(), created_at: z.string() })
  .openapi('WebhookEndpoint');

const CreateWebhookBody = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .max(2000),
    events: z
      .array(z.enum(NOTIFICATION_EVENTS))
      .min(1, 'must name at least one event')
      .max(NOTIFICATION_EVENTS.length)
      .refine((list) => new Set(list).size === list.length, 'must name each event once'),
    description: text({ min: 0, max: 200 }).optional(),
  })
  .openapi('CreateWebhookEndpoint');

export const listWebhooksRoute = createRoute({
  method: 'get',
  path: '/notifications/webhooks',
  tags: ['Notifications'],
  summary: 'Webhook endpoints (admins and owners)',
  responses: {
    200: { description: 'The endpoints, without their secrets', content: { 'application/json': { schema: z.object({ items: z.array(WebhookSchema) }).openapi('WebhookEndpointList') } } },
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

export const createWebhookRoute = createRoute({
  method: 'post',
  path: '/notifications/webhooks',
  tags: ['Notifications'],
  summary: 'Register a webhook endpoint (admins and owners)',
  description:
    'Each delivery is a JSON POST `{id, event, created_at, data}` with `X-WorkerNet-Event`, `X-WorkerNet-Delivery` (the idempotency key: ' +
    'deduplicate on it) and `X-WorkerNet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>`. ' +
    'The secret is shown in this response only. Not idempotent by `Idempotency-Key`: replaying would mean storing the secret.',
  request: { body: { required: true, content: { 'application/json': { schema: CreateWebhookBody } } } },
  responses: {
    201: { description: 'Created, with its signing secret', content: { 'application/json': { schema: WebhookSchema.extend({ secret: z.string() }).openapi('CreatedWebhookEndpoint') } } },
    401: commonErrors[401],
    403: commonErrors[403],
    422: commonErrors[422],
  },
});

export const deleteWebhookRoute = createRoute({
  method: 'delete',
  path: '/notifications/webhooks/{id}',
  tags: ['Notifications'],
  summary: 'Delete a webhook endpoint and its undelivered notifications (admins and owners)',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, 400: commonErrors[400], 401: commonErrors[401], 403: commonErrors[403], 404: commonErrors[404] },
});

const DeadLetterSchema = z
  .object({
    id: z.number().int(),
    event: z.string(),
    channel: z.enum(NOTIFICATION_CHANNELS),
    recipient_id: z.number().int().nullable(),
    webhook_endpoint_id: z.number().int().nullable(),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('DeadLetter');

export const listDeadLettersRoute = createRoute({
  method: 'get',
  path: '/notifications/dead-letters',
  tags: ['Notifications'],
  summary: 'Notifications given up on, newest first (admins and owners)',
  request: { query: PageQuery },
  responses: {
    200: {
      description: 'A page of dead letters',
      content: { 'application/json': { schema: z.object({ items: z.array(DeadLetterSchema), next_cursor: z.string().nullable() }).openapi('DeadLetterPage') } },
    },
    400: commonErrors[400],
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

export const replayDeadLetterRoute = createRoute({
  method: 'post',
  path: '/notifications/dead-letters/{id}/replay',
  tags: ['Notifications'],
  summary: 'Deliver a dead letter again (admins and owners)',
  description: 'Back to pending with a fresh retry budget and onto the queue. Messages of it already delivered are not sent again.',
  request: { params: IdParams },
  responses: {
    202: {
      description: 'Queued for delivery',
      content: { 'application/json': { schema: z.object({ id: z.number().int(), state: z.enum(NOTIFICATION_STATES) }).openapi('ReplayedNotification') } },
    },
    400: commonErrors[400],
    401: commonErrors[401],
    403: commonErrors[403],
    404: commonErrors[404],
  },
});

const OutboxMessageSchema = z
  .object({
    id: z.number().int(),
    notification_id: z.number().int(),
    channel: z.enum(NOTIFICATION_CHANNELS),
    event: z.string(),
    address: z.string(),
    locale: z.string(),
    subject: z.string(),
    body: z.string(),
    created_at: z.string(),
  })
  .openapi('OutboxMessage');

export const listOutboxRoute = createRoute({
  method: 'get',
  path: '/notifications/outbox',
  tags: ['Notifications'],
  summary: 'Messages the local outbox stored, newest first (staff)',
  description: 'Channels without a configured provider (always, under `npm start`) deliver here instead of sending.',
  request: { query: PageQuery },
  responses: {
    200: {
      description: 'A page of outbox messages',
      content: { 'application/json': { schema: z.object({ items: z.array(OutboxMessageSchema), next_cursor: z.string().nullable() }).openapi('OutboxPage') } },
    },
    400: commonErrors[400],
    401: commonErrors[401],
    403: commonErrors[403],
  },
});
