// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; they are
// set with `wrangler secret put` (production) or `.dev.vars` (local, see .dev.vars.example).
interface Env {
  /** Bearer token of platform operators (POST /api/v1/tenants). */
  OPERATOR_TOKEN?: string;
}
