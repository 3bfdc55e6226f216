import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { colorFor, peersOf, PRESENCE_COLORS, presenceOf } from './presence';

/** An awareness with the given remote states in it, as if they had arrived from other clients. */
function roomWith(...states: Record<string, unknown>[]): Awareness {
  const local = new Awareness(new Y.Doc());
  for (const state of states) {
    const remote = new Awareness(new Y.Doc());
    remote.setLocalState(state);
    applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'remote');
    remote.destroy();
  }
  return local;
}

describe('presence', () => {
  it('gives each user the same colour in every browser, from the palette', () => {
    expect(colorFor(7)).toBe(colorFor(7));
    expect(new Set([0, 1, 2, 3, 4, 5, 6, 7].map(colorFor)).size).toBe(PRESENCE_COLORS.length);
  });

  it('reads a well-formed user and refuses anything else', () => {
    expect(presenceOf({ user: { id: 3, name: 'Sam', color: '#112233', typing: true } })).toEqual({ id: 3, name: 'Sam', color: '#112233', typing: true });
    expect(presenceOf({})).toBeNull();
    expect(presenceOf({ user: { id: '3', name: 'Sam' } })).toBeNull();
    expect(presenceOf({ user: { id: 3, name: '  ' } })).toBeNull();
    expect(presenceOf({ user: { id: 3, name: 'Sam', color: 'red; background: url(x)' } })?.color).toBe('#6b7280');
  });

  it('lists each user once, the local user first, typing if any of their tabs is', () => {
    const awareness = roomWith(
      { user: { id: 3, name: 'Sam Support', color: '#1d4ed8', typing: false } },
      { user: { id: 3, name: 'Sam Support', color: '#1d4ed8', typing: true } },
      { user: { id: 4, name: 'Adam Admin', color: '#047857', typing: false } },
      { cursor: null },
    );
    awareness.setLocalStateField('user', { id: 9, name: 'Zoe', color: '#b91c1c', typing: false });
    expect(peersOf(awareness, 9).map((p) => [p.name, p.self, p.typing])).toEqual([
      ['Zoe', true, false],
      ['Adam Admin', false, false],
      ['Sam Support', false, true],
    ]);
  });
});
