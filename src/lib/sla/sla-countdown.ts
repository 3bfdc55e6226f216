import type { components } from '../api/schema';

// What an SLA target says to an agent at a given moment: met, paused, due in
// some time, or overdue by some time. The API computes remaining business time
// when it answers; between answers the page counts down from `due_at`.

export type SlaTarget = components['schemas']['SlaTarget'];

export type SlaReading =
  | { kind: 'met' | 'paused' }
  | { kind: 'due'; minutes: number; warned: boolean }
  | { kind: 'overdue'; minutes: number };

export function readSla(target: SlaTarget, now: number): SlaReading {
  if (target.state === 'met') return { kind: 'met' };
  if (target.state === 'paused') return { kind: 'paused' };
  const due = target.due_at ? Date.parse(target.due_at) : null;
  const minutes = due === null ? (target.remaining_minutes ?? 0) : Math.floor((due - now) / 60_000);
  if (target.state === 'breached' || minutes < 0) return { kind: 'overdue', minutes: Math.abs(minutes) };
  return { kind: 'due', minutes, warned: target.warned };
}

/** Minutes as hours and minutes, e.g. { hours: 2, minutes: 5 }. */
export const splitMinutes = (total: number) => ({ hours: Math.floor(total / 60), minutes: total % 60 });
