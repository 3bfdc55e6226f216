import type { Awareness } from 'y-protocols/awareness';

// Who is in a ticket's drafts, from the TicketRoom's awareness. Each client
// publishes `{ user: { id, name, color, typing } }` (the room refuses a `user.id`
// that isn't the signed-in user's), and y-prosemirror adds `cursor`. States come
// from other browsers, so they are read defensively.

/** What a client says about its user in the room's awareness. */
export interface PresenceUser {
  id: number;
  name: string;
  /** #rrggbb: y-prosemirror only supports six-digit colours. */
  color: string;
  typing: boolean;
}

/** A person in the room: one entry per user, however many tabs they have open. */
export interface Peer extends PresenceUser {
  /** This browser's own user. */
  self: boolean;
}

/** Distinct on white and as cursor labels behind white text (WCAG AA for the label text). */
export const PRESENCE_COLORS = ['#b91c1c', '#1d4ed8', '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#4d7c0f'] as const;

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** A user's colour: the same in every browser, since it follows from the user id. */
export const colorFor = (userId: number): string => PRESENCE_COLORS[Math.abs(userId) % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0];

/** A colour from another client, or a neutral grey if it isn't one we can paint with. */
export const safeColor = (value: unknown): string => (typeof value === 'string' && HEX_COLOR.test(value) ? value : '#6b7280');

/** The `user` of an awareness state, if it is well-formed. */
export function presenceOf(state: Record<string, unknown> | undefined): PresenceUser | null {
  const user = state?.['user'];
  if (user === null || typeof user !== 'object') return null;
  const { id, name, color, typing } = user as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof name !== 'string' || name.trim() === '') return null;
  return { id, name: name.slice(0, 100), color: safeColor(color), typing: typing === true };
}

/** Everyone present, the local user first, then by name; a user in several tabs is typing if any tab is. */
export function peersOf(awareness: Awareness, selfId: number): Peer[] {
  const byUser = new Map<number, Peer>();
  for (const state of awareness.getStates().values()) {
    const user = presenceOf(state);
    if (!user) continue;
    const seen = byUser.get(user.id);
    byUser.set(user.id, { ...user, typing: user.typing || (seen?.typing ?? false), self: user.id === selfId });
  }
  return [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}
