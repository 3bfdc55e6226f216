import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { users, type User } from '../db/tenant/users';
import { iso } from '../http/fields';

// A user as the API shows it: never the password hash, always snake_case.

const columns = createSelectSchema(users).shape;

export const UserSchema = z
  .object({
    id: columns.id,
    email: columns.email,
    name: columns.name,
    role: columns.role,
    locale: columns.locale,
    active: columns.active,
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('User');

export type UserJson = z.infer<typeof UserSchema>;

export function userJson(user: User): UserJson {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    active: user.active,
    created_at: iso(user.createdAt),
  };
}
