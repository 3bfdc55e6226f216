import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import worker from '../../worker/index';
import { hashPassword } from '../../worker/auth/password';
import { createSession } from '../../worker/auth/sessions';
import { tenants } from '../../worker/db/directory/schema';
import { users, type Role } from '../../worker/db/tenant/users';
import { directoryDb } from '../../worker/tenancy/directory';
import { tenantDb, type TenantDb } from '../../worker/tenancy/tenant-db';

// Test harness: real requests through the worker's own entry point, inside workerd,
// against the real D1 databases of this test file.

export const OPERATOR_TOKEN = 'test-operator-token';
export const PASSWORD = 'correct horse battery staple';

export interface TestTenant {
  id: string;
  slug: string;
  host: string;
  db: TenantDb;
  ownerInvitation: string;
}

export interface TestUser {
  id: number;
  email: string;
  role: Role;
  /** Session token, usable as `Authorization: Bearer` or as the cookie. */
  token: string;
}

export interface CallOptions {
  token?: string;
  /** Send the token as the session cookie instead of a bearer header (adds a same-origin marker). */
  cookie?: string;
  /** A JSON value, or a Blob sent raw with its type (file uploads). */
  body?: unknown;
  /** A raw body sent as is (with `content-type` from headers). */
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  host?: string;
}

/** Sends a request through the worker exactly as the runtime would. */
export async function call(method: string, url: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  if (options.cookie) {
    headers.set('cookie', `wnp_session=${options.cookie}`);
    if (!headers.has('sec-fetch-site')) headers.set('sec-fetch-site', 'same-origin');
  }
  let body: BodyInit | undefined = options.rawBody;
  if (options.body instanceof Blob) {
    // A file upload: the bytes as the body, typed and sized as a browser sends a File.
    body = options.body;
    headers.set('content-type', options.body.type);
    headers.set('content-length', String(options.body.size));
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const target = url.startsWith('http') ? url : `http://${options.host ?? 'localhost'}${url}`;
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(target, { method, headers, body }), env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A request inside a tenant, addressed by its host name. */
export function tenantCall(tenant: TestTenant, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  return call(method, path, { host: tenant.host, ...options });
}

let counter = 0;
const uniqueSlug = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Creates a tenant through the operator API, as production does. */
export async function createTenant(prefix = 't'): Promise<TestTenant> {
  const slug = uniqueSlug(prefix);
  const response = await call('POST', '/api/v1/tenants', {
    token: OPERATOR_TOKEN,
    body: { slug, name: `Tenant ${slug}`, admin_email: `owner@${slug}.test` },
  });
  if (response.status !== 201) throw new Error(`tenant creation failed: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { id: string; owner_invitation: { token: string } };
  const tenant = await directoryDb(env).select().from(tenants).where(eq(tenants.id, created.id)).get();
  if (!tenant) throw new Error('tenant missing from the directory');
  return {
    id: tenant.id,
    slug,
    host: `${slug}.localhost`,
    db: tenantDb(env, tenant),
    ownerInvitation: created.owner_invitation.token,
  };
}

let passwordHash: Promise<string> | null = null;

/** Adds a user with `PASSWORD` straight into the tenant's database and signs them in. */
export async function addUser(tenant: TestTenant, role: Role, name: string = role): Promise<TestUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const email = `${name}-${(counter++).toString(36)}@${tenant.slug}.test`.toLowerCase();
  const [row] = await tenant.db
    .insert(users)
    .values({ email, name, role, passwordHash: await passwordHash })
    .returning();
  if (!row) throw new Error('user insert failed');
  const session = await createSession(tenant.db, row.id, { ttlDays: 30 });
  return { id: row.id, email, role, token: session.token };
}

/** A problem+json body, asserted to be one. */
export async function problem(response: Response): Promise<{ status: number; detail: string; errors?: { field: string; detail: string }[] }> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${type}: ${await response.text()}`);
  }
  return response.json();
}
