import type { Context } from 'hono';
import { can } from '../../auth/permissions';
import type { AppEnv } from '../../http/app-env';
import { notFound } from '../../http/problem';
import { findArticle, type ArticleRecord } from '../../kb/article-store';

// Who reads what in the knowledge base: readers with `kb:read_internal` see
// every article and category; everyone else, signed in or not, only published
// public ones, and the rest answers 404.

export function isStaffReader(c: Context<AppEnv>): boolean {
  const principal = c.get('principal');
  return principal !== null && can(principal.role, 'kb:read_internal');
}

/** The article named in the path, if this caller may see it; else 404. */
export async function visibleArticle(c: Context<AppEnv>, id: number): Promise<ArticleRecord> {
  const article = await findArticle(c.get('db'), id, isStaffReader(c));
  if (!article) throw notFound('The article');
  return article;
}
