import type { Tenant } from '../db/directory/schema';
import type { KbArticle } from '../db/tenant/kb';

// Public articles are read far more often than written, by people who are not
// signed in. Their answers go to the Cache API of the data centre, keyed by the
// tenant's canonical host and the article's path (so the same article reached
// through the host or through X-Tenant is one entry), and every write of the
// article deletes its entries. The weak ETag names the saved version; view and
// rating counts in the body may be a minute behind, which a weak ETag allows.

/** Shared caches and browsers may keep a public article this long. */
export const PUBLIC_MAX_AGE_SECONDS = 60;

export const articleEtag = (a: Pick<KbArticle, 'id' | 'version'>): string => `W/"kb-${a.id}-${a.version}"`;

/** Whether an `If-None-Match` header names this ETag (weak comparison, RFC 9110 §13.1.2). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

type CacheTenant = Pick<Tenant, 'id' | 'slug'>;

/** Where an article is cached: the tenant's canonical host, the path it is read at, and the tenant id (a reused slug never sees an old entry). */
export function articleCacheKey(appDomain: string, tenant: CacheTenant, at: { id: number } | { locale: string; slug: string }): string {
  const path = 'id' in at ? `${at.id}` : `slug/${at.locale}/${encodeURIComponent(at.slug)}`;
  return `https://${tenant.slug}.${appDomain}/api/v1/kb/articles/${path}?tenant=${encodeURIComponent(tenant.id)}`;
}

/** The cache keys of one article: by id and by locale and slug. */
export function articleCacheKeys(appDomain: string, tenant: CacheTenant, a: Pick<KbArticle, 'id' | 'locale' | 'slug'>): string[] {
  return [articleCacheKey(appDomain, tenant, { id: a.id }), articleCacheKey(appDomain, tenant, { locale: a.locale, slug: a.slug })];
}

export async function cachedArticle(key: string): Promise<Response | undefined> {
  return caches.default.match(key);
}

export async function cacheArticle(key: string, response: Response): Promise<void> {
  await caches.default.put(key, response);
}

/** Forgets every cached answer of these article states (before and after a write: the slug may have moved). */
export async function purgeArticle(appDomain: string, tenant: CacheTenant, ...states: Pick<KbArticle, 'id' | 'locale' | 'slug'>[]): Promise<void> {
  const keys = new Set(states.flatMap((a) => articleCacheKeys(appDomain, tenant, a)));
  await Promise.all([...keys].map((key) => caches.default.delete(key)));
}
