import { createRouter } from '../../http/create-router';
import * as settings from './settings.handlers';
import { getRetentionRoute, updateRetentionRoute } from './settings.routes';

export const settingsRouter = createRouter()
  .openapi(getRetentionRoute, settings.getRetention)
  .openapi(updateRetentionRoute, settings.updateRetention);
