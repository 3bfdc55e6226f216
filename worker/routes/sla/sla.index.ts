import { createRouter } from '../../http/create-router';
import * as sla from './sla.handlers';
import {
  createCalendarRoute,
  createPolicyRoute,
  deleteCalendarRoute,
  deletePolicyRoute,
  getPolicyRoute,
  listCalendarsRoute,
  listPoliciesRoute,
  reorderPoliciesRoute,
  replaceCalendarRoute,
  replacePolicyRoute,
} from './sla.routes';

// /sla/policies/reorder is registered before /sla/policies/{id} so "reorder" is never read as an id.
export const slaRouter = createRouter()
  .openapi(listCalendarsRoute, sla.listCalendarsHandler)
  .openapi(createCalendarRoute, sla.createCalendarHandler)
  .openapi(replaceCalendarRoute, sla.replaceCalendarHandler)
  .openapi(deleteCalendarRoute, sla.deleteCalendarHandler)
  .openapi(listPoliciesRoute, sla.listPoliciesHandler)
  .openapi(createPolicyRoute, sla.createPolicyHandler)
  .openapi(reorderPoliciesRoute, sla.reorderPoliciesHandler)
  .openapi(getPolicyRoute, sla.getPolicyHandler)
  .openapi(replacePolicyRoute, sla.replacePolicyHandler)
  .openapi(deletePolicyRoute, sla.deletePolicyHandler);
