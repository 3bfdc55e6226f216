import { createRouter } from '../../http/create-router';
import * as admin from './notifications-admin.handlers';
import {
  createWebhookRoute,
  deleteWebhookRoute,
  listDeadLettersRoute,
  listOutboxRoute,
  listWebhooksRoute,
  replayDeadLetterRoute,
} from './notifications-admin.routes';
import * as own from './preferences.handlers';
import { deletePushRoute, getPreferencesRoute, listPushRoute, pushKeyRoute, registerPushRoute, updatePreferencesRoute } from './preferences.routes';

export const notificationsRouter = createRouter()
  .openapi(getPreferencesRoute, own.getOwn)
  .openapi(updatePreferencesRoute, own.updateOwn)
  .openapi(pushKeyRoute, own.pushKey)
  .openapi(registerPushRoute, own.registerPush)
  .openapi(listPushRoute, own.listPush)
  .openapi(deletePushRoute, own.deletePush)
  .openapi(listWebhooksRoute, admin.listWebhooks)
  .openapi(createWebhookRoute, admin.createWebhook)
  .openapi(deleteWebhookRoute, admin.deleteWebhook)
  .openapi(listDeadLettersRoute, admin.listDead)
  .openapi(replayDeadLetterRoute, admin.replayDead)
  .openapi(listOutboxRoute, admin.listOutbox);
