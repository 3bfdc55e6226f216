// Where a live client connects: the rooms live at /parties/<party>/<room> on
// the page's own origin (the web worker hands /parties/* to the API worker),
// and the tenant is named by that origin's host. A browser authenticates with
// its session cookie; Node (the benchmark, scripts) passes a token instead.

/** Options every connect function takes; a browser page needs none of them. */
export interface PartyOptions {
  /** host[:port] of the portal; defaults to the page's (`location.host`). */
  host?: string;
  /** wss (default on an https page) or ws. */
  secure?: boolean;
  /** A session or API token, sent as `?token=` (browsers rely on the session cookie instead). */
  token?: string;
  /** A WebSocket class to use instead of the global one (e.g. one that sets `X-Tenant` in Node). */
  WebSocket?: typeof WebSocket;
}

export interface PartyAddress {
  host: string;
  protocol: 'ws' | 'wss';
}

/** The page's location, where there is one (not in Node). */
const pageLocation = (): { host: string; protocol: string } | undefined =>
  (globalThis as { location?: { host: string; protocol: string } }).location;

/**
 * The host and scheme to connect to. The scheme is always explicit: the socket
 * libraries would otherwise guess from the host name and pick wss for
 * `demo.localhost:8787`, which serves plain ws under `npm start`.
 */
export function partyAddress(options: PartyOptions): PartyAddress {
  const page = pageLocation();
  const host = options.host ?? page?.host;
  if (!host) throw new Error('No host to connect to: pass options.host outside a browser.');
  const secure = options.secure ?? page?.protocol === 'https:';
  return { host, protocol: secure ? 'wss' : 'ws' };
}

/** The query a connection sends: the token when there is one. */
export const credentialParams = (options: PartyOptions): Record<string, string> => (options.token ? { token: options.token } : {});
