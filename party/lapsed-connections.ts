import type { Connection } from 'partyserver';
import { credentialKey, liveCredentials, type LiveCredential } from '../worker/realtime/live-credentials';
import type { ConnectionProps } from '../worker/realtime/party-access';
import { tenantDb } from '../worker/tenancy/tenant-db';
import { closeSocket, errorFrame, SocketClose } from './socket-errors';

// A socket outlives the upgrade that authorised it. The JSON rooms re-check
// their sockets on an alarm, so a signed-out session, a revoked token, a
// deactivated account or a role that no longer belongs in the room is dropped
// within two periods, even on a socket that never sends anything.

/** How often the chat and inbox rooms re-check their open sockets. */
export const RECHECK_EVERY_MS = 30_000;

export interface Member<P extends ConnectionProps> {
  connection: Connection;
  who: P;
}

/**
 * Closes (4401) each member whose credential no longer stands, or belongs to
 * someone else now, or whose user `mayStay` refuses (their current role is in
 * `credential.role`). One query per tenant slot, whatever the number of sockets.
 */
export async function dropLapsedMembers<P extends ConnectionProps>(
  env: Env,
  members: readonly Member<P>[],
  mayStay: (credential: LiveCredential, who: P) => boolean,
): Promise<void> {
  const bySlot = Map.groupBy(members, (m) => m.who.slot);
  for (const [slot, group] of bySlot) {
    const live = await liveCredentials(tenantDb(env, { slot }), group.map((m) => m.who));
    for (const { connection, who } of group) {
      const credential = live.get(credentialKey(who));
      if (credential && credential.userId === who.userId && mayStay(credential, who)) continue;
      try {
        connection.send(errorFrame('session_ended', 'Your session ended or your access changed. Sign in again.'));
      } catch {
        // Already closing: the close below is all it needs.
      }
      closeSocket(connection, SocketClose.sessionRevoked, 'Your session ended or your access changed. Sign in again.');
    }
  }
}
