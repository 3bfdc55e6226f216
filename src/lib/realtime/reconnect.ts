import { SocketClose } from '../../../party/socket-errors.ts';

// How the live clients get back after a drop. The socket libraries back off
// exponentially on their own but identically for everyone, so after a deploy
// or a room restart every browser would come back in the same millisecond;
// each reconnect also waits a random share of the current backoff ("full
// jitter"), which spreads the herd. Some closes mean "don't come back".

/** The state of one live connection, for showing to a person. */
export type ConnectionStatus =
  | { state: 'connecting'; attempt: number }
  | { state: 'connected' }
  /** Closed for good by the room: the reason says why (and reconnecting would not help). */
  | { state: 'closed'; code: number; reason: string };

export interface Backoff {
  /** The first retry waits up to this long… */
  baseMs: number;
  /** …each further one up to twice as long as the one before, never longer than this. */
  maxMs: number;
}

export const RECONNECT_BACKOFF: Backoff = { baseMs: 250, maxMs: 10_000 };

/**
 * How long retry number `attempt` (1, 2, …) waits on top of the socket's own backoff:
 * uniformly random in [0, min(maxMs, baseMs · 2^(attempt-1))]. `random` is injectable for tests.
 */
export function jitterDelay(attempt: number, backoff: Backoff = RECONNECT_BACKOFF, random: () => number = Math.random): number {
  if (attempt < 1) return 0;
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * ceiling);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Close codes after which a client stays closed (party/socket-errors.ts): the
 * session ended (sign in again), the document is full, or the client broke the
 * protocol or lost its access — the same request would be refused again.
 * Rate-limited (4429) clients do come back, after the backoff.
 */
const FINAL_CLOSES: ReadonlySet<number> = new Set([SocketClose.policy, SocketClose.sessionRevoked, SocketClose.tooLarge]);

export const isFinalClose = (code: number): boolean => FINAL_CLOSES.has(code);
