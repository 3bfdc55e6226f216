import { createRouter } from '../../http/create-router';
import * as addresses from './email-addresses.handlers';
import { addInboundAddressRoute, listInboundAddressesRoute, removeInboundAddressRoute } from './email-addresses.routes';
import * as settings from './settings.handlers';
import { getRetentionRoute, updateRetentionRoute } from './settings.routes';

export const settingsRouter = createRouter()
  .openapi(getRetentionRoute, settings.getRetention)
  .openapi(updateRetentionRoute, settings.updateRetention)
  .openapi(listInboundAddressesRoute, addresses.listInboundAddresses)
  .openapi(addInboundAddressRoute, addresses.addInboundAddress)
  .openapi(removeInboundAddressRoute, addresses.removeInboundAddress);
