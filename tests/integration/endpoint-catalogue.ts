import { expect } from 'vitest';
import { call, PASSWORD, type TestTenant } from './harness';
import { seedDraft } from './yjs-socket';

// Every operation of the API, with a request that would succeed for a caller
// allowed to make it. The isolation, permission and fuzz matrices walk this list;
// `expectCatalogueCoversApi()` fails when a route is added without joining it.

/** The objects a request may point at. */
export interface Targets {
  ticketId: number;
  userId: number;
  tagId: number;
  sessionId: string;
  tokenId: string;
  invitationToken: string;
  /** An account whose password is the harness's `PASSWORD`. */
  loginEmail: string;
}

export interface CatalogueEntry {
  /** `METHOD /path/{param}` exactly as in the OpenAPI document. */
  operation: string;
  /** The request for these targets: path with ids filled in, and a valid body. */
  request: (t: Targets) => { path: string; body?: unknown };
  /** No sign-in needed (sign-up, login, accepting an invitation, the platform routes). */
  public?: boolean;
  /** Names an object by id in its path (or body): another tenant's id must answer 404. */
  object?: boolean;
  /** State the request needs besides its targets to succeed (a draft in the ticket's room to send). */
  prepare?: (tenant: TestTenant, t: Targets) => Promise<void>;
}

let unique = 0;
const fresh = (): string => `${Date.now().toString(36)}${(unique++).toString(36)}`;

export const CATALOGUE: CatalogueEntry[] = [
  { operation: 'POST /api/v1/auth/signup', public: true, request: () => ({ path: '/api/v1/auth/signup', body: { email: `s-${fresh()}@x.test`, name: 'New customer', password: 'long enough password' } }) },
  { operation: 'POST /api/v1/auth/login', public: true, request: (t) => ({ path: '/api/v1/auth/login', body: { email: t.loginEmail, password: PASSWORD } }) },
  { operation: 'POST /api/v1/auth/logout', public: true, request: () => ({ path: '/api/v1/auth/logout' }) },
  { operation: 'GET /api/v1/auth/me', request: () => ({ path: '/api/v1/auth/me' }) },
  { operation: 'POST /api/v1/auth/password', request: () => ({ path: '/api/v1/auth/password', body: { current_password: 'wrong but long enough', new_password: 'a new long password' } }) },
  { operation: 'GET /api/v1/auth/sessions', request: () => ({ path: '/api/v1/auth/sessions' }) },
  { operation: 'DELETE /api/v1/auth/sessions/{id}', object: true, request: (t) => ({ path: `/api/v1/auth/sessions/${t.sessionId}` }) },
  { operation: 'GET /api/v1/auth/tokens', request: () => ({ path: '/api/v1/auth/tokens' }) },
  { operation: 'POST /api/v1/auth/tokens', request: () => ({ path: '/api/v1/auth/tokens', body: { name: `token ${fresh()}` } }) },
  { operation: 'DELETE /api/v1/auth/tokens/{id}', object: true, request: (t) => ({ path: `/api/v1/auth/tokens/${t.tokenId}` }) },
  { operation: 'POST /api/v1/invitations', request: () => ({ path: '/api/v1/invitations', body: { email: `i-${fresh()}@x.test`, role: 'agent' } }) },
  { operation: 'POST /api/v1/invitations/accept', public: true, object: true, request: (t) => ({ path: '/api/v1/invitations/accept', body: { token: t.invitationToken, name: 'Invitee', password: 'long enough password' } }) },
  { operation: 'GET /api/v1/users', request: () => ({ path: '/api/v1/users' }) },
  { operation: 'GET /api/v1/users/{id}', object: true, request: (t) => ({ path: `/api/v1/users/${t.userId}` }) },
  { operation: 'PATCH /api/v1/users/{id}/role', object: true, request: (t) => ({ path: `/api/v1/users/${t.userId}/role`, body: { role: 'agent' } }) },
  { operation: 'POST /api/v1/users/{id}/deactivate', object: true, request: (t) => ({ path: `/api/v1/users/${t.userId}/deactivate` }) },
  { operation: 'POST /api/v1/tickets', request: () => ({ path: '/api/v1/tickets', body: { subject: `Printer ${fresh()}`, description: 'It does not print.' } }) },
  { operation: 'GET /api/v1/tickets', request: () => ({ path: '/api/v1/tickets' }) },
  { operation: 'POST /api/v1/tickets/bulk', object: true, request: (t) => ({ path: '/api/v1/tickets/bulk', body: { ids: [t.ticketId], changes: { priority: 'high' } } }) },
  { operation: 'GET /api/v1/tickets/{id}', object: true, request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}` }) },
  { operation: 'PATCH /api/v1/tickets/{id}', object: true, request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}`, body: { priority: 'urgent' } }) },
  { operation: 'POST /api/v1/tickets/{id}/comments', object: true, request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}/comments`, body: { body: 'Any news?', public: true } }) },
  { operation: 'GET /api/v1/tickets/{id}/comments', object: true, request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}/comments` }) },
  { operation: 'POST /api/v1/tickets/{id}/reply', object: true, prepare: (tenant, t) => seedDraft(tenant, t.ticketId, 'reply', 'Co-edited reply'), request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}/reply`, body: { status: 'open' } }) },
  { operation: 'POST /api/v1/tickets/{id}/note', object: true, prepare: (tenant, t) => seedDraft(tenant, t.ticketId, 'note', 'Co-edited note'), request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}/note`, body: { status: 'open' } }) },
  { operation: 'GET /api/v1/tags', request: () => ({ path: '/api/v1/tags' }) },
  { operation: 'POST /api/v1/tags', request: () => ({ path: '/api/v1/tags', body: { name: `tag-${fresh()}` } }) },
  { operation: 'PATCH /api/v1/tags/{id}', object: true, request: (t) => ({ path: `/api/v1/tags/${t.tagId}`, body: { color: '#123456' } }) },
  { operation: 'DELETE /api/v1/tags/{id}', object: true, request: (t) => ({ path: `/api/v1/tags/${t.tagId}` }) },
  { operation: 'GET /api/v1/audit-logs', request: () => ({ path: '/api/v1/audit-logs' }) },
];

/** Platform routes outside any tenant; they have their own tests. */
export const PLATFORM_OPERATIONS = ['GET /health', 'GET /health/ready', 'POST /api/v1/tenants'];

export const methodOf = (entry: CatalogueEntry): string => entry.operation.split(' ')[0] as string;

/** Every operation the OpenAPI document declares is in the catalogue, and nothing else. */
export async function expectCatalogueCoversApi(): Promise<void> {
  const doc = (await (await call('GET', '/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  const declared = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
  const known = [...CATALOGUE.map((e) => e.operation), ...PLATFORM_OPERATIONS];
  expect(declared.filter((op) => !known.includes(op)), 'operations missing from the catalogue').toEqual([]);
  expect(CATALOGUE.map((e) => e.operation).filter((op) => !declared.includes(op)), 'catalogue entries the API lacks').toEqual([]);
}
