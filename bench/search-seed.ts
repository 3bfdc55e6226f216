// The search benchmark's articles, written straight into the tenant's local D1
// file (wrangler stopped) with the FTS5 triggers on, and the weighing of the
// index against the text it indexes.
import { statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { generateArticles } from './search-corpus.ts';

/** Writes `count` articles by `authorId` in one transaction; returns how many the table holds. */
export function seedArticles(file: string, authorId: number, count: number): number {
  const db = new DatabaseSync(file);
  try {
    const insert = db.prepare(
      `insert into kb_articles (slug, locale, translation_group, title, summary, body_markdown, body_html, status, visibility, author_id, published_at)
       values (:slug, :locale, :translation_group, :title, :summary, :body_markdown, '', :status, :visibility, :author_id, :published_at)`,
    );
    db.exec('begin');
    try {
      let i = 0;
      for (const article of generateArticles(count)) {
        insert.run({
          ...article,
          slug: `bench-article-${i}`,
          // Articles i and i+1 are one article's English and Russian versions.
          translation_group: `bench-${Math.floor(i / 2)}`,
          author_id: authorId,
          published_at: article.status === 'published' ? Date.now() : null,
        });
        i++;
      }
      db.exec('commit');
    } catch (error) {
      db.exec('rollback');
      throw error;
    }
    return Number(db.prepare('select count(*) as n from kb_articles').get()?.n);
  } finally {
    db.close();
  }
}

export interface SearchSizes {
  /** UTF-8 bytes of every indexed text: ticket subjects and descriptions, comments, article titles, summaries and bodies. */
  rawTextBytes: number;
  /** Pages on disk of the FTS5 shadow tables (the inverted index; the text itself is stored once, in the real tables). */
  indexBytes: number;
  perIndex: { name: string; bytes: number }[];
  fileBytes: number;
}

export function measureSizes(file: string): SearchSizes {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const bytes = (sql: string) => Number(db.prepare(sql).get()?.n ?? 0);
    const rawTextBytes =
      bytes('select sum(length(cast(subject as blob)) + length(cast(description as blob))) as n from tickets') +
      bytes('select sum(length(cast(body_text as blob))) as n from ticket_comments') +
      bytes('select sum(length(cast(title as blob)) + length(cast(summary as blob)) + length(cast(body_markdown as blob))) as n from kb_articles');
    const perIndex = ['tickets_fts', 'ticket_comments_fts', 'kb_articles_fts'].map((name) => ({
      name,
      bytes: bytes(`select sum(pgsize) as n from dbstat where name in ('${name}_data', '${name}_idx', '${name}_docsize', '${name}_config')`),
    }));
    return { rawTextBytes, indexBytes: perIndex.reduce((sum, p) => sum + p.bytes, 0), perIndex, fileBytes: statSync(file).size };
  } finally {
    db.close();
  }
}
