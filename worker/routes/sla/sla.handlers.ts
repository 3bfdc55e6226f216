import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditActor } from '../../audit/audit-log';
import type { AppEnv } from '../../http/app-env';
import { authorize, existingOr404, requireUser } from '../../http/guards';
import { invalid, ProblemError, type FieldError } from '../../http/problem';
import {
  createCalendar,
  createPolicy,
  deleteCalendar,
  deletePolicy,
  findCalendar,
  findPolicy,
  listCalendars,
  listPolicies,
  notActiveStaff,
  reorderPolicies,
  replaceCalendar,
  replacePolicy,
  type PolicyInput,
  type SlaWrite,
} from '../../sla/sla-admin-store';
import { replanOpenTickets } from '../../sla/sla-sweep-queue';
import type {
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
import { calendarJson, policyJson, type PolicyBody } from './sla.schemas';

/** After a change that can move targets: the open tickets follow it (the first pages now, the rest through the queue). */
const replan = (c: Context<AppEnv>) => replanOpenTickets(c.env, c.get('tenant').id, c.get('db'));

const nameTaken = (what: string, name: string) =>
  new ProblemError(409, 'name-taken', `A ${what} named "${name}" already exists.`, { errors: [{ field: 'name', detail: 'is already taken' }] });

function written<T>(result: SlaWrite<T>, what: string, name: string): T {
  if (result.ok) return result.value;
  throw nameTaken(what, name);
}

/** The policy body as stored, once its references (calendar, staff) are checked: each bad one is a 422 naming its field. */
async function policyInput(c: Context<AppEnv>, body: PolicyBody): Promise<PolicyInput> {
  const db = c.get('db');
  const errors: FieldError[] = [];
  if (body.calendar_id !== null && !(await findCalendar(db, body.calendar_id))) {
    errors.push({ field: 'calendar_id', detail: 'names no calendar of this tenant' });
  }
  const assignee = body.escalation.assign_user_id;
  if (assignee !== undefined && (await notActiveStaff(db, [assignee])).length > 0) {
    errors.push({ field: 'escalation.assign_user_id', detail: 'must be an active staff member' });
  }
  const notify = body.escalation.notify_user_ids ?? [];
  const strangers = await notActiveStaff(db, notify);
  if (strangers.length > 0) errors.push({ field: 'escalation.notify_user_ids', detail: `are not active staff: ${strangers.join(', ')}` });
  if (errors.length > 0) throw invalid(errors);
  return {
    name: body.name,
    conditions: body.conditions,
    targets: body.targets,
    calendarId: body.calendar_id,
    warningPercent: body.warning_percent,
    escalation: { ...body.escalation, notify_user_ids: notify },
  };
}

export const listCalendarsHandler: RouteHandler<typeof listCalendarsRoute, AppEnv> = async (c) => {
  authorize(c, 'sla:read');
  return c.json({ items: (await listCalendars(c.get('db'))).map(calendarJson) }, 200);
};

export const createCalendarHandler: RouteHandler<typeof createCalendarRoute, AppEnv> = async (c) => {
  authorize(c, 'sla:manage');
  const { name, ...hours } = c.req.valid('json');
  const result = await createCalendar(c.get('db'), auditActor(c), { name, definition: { kind: 'business', ...hours } });
  return c.json(calendarJson(written(result, 'calendar', name)), 201);
};

export const replaceCalendarHandler: RouteHandler<typeof replaceCalendarRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const current = await existingOr404(c, 'The calendar', () => findCalendar(db, id));
  authorize(c, 'sla:manage');
  const { name, ...hours } = c.req.valid('json');
  const result = await replaceCalendar(db, auditActor(c), current, { name, definition: { kind: 'business', ...hours } });
  const calendar = written(result, 'calendar', name);
  await replan(c);
  return c.json(calendarJson(calendar), 200);
};

export const deleteCalendarHandler: RouteHandler<typeof deleteCalendarRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const calendar = await existingOr404(c, 'The calendar', () => findCalendar(db, id));
  authorize(c, 'sla:manage');
  const result = await deleteCalendar(db, auditActor(c), calendar);
  if (!result.ok) throw new ProblemError(409, 'calendar-in-use', 'A policy still counts on this calendar: give it another one first.');
  return c.body(null, 204);
};

export const listPoliciesHandler: RouteHandler<typeof listPoliciesRoute, AppEnv> = async (c) => {
  authorize(c, 'sla:read');
  return c.json({ items: (await listPolicies(c.get('db'))).map(policyJson) }, 200);
};

export const getPolicyHandler: RouteHandler<typeof getPolicyRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const policy = await existingOr404(c, 'The policy', () => findPolicy(db, id));
  authorize(c, 'sla:read');
  return c.json(policyJson(policy), 200);
};

export const createPolicyHandler: RouteHandler<typeof createPolicyRoute, AppEnv> = async (c) => {
  authorize(c, 'sla:manage');
  const body = c.req.valid('json');
  const result = await createPolicy(c.get('db'), auditActor(c), await policyInput(c, body));
  const policy = written(result, 'policy', body.name);
  await replan(c);
  return c.json(policyJson(policy), 201);
};

export const replacePolicyHandler: RouteHandler<typeof replacePolicyRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const current = await existingOr404(c, 'The policy', () => findPolicy(db, id));
  authorize(c, 'sla:manage');
  const body = c.req.valid('json');
  const result = await replacePolicy(db, auditActor(c), current, await policyInput(c, body));
  const policy = written(result, 'policy', body.name);
  await replan(c);
  return c.json(policyJson(policy), 200);
};

export const deletePolicyHandler: RouteHandler<typeof deletePolicyRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const policy = await existingOr404(c, 'The policy', () => findPolicy(db, id));
  authorize(c, 'sla:manage');
  await deletePolicy(db, auditActor(c), policy);
  await replan(c);
  return c.body(null, 204);
};

export const reorderPoliciesHandler: RouteHandler<typeof reorderPoliciesRoute, AppEnv> = async (c) => {
  requireUser(c);
  const { ids } = c.req.valid('json');
  const db = c.get('db');
  const existing = (await listPolicies(db)).map((p) => p.id);
  // Existence before permission, as for an id in a path: another tenant's policy is not found here.
  const unknown = ids.filter((id) => !existing.includes(id));
  if (unknown.length > 0) {
    throw new ProblemError(404, 'not-found', `No policy has the id ${unknown.join(', ')}.`, { errors: [{ field: 'ids', detail: `names no policy: ${unknown.join(', ')}` }] });
  }
  authorize(c, 'sla:manage');
  const order = [...ids, ...existing.filter((id) => !ids.includes(id))];
  const policies = await reorderPolicies(db, auditActor(c), order);
  await replan(c);
  return c.json({ items: policies.map(policyJson) }, 200);
};
