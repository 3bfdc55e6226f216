import type { Hook } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';
import { problemResponse, type FieldError } from './problem';

/** zod issues → `{ field, detail }` pairs; the field is the dotted path, prefixed by where it came from. */
export function fieldErrors(error: z.ZodError, target?: string): FieldError[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return { field: [...path, ...issue.keys].join('.'), detail: 'is not a known field' };
    }
    const field = path.join('.') || (target === 'json' ? '(body)' : `(${target ?? 'input'})`);
    return { field, detail: issue.message };
  });
}

/** Validation failures of any route: 422 for bodies, 400 for query, path and headers. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const body = result.target === 'json';
  return problemResponse(
    c,
    body ? 422 : 400,
    'validation',
    body ? 'The request body has invalid fields.' : `The request ${result.target} has invalid parameters.`,
    { errors: fieldErrors(result.error, result.target) },
  );
};
