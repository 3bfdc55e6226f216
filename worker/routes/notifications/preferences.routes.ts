import { createRoute, z } from '@hono/zod-openapi';
import { idParam } from '../../http/fields';
import { commonErrors } from '../../http/openapi-schemas';
import { NOTIFICATION_EVENTS } from '../../notifications/notification-events';

// A user's own notification settings: channels per event, SMS number, browser push subscriptions.

const EventChannelsSchema = z
  .strictObject({
    event: z.enum(NOTIFICATION_EVENTS),
    email: z.boolean(),
    sms: z.boolean(),
    push: z.boolean(),
  })
  .openapi('NotificationEventChannels');

/** E.164: a plus, then up to 15 digits. */
const smsPhone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +79161234567');

const PreferencesSchema = z
  .object({ sms_phone: z.string().nullable(), events: z.array(EventChannelsSchema) })
  .openapi('NotificationPreferences', { description: 'One entry per event; channels not chosen yet show their default (e-mail on, SMS and push off).' });

const UpdatePreferencesBody = z
  .strictObject({
    sms_phone: smsPhone.nullable().optional(),
    events: z
      .array(EventChannelsSchema)
      .max(NOTIFICATION_EVENTS.length)
      .refine((list) => new Set(list.map((e) => e.event)).size === list.length, 'must name each event at most once')
      .optional(),
  })
  .openapi('UpdateNotificationPreferences');

export const getPreferencesRoute = createRoute({
  method: 'get',
  path: '/notifications/preferences',
  tags: ['Notifications'],
  summary: 'My notification channels per event',
  responses: { 200: { description: 'The preferences', content: { 'application/json': { schema: PreferencesSchema } } }, 401: commonErrors[401], 403: commonErrors[403] },
});

export const updatePreferencesRoute = createRoute({
  method: 'put',
  path: '/notifications/preferences',
  tags: ['Notifications'],
  summary: 'Choose my notification channels',
  description: 'Events not listed keep their current choice; `sms_phone: null` removes the number.',
  request: { body: { required: true, content: { 'application/json': { schema: UpdatePreferencesBody } } } },
  responses: {
    200: { description: 'The preferences as they are now', content: { 'application/json': { schema: PreferencesSchema } } },
    401: commonErrors[401],
    403: commonErrors[403],
    422: commonErrors[422],
  },
});

export const pushKeyRoute = createRoute({
  method: 'get',
  path: '/notifications/push-key',
  tags: ['Notifications'],
  summary: 'The VAPID public key to subscribe a browser with',
  responses: {
    200: {
      description: '`public_key` is the `applicationServerKey` for PushManager.subscribe(); null when web push is not configured.',
      content: { 'application/json': { schema: z.object({ public_key: z.string().nullable() }).openapi('PushKey') } },
    },
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+=*$/, 'must be base64url');

const RegisterPushBody = z
  .strictObject({
    endpoint: z
      .url({ protocol: /^https$/, message: 'must be an https URL' })
      .max(2000),
    keys: z.strictObject({ p256dh: base64url(200), auth: base64url(100) }),
  })
  .openapi('RegisterPushSubscription', { description: 'The JSON of the browser\u2019s PushSubscription.' });

const PushSubscriptionSchema = z.object({ id: z.number().int(), endpoint: z.string(), created_at: z.string() }).openapi('PushSubscription');

export const registerPushRoute = createRoute({
  method: 'post',
  path: '/notifications/push-subscriptions',
  tags: ['Notifications'],
  summary: 'Register this browser for push notifications',
  description: 'Registering an endpoint again updates it (and moves it to the caller), so a retried request is harmless.',
  request: { body: { required: true, content: { 'application/json': { schema: RegisterPushBody } } } },
  responses: {
    201: { description: 'Registered', content: { 'application/json': { schema: PushSubscriptionSchema } } },
    401: commonErrors[401],
    403: commonErrors[403],
    422: commonErrors[422],
  },
});

export const listPushRoute = createRoute({
  method: 'get',
  path: '/notifications/push-subscriptions',
  tags: ['Notifications'],
  summary: 'The browsers I registered for push notifications',
  description: 'Oldest first; a person has a handful of browsers, so the list is not paged.',
  responses: {
    200: {
      description: 'My subscriptions',
      content: { 'application/json': { schema: z.object({ items: z.array(PushSubscriptionSchema) }).openapi('PushSubscriptionList') } },
    },
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

export const deletePushRoute = createRoute({
  method: 'delete',
  path: '/notifications/push-subscriptions/{id}',
  tags: ['Notifications'],
  summary: 'Unregister one of my push subscriptions',
  request: { params: z.object({ id: idParam.openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: 1 }) }) },
  responses: { 204: { description: 'Removed' }, 400: commonErrors[400], 401: commonErrors[401], 403: commonErrors[403], 404: commonErrors[404] },
});
