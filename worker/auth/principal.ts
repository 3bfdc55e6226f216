import type { Role } from '../db/tenant/users';

/** Who is calling: a tenant user through a session or an API token. */
export interface Principal {
  userId: number;
  role: Role;
  email: string;
  name: string;
  /** The session id when signed in by session (cookie or bearer). */
  sessionId: string | null;
  /** The API token id when signed in by API token. */
  tokenId: string | null;
  /** Cookie-authenticated requests are the ones CSRF can forge. */
  via: 'cookie' | 'bearer';
  /** Set when this request slid the session's expiry forward: the cookie must follow. */
  sessionRenewedUntil?: number;
}
