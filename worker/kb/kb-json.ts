import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { kbArticles, kbCategories, KB_LOCALES, KB_VISIBILITIES, type KbCategory, type KbRating } from '../db/tenant/kb';
import { iso, isoOrNull } from '../http/fields';
import { dateTime } from '../http/openapi-schemas';
import type { ArticleListItem, ArticleRecord } from './article-store';
import type { VersionRecord } from './version-store';

// Knowledge-base objects as the API shows them: snake_case, ISO dates, column
// types from the drizzle tables.

const articleColumns = createSelectSchema(kbArticles).shape;
const categoryColumns = createSelectSchema(kbCategories).shape;
const person = z.object({ id: z.number().int(), name: z.string() });

export const CategoryNamesSchema = z
  .object({ en: z.string().optional(), ru: z.string().optional() })
  .openapi('KbCategoryNames', { example: { en: 'Printing', ru: 'Печать' } });

export const CategorySchema = z
  .object({
    id: categoryColumns.id,
    parent_id: categoryColumns.parentId,
    position: categoryColumns.position,
    depth: z.number().int().openapi({ description: 'Ancestors above it: 0 at the top level' }),
    slug: categoryColumns.slug,
    names: CategoryNamesSchema,
    visibility: z.enum(KB_VISIBILITIES),
    created_at: dateTime,
    updated_at: dateTime,
  })
  .openapi('KbCategory');

export function categoryJson(c: KbCategory, depth: number): z.infer<typeof CategorySchema> {
  return {
    id: c.id,
    parent_id: c.parentId,
    position: c.position,
    depth,
    slug: c.slug,
    names: c.names,
    visibility: c.visibility,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

const articleListFields = {
  id: articleColumns.id,
  category_id: articleColumns.categoryId,
  slug: articleColumns.slug,
  locale: z.enum(KB_LOCALES),
  translation_group: articleColumns.translationGroup.openapi({ description: 'Shared by the translations of one article' }),
  title: articleColumns.title,
  summary: articleColumns.summary,
  status: articleColumns.status,
  visibility: articleColumns.visibility,
  tags: z.array(z.string()),
  view_count: articleColumns.viewCount,
  helpful_count: articleColumns.helpfulCount,
  not_helpful_count: articleColumns.notHelpfulCount,
  version: articleColumns.version,
  published_at: dateTime.nullable(),
  created_at: dateTime,
  updated_at: dateTime,
};

export const ArticleListItemSchema = z.object(articleListFields).openapi('KbArticleListItem');

export const ArticleSchema = z
  .object({
    ...articleListFields,
    body_markdown: articleColumns.bodyMarkdown,
    body_html: articleColumns.bodyHtml.openapi({ description: 'The Markdown rendered and sanitised (allowlist) at save time' }),
    author: person,
  })
  .openapi('KbArticle');

export function articleListItemJson(a: ArticleListItem): z.infer<typeof ArticleListItemSchema> {
  return {
    id: a.id,
    category_id: a.categoryId,
    slug: a.slug,
    locale: a.locale,
    translation_group: a.translationGroup,
    title: a.title,
    summary: a.summary,
    status: a.status,
    visibility: a.visibility,
    tags: a.tags,
    view_count: a.viewCount,
    helpful_count: a.helpfulCount,
    not_helpful_count: a.notHelpfulCount,
    version: a.version,
    published_at: isoOrNull(a.publishedAt),
    created_at: iso(a.createdAt),
    updated_at: iso(a.updatedAt),
  };
}

export function articleJson(a: ArticleRecord): z.infer<typeof ArticleSchema> {
  return { ...articleListItemJson(a), body_markdown: a.bodyMarkdown, body_html: a.bodyHtml, author: a.author };
}

export const VersionSchema = z
  .object({
    article_id: z.number().int(),
    version: z.number().int(),
    title: z.string(),
    summary: z.string(),
    body_markdown: z.string(),
    author: person,
    created_at: dateTime,
  })
  .openapi('KbArticleVersion');

export function versionJson(v: VersionRecord): z.infer<typeof VersionSchema> {
  return {
    article_id: v.articleId,
    version: v.version,
    title: v.title,
    summary: v.summary,
    body_markdown: v.bodyMarkdown,
    author: v.author,
    created_at: iso(v.createdAt),
  };
}

export const RatingSchema = z
  .object({
    id: z.number().int(),
    helpful: z.boolean(),
    comment: z.string().nullable(),
    by: z.enum(['user', 'visitor']),
    user_id: z.number().int().nullable(),
    created_at: dateTime,
    updated_at: dateTime,
  })
  .openapi('KbRating');

export function ratingJson(r: KbRating): z.infer<typeof RatingSchema> {
  return {
    id: r.id,
    helpful: r.helpful,
    comment: r.comment,
    by: r.userId === null ? 'visitor' : 'user',
    user_id: r.userId,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}
