import { and, desc, eq, lt } from 'drizzle-orm';
import { kbArticleVersions, type KbArticleVersion } from '../db/tenant/kb';
import { users } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';

// An article's saved versions: the history an agent reads and diffs.

export type VersionRecord = KbArticleVersion & { author: { id: number; name: string } };

const withAuthor = { version: kbArticleVersions, author: { id: users.id, name: users.name } };

/** Versions newest first, keyset-paged by version number. */
export async function listVersions(db: TenantDb, articleId: number, page: { beforeVersion?: number; limit: number }): Promise<VersionRecord[]> {
  const rows = await db
    .select(withAuthor)
    .from(kbArticleVersions)
    .innerJoin(users, eq(users.id, kbArticleVersions.authorId))
    .where(and(eq(kbArticleVersions.articleId, articleId), page.beforeVersion ? lt(kbArticleVersions.version, page.beforeVersion) : undefined))
    .orderBy(desc(kbArticleVersions.version))
    .limit(page.limit)
    .all();
  return rows.map((r) => ({ ...r.version, author: r.author }));
}

export async function findVersion(db: TenantDb, articleId: number, version: number): Promise<VersionRecord | null> {
  const row = await db
    .select(withAuthor)
    .from(kbArticleVersions)
    .innerJoin(users, eq(users.id, kbArticleVersions.authorId))
    .where(and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.version, version)))
    .get();
  return row ? { ...row.version, author: row.author } : null;
}
