import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { isRawUploadRequest } from '../attachments/raw-upload-routes';
import type { AppEnv } from './app-env';
import { ProblemError } from './problem';

export const MAX_BODY_BYTES = 1024 * 1024;

const limitJsonBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ProblemError(413, 'body-too-large', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
  },
});

/**
 * Bodies over 1 MB are refused with 413 before anything reads them; file
 * uploads alone stream past, under their own per-file limit.
 */
export const limitBody = createMiddleware<AppEnv>((c, next) =>
  isRawUploadRequest(c.req.method, c.req.path) ? next() : limitJsonBody(c, next),
);

/** A request that carries a body must say it is JSON, or the API would read it as `{}` (file uploads excepted). */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  if (isRawUploadRequest(method, c.req.path)) return next();
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type') ?? '';
    if (hasBody && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
      throw new ProblemError(415, 'unsupported-media-type', 'Send the request body as application/json.', {
        errors: [{ field: 'Content-Type', detail: 'must be application/json' }],
      });
    }
  }
  await next();
});
