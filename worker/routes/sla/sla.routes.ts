import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { CalendarBody, CalendarSchema, PolicyBody, PolicySchema, ReorderBody, SlaIdParams } from './sla.schemas';

// SLA admin API: business-hours calendars and ordered SLA policies. Staff read
// them; admins and owners change them. A change that moves targets re-plans
// every open ticket's targets before it answers.

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: json(schema) });
const readErrors = { 401: commonErrors[401], 403: commonErrors[403] };
const nameTaken = { description: 'Another calendar or policy has this name', content: problemContent };

export const listCalendarsRoute = createRoute({
  method: 'get',
  path: '/sla/calendars',
  tags: ['SLA'],
  summary: 'Business-hours calendars, by name (staff)',
  responses: { 200: { description: 'The calendars', content: json(z.object({ items: z.array(CalendarSchema) }).openapi('SlaCalendarList')) }, ...readErrors },
});

export const createCalendarRoute = createRoute({
  method: 'post',
  path: '/sla/calendars',
  tags: ['SLA'],
  summary: 'Create a business-hours calendar (admins and owners)',
  description: 'An IANA time zone, opening hours per weekday (0 = Sunday; half-open HH:MM intervals that must not overlap) and closed dates.',
  request: { body: body(CalendarBody) },
  responses: { 201: { description: 'Created', content: json(CalendarSchema) }, ...commonErrors, 409: nameTaken },
});

export const replaceCalendarRoute = createRoute({
  method: 'put',
  path: '/sla/calendars/{id}',
  tags: ['SLA'],
  summary: 'Replace a calendar (admins and owners); open tickets counting on it get new due times',
  request: { params: SlaIdParams, body: body(CalendarBody) },
  responses: { 200: { description: 'The calendar as it is now', content: json(CalendarSchema) }, ...commonErrors, 409: nameTaken },
});

export const deleteCalendarRoute = createRoute({
  method: 'delete',
  path: '/sla/calendars/{id}',
  tags: ['SLA'],
  summary: 'Delete a calendar no policy uses (admins and owners)',
  request: { params: SlaIdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, 409: { description: 'A policy still counts on this calendar', content: problemContent } },
});

export const listPoliciesRoute = createRoute({
  method: 'get',
  path: '/sla/policies',
  tags: ['SLA'],
  summary: 'SLA policies in the order they are tried (staff)',
  responses: { 200: { description: 'The policies', content: json(z.object({ items: z.array(PolicySchema) }).openapi('SlaPolicyList')) }, ...readErrors },
});

export const createPolicyRoute = createRoute({
  method: 'post',
  path: '/sla/policies',
  tags: ['SLA'],
  summary: 'Create an SLA policy, tried after the existing ones (admins and owners)',
  description: 'Open tickets it matches (and no earlier policy does) get its targets at once.',
  request: { body: body(PolicyBody) },
  responses: { 201: { description: 'Created', content: json(PolicySchema) }, ...commonErrors, 409: nameTaken },
});

export const getPolicyRoute = createRoute({
  method: 'get',
  path: '/sla/policies/{id}',
  tags: ['SLA'],
  summary: 'One SLA policy (staff)',
  request: { params: SlaIdParams },
  responses: { 200: { description: 'The policy', content: json(PolicySchema) }, ...commonErrors },
});

export const replacePolicyRoute = createRoute({
  method: 'put',
  path: '/sla/policies/{id}',
  tags: ['SLA'],
  summary: 'Replace an SLA policy (admins and owners); open tickets follow it at once',
  request: { params: SlaIdParams, body: body(PolicyBody) },
  responses: { 200: { description: 'The policy as it is now', content: json(PolicySchema) }, ...commonErrors, 409: nameTaken },
});

export const deletePolicyRoute = createRoute({
  method: 'delete',
  path: '/sla/policies/{id}',
  tags: ['SLA'],
  summary: 'Delete an SLA policy and the targets it set (admins and owners)',
  request: { params: SlaIdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors },
});

export const reorderPoliciesRoute = createRoute({
  method: 'post',
  path: '/sla/policies/reorder',
  tags: ['SLA'],
  summary: 'Set the order in which policies are tried (admins and owners)',
  description: 'The policies named in `ids` come first, in that order; the others keep their order after them.',
  request: { body: body(ReorderBody) },
  responses: { 200: { description: 'The policies in their new order', content: json(z.object({ items: z.array(PolicySchema) })) }, ...commonErrors },
});
