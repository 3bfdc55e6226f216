import type { components } from '$lib/api/schema';
import type { TicketPriority, TicketType } from '$lib/api/types';
import type { Translator } from '$lib/i18n/translate';
import type { FieldLabels } from './field-errors';

// The policy form ↔ the API's body. Inputs are named by their path in the body
// (`targets.first_response`), so the API's field errors land on them. Numbers
// go through as numbers, and anything unreadable goes through too, for the API
// to name. The API replaces a policy whole, so conditions the form has no
// control for (requesters) ride along in hidden fields.

export type PolicyInput = components['schemas']['SlaPolicyInput'];
export type Policy = components['schemas']['SlaPolicy'];

/** Someone a policy may escalate to. */
export interface StaffMember {
  id: number;
  name: string;
}

export const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
export const TYPES: readonly TicketType[] = ['question', 'incident', 'problem', 'task'];
export const METRICS = ['first_response', 'next_response', 'resolution'] as const;

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const number = (value: string) => (value === '' ? undefined : Number(value));
const listOf = (form: FormData, name: string) =>
  text(form, name)
    .split(/[,\n]+/)
    .map((item) => item.trim())
    .filter(Boolean);
const chosen = <T extends string>(form: FormData, name: string, allowed: readonly T[]) =>
  form.getAll(name).map(String).filter((value): value is T => (allowed as readonly string[]).includes(value));
const ids = (form: FormData, name: string) => form.getAll(name).map(Number);
/** A condition is left out when nothing is chosen: the API reads an absent condition as "any". */
const some = <K extends string, T>(key: K, values: T[]) => (values.length > 0 ? ({ [key]: values } as Record<K, T[]>) : {});

export function policyInputOf(form: FormData): PolicyInput {
  const calendar = text(form, 'calendar_id');
  const targets: PolicyInput['targets'] = {};
  for (const metric of METRICS) {
    const minutes = number(text(form, `targets.${metric}`));
    if (minutes !== undefined) targets[metric] = minutes;
  }
  const raise = chosen(form, 'escalation.raise_priority', PRIORITIES)[0];
  const group = text(form, 'escalation.assign_group');
  const assignee = number(text(form, 'escalation.assign_user_id'));
  return {
    name: text(form, 'name'),
    calendar_id: calendar ? Number(calendar) : null,
    targets,
    conditions: {
      ...some('priorities', chosen(form, 'conditions.priorities', PRIORITIES)),
      ...some('types', chosen(form, 'conditions.types', TYPES)),
      ...some('groups', listOf(form, 'conditions.groups')),
      ...some('tags', listOf(form, 'conditions.tags')),
      ...some('requester_ids', ids(form, 'conditions.requester_ids')),
    },
    warning_percent: number(text(form, 'warning_percent')) ?? 80,
    escalation: {
      ...(raise ? { raise_priority: raise } : {}),
      ...(group ? { assign_group: group } : {}),
      ...(assignee !== undefined ? { assign_user_id: assignee } : {}),
      ...some('notify_user_ids', ids(form, 'escalation.notify_user_ids')),
    },
  };
}

/** The ids in their new order after moving `id` one place up (-1) or down (+1); unchanged at either end. */
export function movedOrder(ids: readonly number[], id: number, step: -1 | 1): number[] {
  const order = [...ids];
  const from = order.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= order.length) return order;
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order;
}

/** The policy form's inputs by API path, for placing the API's field errors. */
export function policyFieldLabels(i18n: Translator): FieldLabels {
  return {
    name: i18n.t('admin.sla.name'),
    calendar_id: i18n.t('admin.sla.calendar'),
    targets: i18n.t('admin.sla.targets'),
    'targets.first_response': i18n.t('admin.sla.firstResponse'),
    'targets.next_response': i18n.t('admin.sla.nextResponse'),
    'targets.resolution': i18n.t('admin.sla.resolution'),
    warning_percent: i18n.t('admin.sla.warning'),
    conditions: i18n.t('admin.sla.conditions'),
    'conditions.priorities': i18n.t('admin.sla.priorities'),
    'conditions.types': i18n.t('admin.sla.types'),
    'conditions.groups': i18n.t('admin.sla.groups'),
    'conditions.tags': i18n.t('admin.sla.tags'),
    escalation: i18n.t('admin.sla.escalation'),
    'escalation.raise_priority': i18n.t('admin.sla.raisePriority'),
    'escalation.assign_group': i18n.t('admin.sla.assignGroup'),
    'escalation.assign_user_id': i18n.t('admin.sla.assignUser'),
    'escalation.notify_user_ids': i18n.t('admin.sla.notify'),
  };
}
