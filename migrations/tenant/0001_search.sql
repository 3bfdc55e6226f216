-- Full-text search (FTS5), hand-written: drizzle cannot express virtual tables or
-- triggers. `npm run db:generate:init` keeps this file; it runs after 0000_init.sql.
--
-- Tokenizer: `porter unicode61 remove_diacritics 2`.
--   unicode61 splits on Unicode letter/number boundaries and folds case for every
--   script (Cyrillic included); remove_diacritics 2 folds Latin accents (café = cafe).
--   porter stems ENGLISH tokens only (printing = print); Russian tokens pass through
--   unchanged, so Russian word forms are matched at query time instead: the query
--   translator (worker/search/search-query.ts) stems each Russian word with the
--   Snowball Russian rules and searches the stem as a prefix (печатает -> "печата"*).
--   unicode61 does NOT fold ё to е, so every indexed text goes through the
--   *_search_source views below, which replace ё by е and Ё by Е; queries are folded the
--   same way. ё and е are both two bytes in UTF-8, so offsets are unchanged.
--   No trigram table: it would store about three index entries per character and
--   break the "index <= 1.5 x raw text" budget. Misspelt words are corrected from the
--   index's own vocabulary (fts5vocab tables below, worker/search/spelling.ts).
--
-- The FTS tables are external-content tables over the views: the text is stored once,
-- in the real tables; the index holds only the inverted lists. The triggers keep
-- them in sync; `INSERT INTO x_fts(x_fts) VALUES('rebuild')` rebuilds one from scratch.
-- Internal notes are indexed with public replies; visibility is decided by joining
-- ticket_comments.public (customers never match an internal note).

CREATE VIEW `tickets_search_source` AS
  SELECT `id`,
    replace(replace(`subject`, 'ё', 'е'), 'Ё', 'Е') AS `subject`,
    replace(replace(`description`, 'ё', 'е'), 'Ё', 'Е') AS `description`
  FROM `tickets`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `tickets_fts` USING fts5(
  `subject`, `description`,
  content = 'tickets_search_source', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `tickets_fts_insert` AFTER INSERT ON `tickets` BEGIN
  INSERT INTO `tickets_fts` (rowid, `subject`, `description`)
  VALUES (new.`id`,
    replace(replace(new.`subject`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.`description`, 'ё', 'е'), 'Ё', 'Е'));
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_fts_delete` AFTER DELETE ON `tickets` BEGIN
  INSERT INTO `tickets_fts` (`tickets_fts`, rowid, `subject`, `description`)
  VALUES ('delete', old.`id`,
    replace(replace(old.`subject`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(old.`description`, 'ё', 'е'), 'Ё', 'Е'));
END;
--> statement-breakpoint
-- Only when the text changes: status or assignee updates do not touch the index.
CREATE TRIGGER `tickets_fts_update` AFTER UPDATE OF `subject`, `description` ON `tickets` BEGIN
  INSERT INTO `tickets_fts` (`tickets_fts`, rowid, `subject`, `description`)
  VALUES ('delete', old.`id`,
    replace(replace(old.`subject`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(old.`description`, 'ё', 'е'), 'Ё', 'Е'));
  INSERT INTO `tickets_fts` (rowid, `subject`, `description`)
  VALUES (new.`id`,
    replace(replace(new.`subject`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.`description`, 'ё', 'е'), 'Ё', 'Е'));
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `tickets_fts_vocab` USING fts5vocab(`tickets_fts`, 'row');
--> statement-breakpoint
CREATE VIEW `ticket_comments_search_source` AS
  SELECT `id`, replace(replace(`body_text`, 'ё', 'е'), 'Ё', 'Е') AS `body`
  FROM `ticket_comments`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `ticket_comments_fts` USING fts5(
  `body`,
  content = 'ticket_comments_search_source', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `ticket_comments_fts_insert` AFTER INSERT ON `ticket_comments` BEGIN
  INSERT INTO `ticket_comments_fts` (rowid, `body`)
  VALUES (new.`id`, replace(replace(new.`body_text`, 'ё', 'е'), 'Ё', 'Е'));
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_comments_fts_delete` AFTER DELETE ON `ticket_comments` BEGIN
  INSERT INTO `ticket_comments_fts` (`ticket_comments_fts`, rowid, `body`)
  VALUES ('delete', old.`id`, replace(replace(old.`body_text`, 'ё', 'е'), 'Ё', 'Е'));
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_comments_fts_update` AFTER UPDATE OF `body_text` ON `ticket_comments` BEGIN
  INSERT INTO `ticket_comments_fts` (`ticket_comments_fts`, rowid, `body`)
  VALUES ('delete', old.`id`, replace(replace(old.`body_text`, 'ё', 'е'), 'Ё', 'Е'));
  INSERT INTO `ticket_comments_fts` (rowid, `body`)
  VALUES (new.`id`, replace(replace(new.`body_text`, 'ё', 'е'), 'Ё', 'Е'));
END;
--> statement-breakpoint
CREATE VIEW `kb_articles_search_source` AS
  SELECT `id`,
    replace(replace(`title`, 'ё', 'е'), 'Ё', 'Е') AS `title`,
    replace(replace(`summary`, 'ё', 'е'), 'Ё', 'Е') AS `summary`,
    replace(replace(`body_markdown`, 'ё', 'е'), 'Ё', 'Е') AS `body`
  FROM `kb_articles`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `kb_articles_fts` USING fts5(
  `title`, `summary`, `body`,
  content = 'kb_articles_search_source', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `kb_articles_fts_insert` AFTER INSERT ON `kb_articles` BEGIN
  INSERT INTO `kb_articles_fts` (rowid, `title`, `summary`, `body`)
  VALUES (new.`id`,
    replace(replace(new.`title`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.`summary`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.`body_markdown`, 'ё', 'е'), 'Ё', 'Е'));
END;
--> statement-breakpoint
CREATE TRIGGER `kb_articles_fts_delete` AFTER DELETE ON `kb_articles` BEGIN
  INSERT INTO `kb_articles_fts` (`kb_articles_fts`, rowid, `title`, `summary`, `body`)
  VALUES ('delete', old.`id`,
    replace(replace(old.`title`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(old.`summary`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(old.`body_markdown`, 'ё', 'е'), 'Ё', 'Е'));
  DELETE FROM `kb_suggestion_stats` WHERE `article_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `kb_articles_fts_update` AFTER UPDATE OF `title`, `summary`, `body_markdown` ON `kb_articles` BEGIN
  INSERT INTO `kb_articles_fts` (`kb_articles_fts`, rowid, `title`, `summary`, `body`)
  VALUES ('delete', old.`id`,
    replace(replace(old.`title`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(old.`summary`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(old.`body_markdown`, 'ё', 'е'), 'Ё', 'Е'));
  INSERT INTO `kb_articles_fts` (rowid, `title`, `summary`, `body`)
  VALUES (new.`id`,
    replace(replace(new.`title`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.`summary`, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.`body_markdown`, 'ё', 'е'), 'Ё', 'Е'));
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `kb_articles_fts_vocab` USING fts5vocab(`kb_articles_fts`, 'row');
