import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { authorize, requireUser } from '../../http/guards';
import { purgeArticle } from '../../kb/article-cache';
import { ratingJson } from '../../kb/kb-json';
import { listRatings, rateArticle, type Rater } from '../../kb/rating-store';
import { visitorId } from '../../kb/visitor-cookie';
import { visibleArticle } from './kb-access';
import type { listRatingsRoute, rateArticleRoute } from './kb-ratings.routes';

export const rate: RouteHandler<typeof rateArticleRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const article = await visibleArticle(c, id);
  // Signed-in callers rate as themselves; anyone else as the visitor their cookie names.
  const rater: Rater = c.get('principal') ? { userId: authorize(c, 'kb:rate').userId } : { visitorId: visitorId(c) };
  const comment = body.comment ?? null;
  const counts = await rateArticle(c.get('db'), auditActor(c), id, rater, { helpful: body.helpful, comment });
  await purgeArticle(c.env.APP_DOMAIN, c.get('tenant'), article);
  return c.json(
    {
      article_id: id,
      helpful_count: counts.helpfulCount,
      not_helpful_count: counts.notHelpfulCount,
      your_rating: { helpful: body.helpful, comment },
    },
    200,
  );
};

export const list: RouteHandler<typeof listRatingsRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  requireUser(c);
  await visibleArticle(c, id);
  authorize(c, 'kb:read_internal');
  const rows = await listRatings(c.get('db'), id, { beforeId: query.cursor?.id, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return c.json({ items: page.map(ratingJson), next_cursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null }, 200);
};
