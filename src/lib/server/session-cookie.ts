import type { Cookies } from '@sveltejs/kit';

/** The API's session cookie (worker/http/authenticate.ts). */
export const SESSION_COOKIE = 'wnp_session';

type CookieOptions = Parameters<Cookies['set']>[2];

export interface ParsedSetCookie {
  name: string;
  value: string;
  options: CookieOptions;
}

/**
 * Reads one `Set-Cookie` header into the name, value and attributes that
 * SvelteKit's `cookies.set` takes, so a cookie the API sets on a server-side
 * call reaches the browser unchanged (value kept verbatim, not re-encoded).
 */
export function parseSetCookie(header: string): ParsedSetCookie | null {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  const options: CookieOptions = { path: '/', encode: (v) => v, httpOnly: false, secure: false };
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const val = rest.join('=').trim();
    if (key === 'path') options.path = val || '/';
    else if (key === 'domain') options.domain = val;
    else if (key === 'max-age' && /^-?\d+$/.test(val)) options.maxAge = Number(val);
    else if (key === 'expires' && !Number.isNaN(Date.parse(val))) options.expires = new Date(val);
    else if (key === 'httponly') options.httpOnly = true;
    else if (key === 'secure') options.secure = true;
    else if (key === 'samesite') {
      const sameSite = val.toLowerCase();
      if (sameSite === 'lax' || sameSite === 'strict' || sameSite === 'none') options.sameSite = sameSite;
    }
  }
  return { name, value, options };
}

/** Passes the cookies an API response sets on to the browser. */
export function forwardSetCookies(response: { headers: Headers }, cookies: Cookies): void {
  for (const header of response.headers.getSetCookie()) {
    const cookie = parseSetCookie(header);
    if (cookie) cookies.set(cookie.name, cookie.value, cookie.options);
  }
}
