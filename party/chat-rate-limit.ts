// How fast one chat connection may send. A token bucket per connection: a
// burst of `burst` frames, refilled at `burst` per `windowMs`; a frame that
// finds the bucket empty is refused and counts as a strike, and `strikes`
// strikes within `strikeWindowMs` mean the sender is abusing the room.
// The state is four numbers so it fits in the socket's attachment (2 KB),
// which is what lets the limit survive the room hibernating.

export interface RatePolicy {
  /** Frames allowed at once, and refilled per `windowMs`. */
  burst: number;
  windowMs: number;
  /** Refusals within `strikeWindowMs` that end the connection. */
  strikes: number;
  strikeWindowMs: number;
}

export interface RateState {
  tokens: number;
  /** When `tokens` was last brought up to date (epoch ms). */
  at: number;
  strikes: number;
  /** When the last strike was counted (epoch ms); strikes older than the window are forgotten. */
  struckAt: number;
}

export type RateVerdict = 'allowed' | 'limited' | 'abusive';

/** Chat messages: 10 per 10 seconds; the third refusal within a minute closes the connection. */
export const MESSAGE_RATE: RatePolicy = { burst: 10, windowMs: 10_000, strikes: 3, strikeWindowMs: 60_000 };

/** Typing indicators and read receipts: cheap, but still bounded. */
export const SIGNAL_RATE: RatePolicy = { burst: 30, windowMs: 10_000, strikes: 3, strikeWindowMs: 60_000 };

export const freshRateState = (policy: RatePolicy, now: number): RateState => ({ tokens: policy.burst, at: now, strikes: 0, struckAt: 0 });

/** Decides whether one more frame may pass at `now`, and the state after it. */
export function admit(policy: RatePolicy, state: RateState, now: number): { verdict: RateVerdict; state: RateState } {
  const elapsed = Math.max(0, now - state.at);
  const tokens = Math.min(policy.burst, state.tokens + (elapsed * policy.burst) / policy.windowMs);
  if (tokens >= 1) {
    return { verdict: 'allowed', state: { ...state, tokens: tokens - 1, at: now } };
  }
  const recent = now - state.struckAt <= policy.strikeWindowMs ? state.strikes : 0;
  const strikes = recent + 1;
  return {
    verdict: strikes >= policy.strikes ? 'abusive' : 'limited',
    state: { tokens, at: now, strikes, struckAt: now },
  };
}
