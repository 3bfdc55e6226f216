/**
 * Login throttling with the Rate Limiting bindings, checked before any password is
 * verified: per tenant and client IP (one address guessing many accounts) and per
 * tenant and account (many addresses guessing one). Limits live in wrangler.toml.
 */

/** How long a throttled client should wait, in seconds: the limiters' period. */
export const LOGIN_RETRY_AFTER_SECONDS = 60;

export interface LoginAttempt {
  tenantId: string;
  /** The client address (`cf-connecting-ip`), or null when the edge did not say. */
  ip: string | null;
  /** The normalised e-mail address tried. */
  email: string;
}

export type ThrottleVerdict = { ok: true } | { ok: false; limit: 'ip' | 'account' };

export async function checkLoginThrottle(env: Env, attempt: LoginAttempt): Promise<ThrottleVerdict> {
  const byIp = await env.LOGIN_IP_LIMITER.limit({ key: `${attempt.tenantId}:${attempt.ip ?? 'unknown'}` });
  if (!byIp.success) return { ok: false, limit: 'ip' };
  const byAccount = await env.LOGIN_ACCOUNT_LIMITER.limit({ key: `${attempt.tenantId}:${attempt.email}` });
  if (!byAccount.success) return { ok: false, limit: 'account' };
  return { ok: true };
}
