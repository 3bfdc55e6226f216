import { describe, expect, it } from 'vitest';
import { closeReason, closeSocket, errorFrame, MAX_CLOSE_REASON_BYTES, SocketClose } from './socket-errors';

describe('socket errors', () => {
  it('keeps a short reason as it is', () => {
    expect(closeReason('Malformed frame: unknown message type 9.')).toBe('Malformed frame: unknown message type 9.');
  });

  it('cuts a long reason to what a close frame carries, without splitting a character', () => {
    for (const reason of ['x'.repeat(500), 'я'.repeat(200), '🙂'.repeat(100)]) {
      const cut = closeReason(reason);
      expect(new TextEncoder().encode(cut).length).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
      expect(cut.endsWith('…')).toBe(true);
      expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
  });

  it('closes with the code and the cut reason, and ignores a socket that is already gone', () => {
    const calls: [number | undefined, string | undefined][] = [];
    closeSocket({ close: (code, reason) => calls.push([code, reason]) }, SocketClose.tooLarge, 'y'.repeat(300));
    expect(calls[0]?.[0]).toBe(4413);
    expect(new TextEncoder().encode(calls[0]?.[1]).length).toBeLessThanOrEqual(123);
    expect(() =>
      closeSocket(
        {
          close: () => {
            throw new TypeError('already closed');
          },
        },
        SocketClose.policy,
        'x',
      ),
    ).not.toThrow();
  });

  it('has one error frame shape for the rooms that speak JSON', () => {
    expect(JSON.parse(errorFrame('rate_limited', 'Slow down.'))).toEqual({ type: 'error', code: 'rate_limited', detail: 'Slow down.' });
  });
});
