import { describe, expect, it } from 'vitest';
import { chatErrorFrame, MAX_FRAME_BYTES, MAX_MESSAGE_BYTES, parseClientFrame, ServerFrame } from './chat-frames';

const frame = (value: unknown) => parseClientFrame(JSON.stringify(value));

describe('chat frames', () => {
  it('reads the three client frames', () => {
    expect(frame({ type: 'message', text: 'Привет, is anyone there?', client_id: 'c-1' })).toEqual({
      ok: true,
      frame: { type: 'message', text: 'Привет, is anyone there?', client_id: 'c-1' },
    });
    expect(frame({ type: 'typing', typing: true })).toEqual({ ok: true, frame: { type: 'typing', typing: true } });
    expect(frame({ type: 'read', up_to: 42 })).toEqual({ ok: true, frame: { type: 'read', up_to: 42 } });
  });

  it('closes on broken JSON, non-objects and binary frames', () => {
    for (const raw of ['{"type":', 'null', '[1]', '"message"', new Uint8Array([1, 2]).buffer]) {
      expect(parseClientFrame(raw)).toMatchObject({ ok: false, code: 'malformed_frame', close: true });
    }
  });

  it('closes on an unknown or missing type, including inherited names', () => {
    for (const type of ['shout', undefined, 42, 'toString', '__proto__']) {
      expect(frame({ type, text: 'x' })).toMatchObject({ ok: false, code: 'unknown_type', close: true });
    }
  });

  it('closes on wrong field types, unknown fields and missing fields, naming them', () => {
    const cases = [
      { type: 'message', text: 42, client_id: 'c' },
      { type: 'message', text: 'hi' },
      { type: 'message', text: 'hi', client_id: 'c', author_id: 1 },
      { type: 'message', text: '   ', client_id: 'c' },
      { type: 'message', text: 'bell\u0007', client_id: 'c' },
      { type: 'message', text: 'hi', client_id: 'has space' },
      { type: 'typing', typing: 'yes' },
      { type: 'read', up_to: -1 },
      { type: 'read', up_to: 1.5 },
    ];
    for (const value of cases) {
      const result = frame(value);
      expect(result, JSON.stringify(value)).toMatchObject({ ok: false, code: 'invalid_frame', close: true });
    }
    expect(frame({ type: 'typing', typing: 'yes' })).toMatchObject({ detail: expect.stringContaining('typing') });
  });

  it('refuses a message over 4 KB without closing, naming its client_id', () => {
    const chars = frame({ type: 'message', text: 'a'.repeat(4001), client_id: 'big' });
    expect(chars).toMatchObject({ ok: false, code: 'too_large', close: false, client_id: 'big' });
    // 1,500 Cyrillic letters are 3,000 bytes; 2,100 are 4,200: under 4,000 characters, over 4 KB.
    expect(frame({ type: 'message', text: 'я'.repeat(1500), client_id: 'ok' })).toMatchObject({ ok: true });
    expect(frame({ type: 'message', text: 'я'.repeat(2100), client_id: 'bytes' })).toMatchObject({ code: 'too_large', close: false });
    expect(frame({ type: 'message', text: 'a'.repeat(MAX_MESSAGE_BYTES), client_id: 'edge' })).toMatchObject({ ok: false });
  });

  it('closes on a frame too large to parse', () => {
    const raw = JSON.stringify({ type: 'message', text: 'a'.repeat(MAX_FRAME_BYTES), client_id: 'c' });
    expect(parseClientFrame(raw)).toMatchObject({ ok: false, code: 'malformed_frame', close: true });
  });

  it('builds error frames that the server-frame schema reads', () => {
    const parsed = ServerFrame.parse(JSON.parse(chatErrorFrame('rate_limited', 'Slow down.', 'c-9')));
    expect(parsed).toEqual({ type: 'error', code: 'rate_limited', detail: 'Slow down.', client_id: 'c-9' });
  });
});
