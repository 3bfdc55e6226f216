import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import type { WebhookEndpoint } from '../../db/tenant/notifications';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { iso } from '../../http/fields';
import { authorize, existingOr404 } from '../../http/guards';
import { findDeadLetter, listDeadLetters, replayDeadLetter } from '../../notifications/dead-letter-store';
import { kickRelay } from '../../notifications/notification-relay';
import { listOutboxMessages } from '../../notifications/outbox-store';
import { createWebhookEndpoint, deleteWebhookEndpoint, findWebhookEndpoint, listWebhookEndpoints } from '../../notifications/webhook-endpoint-store';
import type {
  createWebhookRoute,
  deleteWebhookRoute,
  listDeadLettersRoute,
  listOutboxRoute,
  listWebhooksRoute,
  replayDeadLetterRoute,
} from './notifications-admin.routes';

const DEFAULT_PAGE = 25;

const webhookJson = (endpoint: WebhookEndpoint) => ({
  id: endpoint.id,
  url: endpoint.url,
  events: endpoint.events,
  description: endpoint.description,
  created_at: iso(endpoint.createdAt),
});

function page<T extends { id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
}

export const listWebhooks: RouteHandler<typeof listWebhooksRoute, AppEnv> = async (c) => {
  authorize(c, 'webhook:manage');
  return c.json({ items: (await listWebhookEndpoints(c.get('db'))).map(webhookJson) }, 200);
};

export const createWebhook: RouteHandler<typeof createWebhookRoute, AppEnv> = async (c) => {
  authorize(c, 'webhook:manage');
  const body = c.req.valid('json');
  const endpoint = await createWebhookEndpoint(c.get('db'), auditActor(c), { url: body.url, events: body.events, description: body.description ?? '' });
  return c.json({ ...webhookJson(endpoint), secret: endpoint.secret }, 201);
};

export const deleteWebhook: RouteHandler<typeof deleteWebhookRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const endpoint = await existingOr404(c, 'The webhook endpoint', () => findWebhookEndpoint(db, id));
  authorize(c, 'webhook:manage');
  await deleteWebhookEndpoint(db, auditActor(c), endpoint);
  return c.body(null, 204);
};

export const listDead: RouteHandler<typeof listDeadLettersRoute, AppEnv> = async (c) => {
  authorize(c, 'notification:manage_dead_letters');
  const query = c.req.valid('query');
  const limit = query.limit ?? DEFAULT_PAGE;
  const { items, next_cursor } = page(await listDeadLetters(c.get('db'), query.cursor?.id, limit), limit);
  const json = items.map((row) => ({
    id: row.id,
    event: row.event,
    channel: row.channel,
    recipient_id: row.recipientId,
    webhook_endpoint_id: row.webhookEndpointId,
    attempts: row.attempts,
    last_error: row.lastError,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  }));
  return c.json({ items: json, next_cursor }, 200);
};

export const replayDead: RouteHandler<typeof replayDeadLetterRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const letter = await existingOr404(c, 'The dead letter', () => findDeadLetter(db, id));
  authorize(c, 'notification:manage_dead_letters');
  await replayDeadLetter(db, auditActor(c), letter);
  kickRelay(c.env, c.get('tenant'), (promise) => c.executionCtx.waitUntil(promise));
  return c.json({ id: letter.id, state: 'pending' as const }, 202);
};

export const listOutbox: RouteHandler<typeof listOutboxRoute, AppEnv> = async (c) => {
  authorize(c, 'notification:read_outbox');
  const query = c.req.valid('query');
  const limit = query.limit ?? DEFAULT_PAGE;
  const { items, next_cursor } = page(await listOutboxMessages(c.get('db'), query.cursor?.id, limit), limit);
  const json = items.map((row) => ({
    id: row.id,
    notification_id: row.notificationId,
    channel: row.channel,
    event: row.event,
    address: row.address,
    locale: row.locale,
    subject: row.subject,
    body: row.body,
    created_at: iso(row.createdAt),
  }));
  return c.json({ items: json, next_cursor }, 200);
};
