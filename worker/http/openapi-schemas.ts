import { z } from '@hono/zod-openapi';

/** RFC 9457 problem details, as every error response documents it. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), detail: z.string() })).optional(),
  })
  .openapi('Problem');

/** An instant as the API writes it: ISO 8601 in UTC (`iso()` in http/fields.ts). */
export const dateTime = z.string().openapi({ format: 'date-time' });

export const problemContent = { 'application/problem+json': { schema: ProblemSchema } } as const;

/** The error responses most routes share. */
export const commonErrors = {
  400: { description: 'Bad parameters', content: problemContent },
  401: { description: 'Not signed in', content: problemContent },
  403: { description: 'Role not allowed', content: problemContent },
  404: { description: 'Not found (or another tenant\u2019s)', content: problemContent },
  422: { description: 'Invalid body', content: problemContent },
} as const;
