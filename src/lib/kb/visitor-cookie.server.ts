import type { Cookies } from '@sveltejs/kit';

// An anonymous reader's rating is counted once per visitor: the API sets a
// random `wnp_visitor` id in a cookie on the first rating. The rating form is
// posted to the web app, which calls the API through the service binding, so
// the cookie the API set must be passed on to the browser here.

const VISITOR_COOKIE = 'wnp_visitor';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Copies the visitor cookie of an API answer (if it set one) onto the page's answer. */
export function passOnVisitorCookie(response: Response, cookies: Cookies, url: URL): void {
  const setCookie = response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? ''];
  for (const line of setCookie) {
    const match = new RegExp(`^${VISITOR_COOKIE}=([A-Za-z0-9_-]{22,64})(;|$)`).exec(line);
    if (!match?.[1]) continue;
    cookies.set(VISITOR_COOKIE, match[1], {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      maxAge: ONE_YEAR_SECONDS,
    });
  }
}
