import type { Role } from '$lib/api/types';

// Who may open which part of the app. The console is for staff; customers who
// reach a console address are sent to the portal's version of it, so they never
// load console pages (whose API calls would refuse them anyway). Staff reaching
// the portal go to the console's version, which shows them more.

export type Area = 'console' | 'portal' | 'open';

const CONSOLE_PREFIXES = ['/tickets', '/search', '/admin'];
const PORTAL_PREFIXES = ['/portal'];

const under = (pathname: string, prefixes: string[]) => prefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));

export function areaOf(pathname: string): Area {
  if (under(pathname, CONSOLE_PREFIXES)) return 'console';
  if (under(pathname, PORTAL_PREFIXES)) return 'portal';
  return 'open';
}

/** The login page, coming back to `url` afterwards. */
export function loginPath(url: URL): string {
  return `/login?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/** Where a user starts: agents in their inbox, customers in the portal. */
export const homeOf = (role: Role): string => (role === 'customer' ? '/portal' : '/tickets');

/** Where to send a request instead, or null to let it through. */
export function redirectFor(url: URL, user: { role: Role } | null): string | null {
  const area = areaOf(url.pathname);
  if (area === 'open') return null;
  if (!user) return loginPath(url);
  if (area === 'console' && user.role === 'customer') {
    const ticket = /^\/tickets\/(\d+)$/.exec(url.pathname);
    return ticket ? `/portal/tickets/${ticket[1]}` : '/portal';
  }
  if (area === 'portal' && user.role !== 'customer') {
    const ticket = /^\/portal\/tickets\/(\d+)$/.exec(url.pathname);
    return ticket ? `/tickets/${ticket[1]}` : '/tickets';
  }
  return null;
}

/** A `next` parameter taken only when it is a path on this origin. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
