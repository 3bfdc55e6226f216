import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './http/app-env';
import { authenticate } from './http/authenticate';
import { csrfGuard } from './http/csrf';
import { limitBody, requireJsonBody } from './http/json-body';
import { ProblemError, problemResponse } from './http/problem';
import { securityHeaders } from './http/security-headers';
import { tenantContext } from './http/tenant-context';
import { validationHook } from './http/validation-hook';
import { attachmentsRouter } from './routes/attachments/attachments.index';
import { auditRouter } from './routes/audit/audit.index';
import { authRouter } from './routes/auth/auth.index';
import { docsRouter } from './routes/docs/docs.index';
import { kbRouter } from './routes/kb/kb.index';
import { macrosRouter } from './routes/macros/macros.index';
import { notificationsRouter } from './routes/notifications/notifications.index';
import { searchRouter } from './routes/search/search.index';
import { health } from './routes/health/health.index';
import { settingsRouter } from './routes/settings/settings.index';
import { slaRouter } from './routes/sla/sla.index';
import { tagsRouter } from './routes/tags/tags.index';
import { tenantsRouter } from './routes/tenants/tenants.index';
import { ticketsRouter } from './routes/tickets/tickets.index';
import { usersRouter } from './routes/users/users.index';

export const API_PREFIX = '/api/v1';

/** Routes under /api/v1 that are not inside a tenant. */
const PLATFORM_PATHS = new Set([`${API_PREFIX}/tenants`, `${API_PREFIX}/openapi.json`, `${API_PREFIX}/docs`]);

/** The API: one error shape, one 404, tenant and caller resolved before any tenant route. */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ strict: false, defaultHook: validationHook });

  app.use('*', requestId({ headerName: 'x-request-id' }), securityHeaders);
  app.use(`${API_PREFIX}/*`, limitBody, requireJsonBody, csrfGuard, async (c, next) => {
    if (PLATFORM_PATHS.has(c.req.path)) return next();
    await tenantContext(c, async () => {
      await authenticate(c, next);
    });
  });

  const api = app
    .route('/', health)
    .route(API_PREFIX, tenantsRouter)
    .route(API_PREFIX, authRouter)
    .route(API_PREFIX, usersRouter)
    .route(API_PREFIX, ticketsRouter)
    .route(API_PREFIX, tagsRouter)
    .route(API_PREFIX, macrosRouter)
    .route(API_PREFIX, auditRouter)
    .route(API_PREFIX, settingsRouter)
    .route(API_PREFIX, searchRouter)
    .route(API_PREFIX, kbRouter)
    .route(API_PREFIX, attachmentsRouter)
    .route(API_PREFIX, slaRouter)
    .route(API_PREFIX, notificationsRouter);

  api.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', { type: 'apiKey', in: 'cookie', name: 'wnp_session' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'operatorToken', { type: 'http', scheme: 'bearer' });
  api.doc31(`${API_PREFIX}/openapi.json`, {
    openapi: '3.1.0',
    info: {
      title: 'WorkerNet Portal API',
      version: '1.0.0',
      description:
        'Tenant routes are addressed by host (`<tenant>.<APP_DOMAIN>`) or the `X-Tenant` header. Errors are RFC 9457 problem+json.',
    },
    security: [{ sessionCookie: [] }, { bearer: [] }],
  });
  api.route(API_PREFIX, docsRouter);

  app.notFound((c) => problemResponse(c, 404, 'not-found', `No route matches ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => {
    if (error instanceof ProblemError) {
      return problemResponse(c, error.status, error.code, error.message, error.extra, error.headers);
    }
    if (error instanceof HTTPException) {
      if (error.status === 400) return problemResponse(c, 400, 'malformed-json', 'The request body is not valid JSON.');
      return problemResponse(c, error.status, 'http-error', error.message || 'The request failed.');
    }
    console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), path: c.req.path, error: String(error) }));
    return problemResponse(c, 500, 'internal', 'Something went wrong on our side. The request id identifies it.');
  });
  return api;
}

export type ApiApp = ReturnType<typeof createApp>;
