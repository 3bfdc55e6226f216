import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';

const now = sql`(unixepoch('subsec') * 1000)`;

export const KB_LOCALES = ['en', 'ru'] as const;
export const KB_STATUSES = ['draft', 'published', 'archived'] as const;
export const KB_VISIBILITIES = ['public', 'internal'] as const;

export type KbLocale = (typeof KB_LOCALES)[number];
export type KbStatus = (typeof KB_STATUSES)[number];
export type KbVisibility = (typeof KB_VISIBILITIES)[number];
/** A category's display name per locale; at least one is present. */
export type KbCategoryNames = Partial<Record<KbLocale, string>>;

/** Knowledge-base categories: a tree (parent_id), siblings ordered by position. */
export const kbCategories = sqliteTable(
  'kb_categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => kbCategories.id),
    position: integer('position').notNull().default(0),
    slug: text('slug').notNull().unique(),
    names: text('names', { mode: 'json' }).$type<KbCategoryNames>().notNull(),
    visibility: text('visibility', { enum: KB_VISIBILITIES }).notNull().default('public'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('kb_categories_parent_idx').on(t.parentId, t.position, t.id)],
);

/**
 * One article in one locale. Translations of the same article share a
 * `translation_group` (a random id), at most one per locale. `body_html` is the
 * Markdown rendered and sanitised at save time (worker/kb/article-html.ts), so
 * reads never render. Search triggers (0001_search.sql) read title, summary,
 * body_markdown, status, visibility and locale: do not rename them.
 */
export const kbArticles = sqliteTable(
  'kb_articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    categoryId: integer('category_id').references(() => kbCategories.id),
    slug: text('slug').notNull(),
    locale: text('locale', { enum: KB_LOCALES }).notNull(),
    translationGroup: text('translation_group').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyMarkdown: text('body_markdown').notNull(),
    bodyHtml: text('body_html').notNull(),
    status: text('status', { enum: KB_STATUSES }).notNull().default('draft'),
    visibility: text('visibility', { enum: KB_VISIBILITIES }).notNull().default('public'),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    viewCount: integer('view_count').notNull().default(0),
    helpfulCount: integer('helpful_count').notNull().default(0),
    notHelpfulCount: integer('not_helpful_count').notNull().default(0),
    publishedAt: integer('published_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
    /** Bumped on every save; with the id it makes the ETag. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('kb_articles_locale_slug_idx').on(t.locale, t.slug),
    uniqueIndex('kb_articles_translation_idx').on(t.translationGroup, t.locale),
    index('kb_articles_category_idx').on(t.categoryId, t.id),
    index('kb_articles_status_idx').on(t.status, t.visibility, t.locale, t.id),
    index('kb_articles_updated_idx').on(t.updatedAt, t.id),
  ],
);

export const kbArticleTags = sqliteTable(
  'kb_article_tags',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => kbArticles.id),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.tag] }), index('kb_article_tags_tag_idx').on(t.tag, t.articleId)],
);

/** Every save of an article, with its author: the history and the diffs. */
export const kbArticleVersions = sqliteTable(
  'kb_article_versions',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => kbArticles.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyMarkdown: text('body_markdown').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/** Helpful or not: one per signed-in user or per anonymous visitor (the `wnp_visitor` cookie) per article. */
export const kbRatings = sqliteTable(
  'kb_ratings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => kbArticles.id),
    userId: integer('user_id').references(() => users.id),
    visitorId: text('visitor_id'),
    helpful: integer('helpful', { mode: 'boolean' }).notNull(),
    comment: text('comment'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('kb_ratings_user_idx').on(t.articleId, t.userId),
    uniqueIndex('kb_ratings_visitor_idx').on(t.articleId, t.visitorId),
  ],
);

export type KbCategory = typeof kbCategories.$inferSelect;
export type KbArticle = typeof kbArticles.$inferSelect;
export type KbArticleVersion = typeof kbArticleVersions.$inferSelect;
export type KbRating = typeof kbRatings.$inferSelect;
