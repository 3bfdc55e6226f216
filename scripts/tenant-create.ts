// `npm run tenant:create -- <slug> "<name>" <admin-email> [--url <portal>]`:
// creates a tenant on a running portal and prints its owner's invitation.
import { parseArgs } from 'node:util';
import { operatorToken } from './dev-vars.ts';

/** The tenant's own origin on the portal: `acme.localhost:8787` for `localhost:8787`. */
export function tenantOrigin(portalUrl: string, slug: string): string {
  const url = new URL(portalUrl);
  const host = url.hostname === '127.0.0.1' ? 'localhost' : url.hostname;
  return `${url.protocol}//${slug}.${host}${url.port ? `:${url.port}` : ''}`;
}

const USAGE = 'Usage: npm run tenant:create -- <slug> "<name>" <admin-email> [--url http://localhost:8787]';

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string', default: process.env.PORTAL_URL ?? 'http://localhost:8787' } },
  });
  const [slug, name, adminEmail] = positionals;
  if (!slug || !name || !adminEmail || positionals.length > 3) {
    console.error(USAGE);
    process.exit(2);
  }
  const token = operatorToken();
  if (!token) {
    console.error('No operator token: set OPERATOR_TOKEN, or run from the checkout whose .dev.vars has it.');
    process.exit(2);
  }
  const response = await fetch(new URL('/api/v1/tenants', values.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ slug, name, admin_email: adminEmail }),
  }).catch((error: unknown) => {
    console.error(`Cannot reach the portal at ${values.url} (${String(error)}). Is it running (npm start)?`);
    process.exit(1);
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status !== 201) {
    console.error(`The portal refused (HTTP ${response.status}): ${String(body.detail ?? JSON.stringify(body))}`);
    process.exit(1);
  }
  const invitation = body.owner_invitation as { token: string; expires_at: string };
  const origin = tenantOrigin(values.url, slug);
  console.log(
    [
      `Created tenant "${name}" (${slug}) at ${origin}`,
      '',
      `Owner invitation for ${adminEmail} (one-time, expires ${invitation.expires_at}):`,
      `  token: ${invitation.token}`,
      '',
      'The owner accepts it by choosing a name and password:',
      `  curl -X POST ${origin}/api/v1/invitations/accept -H 'content-type: application/json' \\`,
      `    -d '{"token":"${invitation.token}","name":"Your Name","password":"at-least-10-chars"}'`,
    ].join('\n'),
  );
}
