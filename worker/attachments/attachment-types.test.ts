import { describe, expect, it } from 'vitest';
import { allowedContentType, headMatchesType, isImageType } from './attachment-types';

const bytes = (...values: (number | string)[]): Uint8Array =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...new TextEncoder().encode(v)] : [v])));

describe('the attachment type allowlist', () => {
  it('reads the type from a Content-Type header, ignoring parameters and case', () => {
    expect(allowedContentType('Text/Plain; charset=utf-8')).toBe('text/plain');
    expect(allowedContentType('image/PNG')).toBe('image/png');
    for (const refused of ['text/html', 'image/svg+xml', 'application/octet-stream', 'application/x-msdownload', '', null, undefined]) {
      expect(allowedContentType(refused)).toBeNull();
    }
  });

  it('recognises each binary type by its magic bytes, and nothing else as it', () => {
    const samples = {
      'image/png': bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0),
      'image/jpeg': bytes(0xff, 0xd8, 0xff, 0xe0),
      'image/gif': bytes('GIF89a', 1, 0),
      'image/webp': bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '),
      'application/pdf': bytes('%PDF-1.7\n'),
      'application/zip': bytes('PK', 3, 4, 20, 0),
    } as const;
    for (const [type, head] of Object.entries(samples)) {
      for (const [other, otherHead] of Object.entries(samples)) {
        expect(headMatchesType(type as keyof typeof samples, otherHead), `${other} as ${type}`).toBe(type === other);
      }
      expect(headMatchesType(type as keyof typeof samples, head.subarray(0, 2)), `${type} cut short`).toBe(false);
    }
    expect(headMatchesType('image/webp', bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '))).toBe(false);
  });

  it('takes UTF-8 text, Russian included and cut mid-character, but not binary', () => {
    const russian = new TextEncoder().encode('принтер не печатает\r\n\tстрока 2\f');
    expect(headMatchesType('text/plain', russian)).toBe(true);
    expect(headMatchesType('text/plain', russian.subarray(0, 3))).toBe(true);
    expect(headMatchesType('text/csv', new Uint8Array())).toBe(true);
    expect(headMatchesType('text/plain', bytes('MZ', 0x90, 0, 3))).toBe(false);
    expect(headMatchesType('text/plain', bytes('ok', 0xff, 0xfe, 'ok'))).toBe(false);
    expect(headMatchesType('text/plain', bytes('esc', 0x1b, '[31m'))).toBe(false);
  });

  it('takes JSON that starts like a JSON value', () => {
    expect(headMatchesType('application/json', bytes(0xef, 0xbb, 0xbf, '  {"a": 1}'))).toBe(true);
    expect(headMatchesType('application/json', bytes('[1, 2]'))).toBe(true);
    expect(headMatchesType('application/json', bytes('<html>'))).toBe(false);
  });

  it('knows which types are images', () => {
    expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].every(isImageType)).toBe(true);
    expect(['application/pdf', 'text/plain', 'image/svg+xml'].some(isImageType)).toBe(false);
  });
});
