import type { Context } from 'hono';
import { can, type Action } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { AppEnv } from './app-env';
import { notFound, ProblemError } from './problem';

/** The signed-in caller, or a 401 problem. */
export function requireUser(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw new ProblemError(401, 'unauthenticated', 'Sign in, or send a valid bearer token.');
  return principal;
}

/** The signed-in caller if their role may perform `action`, else 401/403. */
export function authorize(c: Context<AppEnv>, action: Action): Principal {
  const principal = requireUser(c);
  if (!can(principal.role, action)) {
    throw new ProblemError(403, 'forbidden', `The ${principal.role} role may not perform ${action}.`);
  }
  return principal;
}

/**
 * The object a request names, found before the role is checked: an id that does
 * not exist here (another tenant's, or one the caller may not see) answers 404
 * whatever the caller's role, so existence is never revealed by a 403.
 */
export async function existingOr404<T>(c: Context<AppEnv>, what: string, find: () => Promise<T | null | undefined>): Promise<T> {
  requireUser(c);
  const found = await find();
  if (found === null || found === undefined) throw notFound(what);
  return found;
}
