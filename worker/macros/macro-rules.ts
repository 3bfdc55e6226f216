// What a macro may hold: the placeholders its text may use (and how they are
// filled in) and the statuses it may preset. Pure and dependency-free: the API
// refuses a macro naming anything else, and the web app imports the same lists
// (the admin form's choices; the ticket page fills placeholders in on insert).

import type { TicketStatus } from '../db/tenant/tickets';

/** The statuses a macro may preset for "Send and set": those a reply can move a ticket to. */
export const MACRO_STATUSES = ['open', 'pending', 'on_hold', 'solved'] as const satisfies readonly TicketStatus[];

export const MACRO_PLACEHOLDERS = ['customer.name', 'agent.name', 'ticket.id', 'ticket.subject'] as const;
export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

/** `{{ name }}`, spaces inside the braces allowed. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

const isKnown = (name: string): name is MacroPlaceholder => (MACRO_PLACEHOLDERS as readonly string[]).includes(name);

/** The placeholders `text` names that do not exist, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').filter((name) => !isKnown(name));
  return [...new Set(unknown)];
}

/** `text` with every placeholder replaced by its value; unknown ones are left as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<MacroPlaceholder, string>>): string {
  return text.replace(PLACEHOLDER, (written, name: string) => (isKnown(name) ? values[name] : written));
}
