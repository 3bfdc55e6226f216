import { describe, expect, it } from 'vitest';
import { admit, freshRateState, MESSAGE_RATE, type RatePolicy, type RateState } from './chat-rate-limit';

/** Sends `count` frames at `now`, returning each verdict and the final state. */
function send(policy: RatePolicy, state: RateState, now: number, count: number) {
  const verdicts: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = admit(policy, state, now);
    verdicts.push(result.verdict);
    state = result.state;
  }
  return { verdicts, state };
}

describe('chat rate limit', () => {
  it('lets a burst of 10 messages through and refuses the 11th', () => {
    const { verdicts } = send(MESSAGE_RATE, freshRateState(MESSAGE_RATE, 0), 0, 11);
    expect(verdicts).toEqual([...Array(10).fill('allowed'), 'limited']);
  });

  it('calls the third refusal within a minute abuse', () => {
    const { verdicts } = send(MESSAGE_RATE, freshRateState(MESSAGE_RATE, 0), 0, 13);
    expect(verdicts.slice(10)).toEqual(['limited', 'limited', 'abusive']);
  });

  it('refills one message per second, up to the burst', () => {
    let { state } = send(MESSAGE_RATE, freshRateState(MESSAGE_RATE, 0), 0, 10);
    expect(admit(MESSAGE_RATE, state, 500).verdict).toBe('limited');
    expect(admit(MESSAGE_RATE, state, 1_000).verdict).toBe('allowed');
    ({ state } = send(MESSAGE_RATE, state, 60_000, 10));
    expect(admit(MESSAGE_RATE, state, 60_000).verdict).toBe('limited');
  });

  it('forgets strikes older than the strike window', () => {
    let { state } = send(MESSAGE_RATE, freshRateState(MESSAGE_RATE, 0), 0, 12);
    expect(state.strikes).toBe(2);
    ({ state } = send(MESSAGE_RATE, state, 120_000, 10));
    const later = admit(MESSAGE_RATE, state, 120_000);
    expect(later).toMatchObject({ verdict: 'limited', state: { strikes: 1 } });
  });

  it('keeps its state small enough for a socket attachment', () => {
    const { state } = send(MESSAGE_RATE, freshRateState(MESSAGE_RATE, Date.now()), Date.now(), 20);
    expect(JSON.stringify(state).length).toBeLessThan(120);
  });
});
