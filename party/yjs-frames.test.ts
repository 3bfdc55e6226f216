import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { awarenessImpersonation, parseYjsFrame } from './yjs-frames';

const ROOTS = new Set(['reply', 'note']);

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function updateFrame(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
  });
}

describe('reading Yjs protocol frames', () => {
  it('accepts what a standard provider sends: sync step 1, step 2, updates and awareness', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('reply').insert(0, [new Y.XmlText('hi')]);
    const step1 = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    const step2 = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
    });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { id: 7, name: 'Ann', color: '#f00' } });
    const presence = frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    });
    expect(parseYjsFrame(step1, ROOTS)).toMatchObject({ ok: true, frame: { kind: 'sync-step1' } });
    expect(parseYjsFrame(step2, ROOTS)).toMatchObject({ ok: true, frame: { kind: 'sync-step2' } });
    expect(parseYjsFrame(updateFrame(doc), ROOTS)).toMatchObject({ ok: true, frame: { kind: 'update' } });
    expect(parseYjsFrame(presence, ROOTS)).toMatchObject({
      ok: true,
      frame: { kind: 'awareness', entries: [{ clientId: doc.clientID, state: { user: { id: 7 } } }] },
    });
    awareness.destroy();
  });

  it('refuses text frames, unknown message types, truncated and padded frames, and garbage updates', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('reply').insert(0, [new Y.XmlText('hi')]);
    const good = updateFrame(doc);
    const refusals = [
      '{"type":"hello"}',
      '__YPS:custom',
      new Uint8Array([]),
      new Uint8Array([9]),
      new Uint8Array([0, 7, 0]),
      good.slice(0, good.length - 3),
      new Uint8Array([...good, 0]),
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
      }),
      frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, frame((a) => {
          encoding.writeVarUint(a, 1);
          encoding.writeVarUint(a, 5);
          encoding.writeVarUint(a, 1);
          encoding.writeVarString(a, 'not json');
        }));
      }),
      frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, frame((a) => {
          encoding.writeVarUint(a, 1);
          encoding.writeVarUint(a, 5);
          encoding.writeVarUint(a, 1);
          encoding.writeVarString(a, JSON.stringify({ user: { id: 1 }, cursor: 'x'.repeat(20_000) }));
        }));
      }),
    ];
    for (const data of refusals) {
      const parsed = parseYjsFrame(data, ROOTS);
      expect(parsed.ok, String(data)).toBe(false);
      if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(0);
    }
  });

  it('refuses an update that writes to a root type the room does not hold', () => {
    const doc = new Y.Doc();
    doc.getMap('elsewhere').set('x', 'y'.repeat(1000));
    expect(parseYjsFrame(updateFrame(doc), ROOTS)).toEqual({ ok: false, reason: 'the update writes to "elsewhere", which this room does not hold' });
  });
});

describe('awareness impersonation', () => {
  const mine = (id: unknown) => ({ user: { id, name: 'x' } });
  it('lets a connection announce itself, stay anonymous, or leave', () => {
    expect(awarenessImpersonation([{ clientId: 1, clock: 1, state: mine(7) }], 7, new Map())).toBeNull();
    expect(awarenessImpersonation([{ clientId: 1, clock: 1, state: mine('7') }], 7, new Map())).toBeNull();
    expect(awarenessImpersonation([{ clientId: 1, clock: 1, state: {} }], 7, new Map())).toBeNull();
    expect(awarenessImpersonation([{ clientId: 1, clock: 2, state: null }], 7, new Map([[1, mine(7)]]))).toBeNull();
  });

  it('refuses a state naming another user, and touching another user’s client', () => {
    expect(awarenessImpersonation([{ clientId: 1, clock: 1, state: mine(8) }], 7, new Map())).not.toBeNull();
    expect(awarenessImpersonation([{ clientId: 1, clock: 1, state: { user: 'someone' } }], 7, new Map())).not.toBeNull();
    expect(awarenessImpersonation([{ clientId: 2, clock: 9, state: null }], 7, new Map([[2, mine(8)]]))).not.toBeNull();
    expect(awarenessImpersonation([{ clientId: 2, clock: 9, state: {} }], 7, new Map([[2, mine(8)]]))).not.toBeNull();
  });
});
