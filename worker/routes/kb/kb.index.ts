import { createRouter } from '../../http/create-router';
import * as read from './kb-article-read.handlers';
import * as history from './kb-article-history.handlers';
import { createTranslationRoute, diffVersionRoute, getVersionRoute, listTranslationsRoute, listVersionsRoute } from './kb-article-history.routes';
import * as articles from './kb-articles.handlers';
import {
  createArticleRoute,
  deleteArticleRoute,
  getArticleBySlugRoute,
  getArticleRoute,
  listArticlesRoute,
  updateArticleRoute,
} from './kb-articles.routes';
import * as categories from './kb-categories.handlers';
import {
  createCategoryRoute,
  deleteCategoryRoute,
  getCategoryRoute,
  listCategoriesRoute,
  reorderCategoriesRoute,
  updateCategoryRoute,
} from './kb-categories.routes';
import * as ratings from './kb-ratings.handlers';
import { listRatingsRoute, rateArticleRoute } from './kb-ratings.routes';

// The knowledge base (the search engineer's `GET /kb/suggest` lives with search).
// `reorder` is declared before `{id}` so the literal path wins.

export const kbRouter = createRouter()
  .openapi(listCategoriesRoute, categories.list)
  .openapi(createCategoryRoute, categories.create)
  .openapi(reorderCategoriesRoute, categories.reorder)
  .openapi(getCategoryRoute, categories.get)
  .openapi(updateCategoryRoute, categories.update)
  .openapi(deleteCategoryRoute, categories.remove)
  .openapi(listArticlesRoute, articles.list)
  .openapi(createArticleRoute, articles.create)
  .openapi(getArticleBySlugRoute, read.getBySlug)
  .openapi(getArticleRoute, read.getById)
  .openapi(updateArticleRoute, articles.update)
  .openapi(deleteArticleRoute, articles.remove)
  .openapi(createTranslationRoute, history.createTranslation)
  .openapi(listTranslationsRoute, history.listTranslations)
  .openapi(listVersionsRoute, history.listArticleVersions)
  .openapi(getVersionRoute, history.getArticleVersion)
  .openapi(diffVersionRoute, history.diffArticleVersion)
  .openapi(rateArticleRoute, ratings.rate)
  .openapi(listRatingsRoute, ratings.list);
