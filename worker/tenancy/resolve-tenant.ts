import { eq } from 'drizzle-orm';
import { tenants, type Tenant } from '../db/directory/schema';
import { directoryDb } from './directory';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/**
 * The tenant slug a request names: the first label of `<slug>.<APP_DOMAIN>`
 * (`acme.localhost` locally), else the `X-Tenant` header. A host and a header
 * that disagree are a client error, reported by returning `conflict`.
 */
export function tenantSlugFromRequest(
  url: URL,
  header: string | undefined,
  appDomain: string,
): { slug: string | null } | { conflict: true } {
  const host = url.hostname.toLowerCase();
  const suffix = `.${appDomain.toLowerCase()}`;
  let fromHost: string | null = null;
  if (host.endsWith(suffix)) {
    const label = host.slice(0, -suffix.length);
    if (!label.includes('.')) fromHost = label;
  }
  const fromHeader = header?.trim().toLowerCase() || null;
  if (fromHost && fromHeader && fromHost !== fromHeader) return { conflict: true };
  return { slug: fromHost ?? fromHeader };
}

const CACHE_TTL_MS = 30_000;
const cache = new Map<string, { tenant: Tenant; until: number }>();

/** Looks a tenant up in the directory, memoised per isolate for a short while. */
export async function findTenantBySlug(env: Env, slug: string): Promise<Tenant | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const hit = cache.get(slug);
  if (hit && hit.until > Date.now()) return hit.tenant;
  const tenant = (await directoryDb(env).select().from(tenants).where(eq(tenants.slug, slug)).get()) ?? null;
  if (tenant) cache.set(slug, { tenant, until: Date.now() + CACHE_TTL_MS });
  return tenant;
}
