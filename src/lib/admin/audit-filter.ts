// The audit log's filter form ↔ the API's query: the same names, empty fields
// left out, and dates typed in a date field read as whole UTC days.

import type { MessageKey } from '$lib/i18n/translate';

export const AUDIT_FILTER_FIELDS = ['action', 'actor_id', 'target_type', 'target_id', 'since', 'until'] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

/** Each filter field's label. */
export const AUDIT_FILTER_LABELS: Record<AuditFilterField, MessageKey> = {
  action: 'admin.audit.action',
  actor_id: 'admin.audit.actor',
  target_type: 'admin.audit.targetType',
  target_id: 'admin.audit.targetId',
  since: 'admin.audit.since',
  until: 'admin.audit.until',
};
export type AuditFilter = Record<AuditFilterField, string>;

export interface AuditQuery {
  action?: string;
  actor_id?: number;
  target_type?: string;
  target_id?: string;
  since?: string;
  until?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter as typed (every field, '' when empty). */
export function auditFilterOf(params: URLSearchParams): AuditFilter {
  const filter = {} as AuditFilter;
  for (const name of AUDIT_FILTER_FIELDS) filter[name] = params.get(name)?.trim() ?? '';
  return filter;
}

/**
 * The API query for a filter. A bare day in `since` starts at its midnight and
 * in `until` ends at its last millisecond, so "until 5 March" includes 5 March.
 * Anything else passes through for the API to accept or name as invalid.
 */
export function auditQueryOf(filter: AuditFilter): AuditQuery {
  const query: AuditQuery = {};
  if (filter.action) query.action = filter.action;
  if (filter.actor_id) query.actor_id = Number(filter.actor_id);
  if (filter.target_type) query.target_type = filter.target_type;
  if (filter.target_id) query.target_id = filter.target_id;
  if (filter.since) query.since = DAY.test(filter.since) ? `${filter.since}T00:00:00.000Z` : filter.since;
  if (filter.until) query.until = DAY.test(filter.until) ? `${filter.until}T23:59:59.999Z` : filter.until;
  return query;
}

/** A short readable account of a change: the fields that differ, before → after. */
export function describeChange(before: unknown, after: unknown): string {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => `${key}: ${show(b[key])} → ${show(a[key])}`)
    .join('; ');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: unknown) => (value === undefined ? '∅' : typeof value === 'string' ? value : JSON.stringify(value));
