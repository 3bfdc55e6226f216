import type { RouteHandler } from '@hono/zod-openapi';
import { contentDisposition } from '../../attachments/attachment-filename';
import { isPublicArticleImage } from '../../attachments/attachment-access';
import { isImageType } from '../../attachments/attachment-types';
import type { AppEnv } from '../../http/app-env';
import { requireUser } from '../../http/guards';
import { attachmentNotFound, readableAttachment } from './attachments.handlers';
import type { articleImageRoute, downloadAttachmentRoute } from './attachments.routes';

// Downloads stream the R2 object's body straight to the client; the stored
// type (checked at upload) is the only type a file is ever served as.

/** Cacheable for this long by browsers and shared caches: published images change by a new upload (a new id). */
const PUBLIC_IMAGE_MAX_AGE = 3600;

/** A download in a sandbox: even a browser that ignored the disposition could not run it. */
const SANDBOX = "default-src 'none'; sandbox";

export const download: RouteHandler<typeof downloadAttachmentRoute, AppEnv> = async (c) => {
  requireUser(c);
  const { file } = await readableAttachment(c, c.req.valid('param').id);
  const object = await c.env.ATTACHMENTS.get(file.r2Key);
  if (!object) throw attachmentNotFound();
  return new Response(object.body, {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-length': String(object.size),
      'content-disposition': contentDisposition('attachment', file.filename),
      'x-content-type-options': 'nosniff',
      'content-security-policy': SANDBOX,
      'cache-control': 'private, no-store',
    },
  }) as never;
};

export const articleImage: RouteHandler<typeof articleImageRoute, AppEnv> = async (c) => {
  const { file, scope } = await readableAttachment(c, c.req.valid('param').id);
  if (file.articleId === null || !isImageType(file.contentType)) throw attachmentNotFound();
  const cacheable = isPublicArticleImage(scope);
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'content-disposition': contentDisposition('inline', file.filename),
    'x-content-type-options': 'nosniff',
    'content-security-policy': SANDBOX,
    'cache-control': cacheable ? `public, max-age=${PUBLIC_IMAGE_MAX_AGE}` : 'private, no-store',
    // The answer depends on the caller for unpublished images; a shared cache must not mix them.
    ...(cacheable ? {} : { vary: 'cookie, authorization' }),
  };
  const object = await c.env.ATTACHMENTS.get(file.r2Key, { onlyIf: c.req.raw.headers });
  if (!object) throw attachmentNotFound();
  headers.etag = object.httpEtag;
  if (!('body' in object)) return new Response(null, { status: 304, headers }) as never;
  headers['content-length'] = String(object.size);
  return new Response(object.body, { status: 200, headers }) as never;
};
