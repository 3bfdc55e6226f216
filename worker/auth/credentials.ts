import type { User } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import { findUserByEmail } from '../users/user-store';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';

/**
 * The user these credentials sign in, or null. Exactly one scrypt verification
 * runs whatever the outcome (against a dummy hash for an unknown e-mail), so
 * an unknown e-mail, a wrong password and a deactivated account cost the same
 * time and give the same answer.
 */
export async function verifyCredentials(db: TenantDb, email: string, password: string): Promise<User | null> {
  const user = await findUserByEmail(db, email);
  const verified = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  return verified && user?.active && user.passwordHash !== null ? user : null;
}
