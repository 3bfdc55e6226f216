import { describe, expect, it } from 'vitest';
import { parseSetCookie } from './session-cookie';

describe('parseSetCookie', () => {
  it('keeps the session token verbatim with every attribute the API sets', () => {
    const parsed = parseSetCookie('wnp_session=abc123.def-456_x; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=2592000');
    expect(parsed?.name).toBe('wnp_session');
    expect(parsed?.value).toBe('abc123.def-456_x');
    expect(parsed?.options).toMatchObject({ path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: 2592000 });
    expect(parsed?.options.encode?.('a.b%c')).toBe('a.b%c');
  });

  it('reads a clearing cookie (empty value, expiry in the past)', () => {
    const parsed = parseSetCookie('wnp_session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    expect(parsed).toMatchObject({ name: 'wnp_session', value: '', options: { maxAge: 0 } });
    expect(parsed?.options.expires?.getTime()).toBe(0);
  });

  it('refuses a header without a cookie name', () => {
    expect(parseSetCookie('=value; Path=/')).toBeNull();
    expect(parseSetCookie('garbage')).toBeNull();
  });
});
