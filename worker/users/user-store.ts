import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import { containsText } from '../db/contains-text';
import { users, type Role, type User } from '../db/tenant/users';
import { violatesUnique } from '../db/unique-violation';
import type { TenantDb } from '../tenancy/tenant-db';

// The tenant's users: lookups, the keyset list, and the statements that change a
// user (returned unexecuted, so callers batch them with their audit row).

export type NewUser = Pick<typeof users.$inferInsert, 'email' | 'name' | 'role' | 'passwordHash' | 'locale'>;

export async function findUserById(db: TenantDb, id: number): Promise<User | null> {
  return (await db.select().from(users).where(eq(users.id, id)).get()) ?? null;
}

export async function findUserByEmail(db: TenantDb, email: string): Promise<User | null> {
  return (await db.select().from(users).where(eq(users.email, email)).get()) ?? null;
}

export async function emailTaken(db: TenantDb, email: string): Promise<boolean> {
  return Boolean(await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get());
}

/** The id of the user with `email`, as a subquery: names a user inserted earlier in the same batch. */
export function userIdByEmail(email: string): SQL {
  return sql`(select ${users.id} from ${users} where ${users.email} = ${email})`;
}

export function insertUserStatement(db: TenantDb, user: NewUser) {
  return db.insert(users).values(user).returning();
}

export function setRoleStatement(db: TenantDb, id: number, role: Role) {
  return db.update(users).set({ role, updatedAt: Date.now() }).where(eq(users.id, id)).returning();
}

export function deactivateStatement(db: TenantDb, id: number) {
  return db.update(users).set({ active: false, updatedAt: Date.now() }).where(eq(users.id, id)).returning();
}

/** A user's own profile fields: their name and the language the web app uses with them. */
export function setProfileStatement(db: TenantDb, id: number, profile: Partial<Pick<User, 'name' | 'locale'>>) {
  return db
    .update(users)
    .set({ ...profile, updatedAt: Date.now() })
    .where(eq(users.id, id))
    .returning();
}

export function setPasswordStatement(db: TenantDb, id: number, passwordHash: string) {
  return db.update(users).set({ passwordHash, updatedAt: Date.now() }).where(eq(users.id, id));
}

export interface UserListQuery {
  q?: string;
  role?: Role;
  afterId?: number;
  limit: number;
}

/** One page of users in id order; one row more than `limit` tells the caller another page exists. */
export function listUsers(db: TenantDb, query: UserListQuery): Promise<User[]> {
  const conditions: SQL[] = [];
  if (query.afterId !== undefined) conditions.push(gt(users.id, query.afterId));
  if (query.role) conditions.push(eq(users.role, query.role));
  if (query.q) {
    const matches = or(containsText(users.name, query.q), containsText(users.email, query.q));
    if (matches) conditions.push(matches);
  }
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.id))
    .limit(query.limit + 1)
    .all();
}

/** Whether a failed write broke the uniqueness of `users.email` (two sign-ups racing for one address). */
export const isEmailTakenError = (error: unknown): boolean => violatesUnique(error, 'users.email');
