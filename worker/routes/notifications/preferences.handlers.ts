import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import type { PushSubscriptionRow } from '../../db/tenant/notifications';
import type { AppEnv } from '../../http/app-env';
import { iso } from '../../http/fields';
import { authorize, existingOr404 } from '../../http/guards';
import { getPreferences, savePreferences, type Preferences } from '../../notifications/preference-store';
import { pushConfigured } from '../../notifications/notification-providers';
import { deletePushSubscription, findOwnPushSubscription, listOwnPushSubscriptions, registerPushSubscription } from '../../notifications/push-subscription-store';
import type { deletePushRoute, getPreferencesRoute, listPushRoute, pushKeyRoute, registerPushRoute, updatePreferencesRoute } from './preferences.routes';

const preferencesJson = (preferences: Preferences) => ({ sms_phone: preferences.smsPhone, events: preferences.events });
const subscriptionJson = (row: PushSubscriptionRow) => ({ id: row.id, endpoint: row.endpoint, created_at: iso(row.createdAt) });

export const getOwn: RouteHandler<typeof getPreferencesRoute, AppEnv> = async (c) => {
  const me = authorize(c, 'notification:manage_own');
  return c.json(preferencesJson(await getPreferences(c.get('db'), me.userId)), 200);
};

export const updateOwn: RouteHandler<typeof updatePreferencesRoute, AppEnv> = async (c) => {
  const me = authorize(c, 'notification:manage_own');
  const body = c.req.valid('json');
  const saved = await savePreferences(c.get('db'), auditActor(c), me.userId, { smsPhone: body.sms_phone, events: body.events });
  return c.json(preferencesJson(saved), 200);
};

export const pushKey: RouteHandler<typeof pushKeyRoute, AppEnv> = async (c) => {
  authorize(c, 'notification:manage_own');
  return c.json({ public_key: pushConfigured(c.env) ? (c.env.VAPID_PUBLIC_KEY ?? null) : null }, 200);
};

export const registerPush: RouteHandler<typeof registerPushRoute, AppEnv> = async (c) => {
  const me = authorize(c, 'notification:manage_own');
  const body = c.req.valid('json');
  const row = await registerPushSubscription(c.get('db'), auditActor(c), me.userId, { endpoint: body.endpoint, ...body.keys });
  return c.json(subscriptionJson(row), 201);
};

export const listPush: RouteHandler<typeof listPushRoute, AppEnv> = async (c) => {
  const me = authorize(c, 'notification:manage_own');
  return c.json({ items: (await listOwnPushSubscriptions(c.get('db'), me.userId)).map(subscriptionJson) }, 200);
};

export const deletePush: RouteHandler<typeof deletePushRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const me = authorize(c, 'notification:manage_own');
  const subscription = await existingOr404(c, 'The push subscription', () => findOwnPushSubscription(db, me.userId, id));
  await deletePushSubscription(db, auditActor(c), subscription);
  return c.body(null, 204);
};
