import { and, eq, gt, isNull } from 'drizzle-orm';
import { invitations, type Role } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import { randomToken, sha256Hex } from './secrets';

const INVITATION_TTL_MS = 7 * 86_400_000;

/** A one-time invitation; only the token's digest is stored, the token is shown once. */
export async function newInvitation(email: string, role: Role, invitedBy: number | null) {
  const token = randomToken(24);
  const row = {
    id: randomToken(10),
    email,
    role,
    tokenHash: await sha256Hex(token),
    invitedBy,
    expiresAt: Date.now() + INVITATION_TTL_MS,
  };
  return { token, row };
}

export function insertInvitation(db: TenantDb, row: typeof invitations.$inferInsert) {
  return db.insert(invitations).values(row);
}

/** The open (unused, unexpired) invitation a token belongs to. */
export async function findOpenInvitation(db: TenantDb, token: string) {
  return (
    (await db
      .select()
      .from(invitations)
      .where(
        and(eq(invitations.tokenHash, await sha256Hex(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, Date.now())),
      )
      .get()) ?? null
  );
}

/**
 * Marks an invitation used. Put it in the batch that creates the invited user:
 * the user's unique e-mail makes a second acceptance fail as a whole.
 */
export function acceptInvitationStatement(db: TenantDb, id: string) {
  return db
    .update(invitations)
    .set({ acceptedAt: Date.now() })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)));
}
