import { createRoute, z } from '@hono/zod-openapi';
import { email, text } from '../../http/fields';
import { ProblemSchema } from '../../http/openapi-schemas';
import { requireOperator } from '../../http/operator';
import { SLUG_PATTERN } from '../../tenancy/resolve-tenant';

export const CreateTenantBody = z
  .strictObject({
    slug: z
      .string()
      .max(32, 'must be at most 32 characters')
      .regex(SLUG_PATTERN, 'must be 1–32 lowercase letters, digits or inner hyphens'),
    name: text({ max: 200 }),
    admin_email: email,
  })
  .openapi('CreateTenant');

export const TenantSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    created_at: z.string(),
    owner_invitation: z.object({ token: z.string(), expires_at: z.string() }),
  })
  .openapi('Tenant');

export const createTenantRoute = createRoute({
  method: 'post',
  path: '/tenants',
  tags: ['Tenants'],
  summary: 'Create a tenant (operators only): assigns it a database slot and invites its owner',
  middleware: [requireOperator] as const,
  security: [{ operatorToken: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: CreateTenantBody } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: TenantSchema } } },
    401: { description: 'Not an operator', content: { 'application/problem+json': { schema: ProblemSchema } } },
    409: { description: 'Slug taken', content: { 'application/problem+json': { schema: ProblemSchema } } },
    422: { description: 'Invalid body', content: { 'application/problem+json': { schema: ProblemSchema } } },
    503: { description: 'No free database slot', content: { 'application/problem+json': { schema: ProblemSchema } } },
  },
});
