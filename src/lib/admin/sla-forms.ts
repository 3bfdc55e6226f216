import type { components } from '$lib/api/schema';
import type { TicketPriority } from '$lib/api/types';

// The SLA screens' forms ↔ the API's bodies. The calendar form asks for one
// opening time for Monday to Friday (the common case); finer weeks are made
// through the API. Numbers the person typed go through as numbers, and
// anything unreadable goes through too, for the API to name the field.

export type CalendarInput = components['schemas']['SlaCalendarInput'];
export type PolicyInput = components['schemas']['SlaPolicyInput'];
export type Week = components['schemas']['SlaCalendarDefinition']['week'];

export const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const WORKDAYS = ['1', '2', '3', '4', '5'] as const;

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const minutes = (value: string) => (value === '' ? undefined : Number(value));

/** A calendar open the same hours Monday to Friday, with its holidays. */
export function calendarInputOf(form: FormData): CalendarInput {
  const hours = [{ start: text(form, 'opens'), end: text(form, 'closes') }];
  return {
    name: text(form, 'name'),
    time_zone: text(form, 'time_zone'),
    week: Object.fromEntries(WORKDAYS.map((day) => [day, hours])),
    holidays: text(form, 'holidays')
      .split(/[\s,]+/)
      .filter(Boolean),
  };
}

/** A policy with first-response and resolution targets, optionally only for some priorities. */
export function policyInputOf(form: FormData): PolicyInput {
  const calendar = text(form, 'calendar_id');
  const first = minutes(text(form, 'first_response'));
  const resolution = minutes(text(form, 'resolution'));
  const priorities = form.getAll('priorities').map(String).filter((p): p is TicketPriority => (PRIORITIES as readonly string[]).includes(p));
  return {
    name: text(form, 'name'),
    calendar_id: calendar ? Number(calendar) : null,
    targets: { ...(first !== undefined ? { first_response: first } : {}), ...(resolution !== undefined ? { resolution } : {}) },
    conditions: priorities.length > 0 ? { priorities } : {},
    warning_percent: minutes(text(form, 'warning_percent')) ?? 80,
  };
}

/**
 * A week's opening hours in a few words: weekdays with the same hours run
 * together ("Mon–Fri 09:00–18:00"). Weekday names come from Intl.
 */
export function weekSummary(week: Week, locale: string): string {
  // 2023-01-01 was a Sunday: day d of the week is 1 January + d.
  const dayName = (d: number) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + d));
  const hoursOf = (d: number) => (week[String(d)] ?? []).map((h) => `${h.start}–${h.end}`).join(', ');
  const order = [1, 2, 3, 4, 5, 6, 0];
  const parts: string[] = [];
  let i = 0;
  while (i < order.length) {
    const hours = hoursOf(order[i]!);
    let j = i;
    while (j + 1 < order.length && hoursOf(order[j + 1]!) === hours) j += 1;
    if (hours) parts.push(`${dayName(order[i]!)}${j > i ? `–${dayName(order[j]!)}` : ''} ${hours}`);
    i = j + 1;
  }
  return parts.join('; ');
}
