// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; they are
// set with `wrangler secret put` (production) or `.dev.vars` (local, see .dev.vars.example).
interface Env {
  /** Bearer token of platform operators (POST /api/v1/tenants). */
  OPERATOR_TOKEN?: string;
  /** Notifications: the e-mail provider's API key (Resend-style); unset → e-mail goes to the local outbox. */
  EMAIL_API_KEY?: string;
  /** Notifications: the SMS provider's account (Twilio-style); all three unset → SMS goes to the local outbox. */
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM_NUMBER?: string;
  /** Notifications: the VAPID key pair (base64url public point and private scalar); unset → push goes to the local outbox. */
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
}
