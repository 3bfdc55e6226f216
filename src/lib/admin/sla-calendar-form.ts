import type { components } from '$lib/api/schema';
import type { Translator } from '$lib/i18n/translate';
import type { FieldLabels } from './field-errors';

// The calendar form ↔ the API's body. Each weekday is one text field of
// periods ("09:00–13:00, 14:00–18:00"; empty: closed), so a lunch break or a
// Saturday morning needs no extra controls. Whatever the person typed goes
// through as typed, for the API to name the field it cannot read.

export type CalendarInput = components['schemas']['SlaCalendarInput'];
export type Calendar = components['schemas']['SlaCalendarDefinition'];
export type Week = Calendar['week'];

/** Weekdays as the API numbers them (0 = Sunday), in the order a European week is read. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

/** What a new calendar offers: Monday to Friday, nine to six. */
export const DEFAULT_WEEK: Week = Object.fromEntries(['1', '2', '3', '4', '5'].map((day) => [day, [{ start: '09:00', end: '18:00' }]]));

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** "9:00" → "09:00": the API asks for two-digit hours, people often type one. */
const padded = (time: string) => (/^\d:\d\d$/.test(time) ? `0${time}` : time);

/** One weekday's periods from its field: comma-separated "start–end" (any dash). */
export function periodsOf(value: string): { start: string; end: string }[] {
  return value
    .split(/[,;]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [start = '', end = ''] = part.split(/\s*[–—-]\s*/);
      return { start: padded(start), end: padded(end) };
    });
}

/** A weekday's periods as its field shows them. */
export const dayText = (week: Week, day: number): string => (week[String(day)] ?? []).map((p) => `${p.start}–${p.end}`).join(', ');

export function calendarInputOf(form: FormData): CalendarInput {
  const week: Week = {};
  for (const day of WEEK_ORDER) {
    const periods = periodsOf(text(form, `week.${day}`));
    if (periods.length > 0) week[String(day)] = periods;
  }
  return {
    name: text(form, 'name'),
    time_zone: text(form, 'time_zone'),
    week,
    holidays: text(form, 'holidays')
      .split(/[\s,]+/)
      .filter(Boolean),
  };
}

/** A weekday's short name in `locale` (0 = Sunday). */
export function weekdayName(day: number, locale: string, width: 'short' | 'long' = 'short'): string {
  // 1 January 2023 was a Sunday: weekday d falls on 1 January + d.
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + day));
}

/**
 * A week's opening hours in a few words: weekdays with the same hours run
 * together ("Mon–Fri 09:00–18:00").
 */
export function weekSummary(week: Week, locale: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < WEEK_ORDER.length) {
    const hours = dayText(week, WEEK_ORDER[i]!);
    let j = i;
    while (j + 1 < WEEK_ORDER.length && dayText(week, WEEK_ORDER[j + 1]!) === hours) j += 1;
    if (hours) parts.push(`${weekdayName(WEEK_ORDER[i]!, locale)}${j > i ? `–${weekdayName(WEEK_ORDER[j]!, locale)}` : ''} ${hours}`);
    i = j + 1;
  }
  return parts.join('; ');
}

/** The calendar form's inputs by API path, for placing the API's field errors. */
export function calendarFieldLabels(i18n: Translator): FieldLabels {
  const days = Object.fromEntries(WEEK_ORDER.map((day) => [`week.${day}`, weekdayName(day, i18n.locale, 'long')]));
  return {
    name: i18n.t('admin.sla.name'),
    time_zone: i18n.t('admin.sla.timeZone'),
    week: i18n.t('admin.sla.weeklyHours'),
    ...days,
    holidays: i18n.t('admin.sla.holidays'),
  };
}
