import { expect } from 'vitest';
import { call, PASSWORD, type TestTenant } from './harness';
import { seedDraft } from './yjs-socket';
import { pngUpload } from './attachment-fixtures';

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
  /** A file the caller uploaded to `ticketId`, and a public comment of theirs there (tests/integration/attachment-fixtures.ts). */
  attachmentId: number;
  commentId: number;
  /** A published public article, and an image of it. */
  articleId: number;
  articleImageId: number;
  /** Knowledge-base categories and an article written through the API (tests/integration/kb-fixtures.ts). */
  kbCategoryId: number;
  kbSubcategoryId: number;
  kbArticleId: number;
  kbArticleSlug: string;
  /** An SLA policy, and a business-hours calendar no policy uses (tests/integration/sla-fixtures.ts). */
  slaPolicyId: number;
  slaCalendarId: number;
  /** The caller's push subscription, a webhook endpoint and a dead notification (tests/integration/notification-fixtures.ts). */
  pushSubscriptionId: number;
  webhookId: number;
  deadLetterId: number;
  /** A custom inbound e-mail address of the tenant (tests/integration/inbound-address-fixtures.ts). */
  inboundAddress: string;
  /** A macro of the tenant (tests/integration/macro-fixtures.ts). */
  macroId: number;
}

export interface CatalogueEntry {
  /** `METHOD /path/{param}` exactly as in the OpenAPI document. */
  operation: string;
  /** The request for these targets: path with ids filled in, and a valid body (JSON, or a Blob sent raw: file uploads). */
  request: (t: Targets) => { path: string; body?: unknown };
  /** No sign-in needed (sign-up, login, accepting an invitation, the platform routes). */
  public?: boolean;
  /** Names an object by id in its path (or body): another tenant's id must answer 404. */
  object?: boolean;
  /** State the request needs besides its targets to succeed (a draft in the ticket's room to send). */
  prepare?: (tenant: TestTenant, t: Targets) => Promise<void>;
}

const SLA_HOURS = { time_zone: 'America/New_York', week: { '1': [{ start: '09:00', end: '17:00' }] }, holidays: [] };

let unique = 0;
const fresh = (): string => `${Date.now().toString(36)}${(unique++).toString(36)}`;

export const CATALOGUE: CatalogueEntry[] = [
  { operation: 'POST /api/v1/auth/signup', public: true, request: () => ({ path: '/api/v1/auth/signup', body: { email: `s-${fresh()}@x.test`, name: 'New customer', password: 'long enough password' } }) },
  { operation: 'POST /api/v1/auth/login', public: true, request: (t) => ({ path: '/api/v1/auth/login', body: { email: t.loginEmail, password: PASSWORD } }) },
  { operation: 'POST /api/v1/auth/logout', public: true, request: () => ({ path: '/api/v1/auth/logout' }) },
  { operation: 'GET /api/v1/auth/me', request: () => ({ path: '/api/v1/auth/me' }) },
  { operation: 'PATCH /api/v1/auth/me', request: () => ({ path: '/api/v1/auth/me', body: { locale: 'ru' } }) },
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
  { operation: 'GET /api/v1/tickets/{id}/events', object: true, request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}/events` }) },
  { operation: 'POST /api/v1/tickets/{id}/reply', object: true, prepare: (tenant, t) => seedDraft(tenant, t.ticketId, 'reply', 'Co-edited reply'), request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}/reply`, body: { status: 'open' } }) },
  { operation: 'POST /api/v1/tickets/{id}/note', object: true, prepare: (tenant, t) => seedDraft(tenant, t.ticketId, 'note', 'Co-edited note'), request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}/note`, body: { status: 'open' } }) },
  { operation: 'GET /api/v1/tags', request: () => ({ path: '/api/v1/tags' }) },
  { operation: 'POST /api/v1/tags', request: () => ({ path: '/api/v1/tags', body: { name: `tag-${fresh()}` } }) },
  { operation: 'PATCH /api/v1/tags/{id}', object: true, request: (t) => ({ path: `/api/v1/tags/${t.tagId}`, body: { color: '#123456' } }) },
  { operation: 'DELETE /api/v1/tags/{id}', object: true, request: (t) => ({ path: `/api/v1/tags/${t.tagId}` }) },
  { operation: 'GET /api/v1/macros', request: () => ({ path: '/api/v1/macros' }) },
  { operation: 'GET /api/v1/macros/{id}', object: true, request: (t) => ({ path: `/api/v1/macros/${t.macroId}` }) },
  { operation: 'POST /api/v1/macros', request: () => ({ path: '/api/v1/macros', body: { title: `Macro ${fresh()}`, body: 'Hi {{customer.name}}' } }) },
  { operation: 'PATCH /api/v1/macros/{id}', object: true, request: (t) => ({ path: `/api/v1/macros/${t.macroId}`, body: { status: 'solved' } }) },
  { operation: 'DELETE /api/v1/macros/{id}', object: true, request: (t) => ({ path: `/api/v1/macros/${t.macroId}` }) },
  { operation: 'GET /api/v1/audit-logs', request: () => ({ path: '/api/v1/audit-logs' }) },
  { operation: 'GET /api/v1/sla/calendars', request: () => ({ path: '/api/v1/sla/calendars' }) },
  { operation: 'POST /api/v1/sla/calendars', request: () => ({ path: '/api/v1/sla/calendars', body: { name: `Hours ${fresh()}`, ...SLA_HOURS } }) },
  { operation: 'PUT /api/v1/sla/calendars/{id}', object: true, request: (t) => ({ path: `/api/v1/sla/calendars/${t.slaCalendarId}`, body: { name: `Hours ${fresh()}`, ...SLA_HOURS } }) },
  { operation: 'DELETE /api/v1/sla/calendars/{id}', object: true, request: (t) => ({ path: `/api/v1/sla/calendars/${t.slaCalendarId}` }) },
  { operation: 'GET /api/v1/sla/policies', request: () => ({ path: '/api/v1/sla/policies' }) },
  { operation: 'POST /api/v1/sla/policies', request: () => ({ path: '/api/v1/sla/policies', body: { name: `Policy ${fresh()}`, targets: { first_response: 60 } } }) },
  { operation: 'POST /api/v1/sla/policies/reorder', object: true, request: (t) => ({ path: '/api/v1/sla/policies/reorder', body: { ids: [t.slaPolicyId] } }) },
  { operation: 'GET /api/v1/sla/policies/{id}', object: true, request: (t) => ({ path: `/api/v1/sla/policies/${t.slaPolicyId}` }) },
  { operation: 'PUT /api/v1/sla/policies/{id}', object: true, request: (t) => ({ path: `/api/v1/sla/policies/${t.slaPolicyId}`, body: { name: `Policy ${fresh()}`, targets: { resolution: 240 } } }) },
  { operation: 'DELETE /api/v1/sla/policies/{id}', object: true, request: (t) => ({ path: `/api/v1/sla/policies/${t.slaPolicyId}` }) },
  { operation: 'GET /api/v1/search', public: true, request: () => ({ path: '/api/v1/search?q=printer' }) },
  { operation: 'GET /api/v1/kb/suggest', public: true, request: () => ({ path: '/api/v1/kb/suggest?subject=printer%20offline' }) },
  { operation: 'GET /api/v1/kb/suggest/stats', request: () => ({ path: '/api/v1/kb/suggest/stats?limit=10' }) },
  { operation: 'POST /api/v1/kb/suggest/events', public: true, request: (t) => ({ path: '/api/v1/kb/suggest/events', body: { event: 'clicked', article_ids: [t.articleId] } }) },
  { operation: 'POST /api/v1/tickets/{id}/attachments', object: true, request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}/attachments?filename=shot.png`, body: pngUpload() }) },
  { operation: 'GET /api/v1/tickets/{id}/attachments', object: true, request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}/attachments` }) },
  { operation: 'POST /api/v1/tickets/{id}/comments/{comment_id}/attachments', object: true, request: (t) => ({ path: `/api/v1/tickets/${t.ticketId}/comments/${t.commentId}/attachments?filename=shot.png`, body: pngUpload() }) },
  { operation: 'GET /api/v1/attachments/{id}', object: true, request: (t) => ({ path: `/api/v1/attachments/${t.attachmentId}` }) },
  { operation: 'GET /api/v1/attachments/{id}/content', object: true, request: (t) => ({ path: `/api/v1/attachments/${t.attachmentId}/content` }) },
  { operation: 'DELETE /api/v1/attachments/{id}', object: true, request: (t) => ({ path: `/api/v1/attachments/${t.attachmentId}` }) },
  { operation: 'POST /api/v1/kb/articles/{id}/images', object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.articleId}/images?filename=diagram.png`, body: pngUpload() }) },
  { operation: 'GET /api/v1/kb/images/{id}', public: true, object: true, request: (t) => ({ path: `/api/v1/kb/images/${t.articleImageId}` }) },
  { operation: 'GET /api/v1/settings/attachments', request: () => ({ path: '/api/v1/settings/attachments' }) },
  { operation: 'PATCH /api/v1/settings/attachments', request: () => ({ path: '/api/v1/settings/attachments', body: { quota_bytes: 10 * 2 ** 30 } }) },
  { operation: 'GET /api/v1/kb/categories', public: true, request: () => ({ path: '/api/v1/kb/categories' }) },
  { operation: 'POST /api/v1/kb/categories', request: () => ({ path: '/api/v1/kb/categories', body: { slug: `c-${fresh()}`, names: { en: 'Printing', ru: 'Печать' } } }) },
  { operation: 'POST /api/v1/kb/categories/reorder', object: true, request: (t) => ({ path: '/api/v1/kb/categories/reorder', body: { parent_id: t.kbCategoryId, ids: [t.kbSubcategoryId] } }) },
  { operation: 'GET /api/v1/kb/categories/{id}', public: true, object: true, request: (t) => ({ path: `/api/v1/kb/categories/${t.kbCategoryId}` }) },
  { operation: 'PATCH /api/v1/kb/categories/{id}', object: true, request: (t) => ({ path: `/api/v1/kb/categories/${t.kbCategoryId}`, body: { names: { en: 'Renamed' } } }) },
  { operation: 'DELETE /api/v1/kb/categories/{id}', object: true, request: (t) => ({ path: `/api/v1/kb/categories/${t.kbSubcategoryId}` }) },
  { operation: 'GET /api/v1/kb/articles', public: true, request: () => ({ path: '/api/v1/kb/articles' }) },
  { operation: 'POST /api/v1/kb/articles', request: () => ({ path: '/api/v1/kb/articles', body: { title: `Printer ${fresh()}`, locale: 'en', body_markdown: 'Turn it off and on.' } }) },
  { operation: 'GET /api/v1/kb/articles/{id}', public: true, object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.kbArticleId}` }) },
  { operation: 'GET /api/v1/kb/articles/slug/{locale}/{slug}', public: true, request: (t) => ({ path: `/api/v1/kb/articles/slug/en/${encodeURIComponent(t.kbArticleSlug)}` }) },
  { operation: 'PATCH /api/v1/kb/articles/{id}', object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.kbArticleId}`, body: { summary: 'Updated' } }) },
  { operation: 'DELETE /api/v1/kb/articles/{id}', object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.kbArticleId}` }) },
  { operation: 'POST /api/v1/kb/articles/{id}/translations', object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.kbArticleId}/translations`, body: { locale: 'ru', title: `Принтер ${fresh()}`, body_markdown: 'Выключите и включите.' } }) },
  { operation: 'GET /api/v1/kb/articles/{id}/translations', public: true, object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.kbArticleId}/translations` }) },
  { operation: 'GET /api/v1/kb/articles/{id}/versions', object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.kbArticleId}/versions` }) },
  { operation: 'GET /api/v1/kb/articles/{id}/versions/{version}', object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.kbArticleId}/versions/1` }) },
  { operation: 'GET /api/v1/kb/articles/{id}/versions/{version}/diff', object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.kbArticleId}/versions/1/diff` }) },
  { operation: 'POST /api/v1/kb/articles/{id}/ratings', public: true, object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.kbArticleId}/ratings`, body: { helpful: true, comment: 'Thanks' } }) },
  { operation: 'GET /api/v1/kb/articles/{id}/ratings', object: true, request: (t) => ({ path: `/api/v1/kb/articles/${t.kbArticleId}/ratings` }) },
  { operation: 'GET /api/v1/settings/retention', request: () => ({ path: '/api/v1/settings/retention' }) },
  { operation: 'PATCH /api/v1/settings/retention', request: () => ({ path: '/api/v1/settings/retention', body: { audit_log_days: 400 } }) },
  { operation: 'GET /api/v1/settings/email-addresses', request: () => ({ path: '/api/v1/settings/email-addresses' }) },
  {
    operation: 'POST /api/v1/settings/email-addresses',
    request: (t) => ({ path: '/api/v1/settings/email-addresses', body: { address: `another-${t.inboundAddress}` } }),
  },
  {
    operation: 'DELETE /api/v1/settings/email-addresses/{address}',
    object: true,
    request: (t) => ({ path: `/api/v1/settings/email-addresses/${encodeURIComponent(t.inboundAddress)}` }),
  },
  { operation: 'GET /api/v1/notifications/preferences', request: () => ({ path: '/api/v1/notifications/preferences' }) },
  { operation: 'PUT /api/v1/notifications/preferences', request: () => ({ path: '/api/v1/notifications/preferences', body: { sms_phone: '+79161234567', events: [{ event: 'ticket.reply', email: true, sms: true, push: false }] } }) },
  { operation: 'GET /api/v1/notifications/push-key', request: () => ({ path: '/api/v1/notifications/push-key' }) },
  { operation: 'POST /api/v1/notifications/push-subscriptions', request: () => ({ path: '/api/v1/notifications/push-subscriptions', body: { endpoint: `https://push.example.net/s/${fresh()}`, keys: { p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4', auth: 'BTBZMqHH6r4Tts7J_aSIgg' } } }) },
  { operation: 'GET /api/v1/notifications/push-subscriptions', request: () => ({ path: '/api/v1/notifications/push-subscriptions' }) },
  { operation: 'DELETE /api/v1/notifications/push-subscriptions/{id}', object: true, request: (t) => ({ path: `/api/v1/notifications/push-subscriptions/${t.pushSubscriptionId}` }) },
  { operation: 'GET /api/v1/notifications/webhooks', request: () => ({ path: '/api/v1/notifications/webhooks' }) },
  { operation: 'POST /api/v1/notifications/webhooks', request: () => ({ path: '/api/v1/notifications/webhooks', body: { url: `https://hooks.example.net/${fresh()}`, events: ['ticket.created', 'sla.breach'], description: 'CRM' } }) },
  { operation: 'DELETE /api/v1/notifications/webhooks/{id}', object: true, request: (t) => ({ path: `/api/v1/notifications/webhooks/${t.webhookId}` }) },
  { operation: 'GET /api/v1/notifications/dead-letters', request: () => ({ path: '/api/v1/notifications/dead-letters' }) },
  { operation: 'POST /api/v1/notifications/dead-letters/{id}/replay', object: true, request: (t) => ({ path: `/api/v1/notifications/dead-letters/${t.deadLetterId}/replay` }) },
  { operation: 'GET /api/v1/notifications/outbox', request: () => ({ path: '/api/v1/notifications/outbox' }) },
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
