import { isStaff } from '../auth/permissions';
import type { FieldError } from '../http/problem';
import type { TenantDb } from '../tenancy/tenant-db';
import { findUserById } from '../users/user-store';
import { unknownTagNames } from './tag-store';

// The people and tags a ticket names must exist and be usable. Each check
// answers why not (a detail for the field's error), or null when all is well.

/** Tickets are assigned to active staff only. */
export async function whyNotAssignee(db: TenantDb, userId: number): Promise<string | null> {
  const user = await findUserById(db, userId);
  if (!user || !user.active) return 'is not an active user of this team';
  return isStaff(user.role) ? null : 'is not an agent, admin or owner';
}

/** Staff may open a ticket for any active user of the tenant. */
export async function whyNotRequester(db: TenantDb, userId: number): Promise<string | null> {
  const user = await findUserById(db, userId);
  return user?.active ? null : 'is not an active user of this team';
}

export async function whyNotTags(db: TenantDb, names: readonly string[]): Promise<string | null> {
  const unknown = await unknownTagNames(db, names);
  return unknown.length === 0 ? null : `names tags that do not exist: ${unknown.join(', ')}`;
}

/** A field error for each check that found a reason; the checks run concurrently. */
export async function referenceErrors(checks: Record<string, Promise<string | null> | undefined>): Promise<FieldError[]> {
  const entries = Object.entries(checks);
  const reasons = await Promise.all(entries.map(([, check]) => check ?? null));
  return entries.flatMap(([field], i) => {
    const detail = reasons[i];
    return detail ? [{ field, detail }] : [];
  });
}
