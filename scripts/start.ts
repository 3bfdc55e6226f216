// `npm start`: build, migrate, run both Workers, seed the demo tenant, print how to sign in.
//   node scripts/start.ts [--port 8787] [--persist-to .wrangler/state]
import { parseArgs } from 'node:util';
import { DEFAULT_PERSIST_TO } from './db-migrate.ts';
import { DEMO_TENANT, demoLogins } from './demo-data.ts';
import { ensureDevVars } from './dev-vars.ts';
import { cronTriggers, startLocalCron, type LocalCron } from './local-cron.ts';
import { buildWebApp, launchPortal, migrateLocal, type Portal } from './portal-stack.ts';
import { seedDemo } from './seed.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    'persist-to': { type: 'string', default: DEFAULT_PERSIST_TO },
  },
});
const port = Number(values.port);
const persistTo = values['persist-to'];
const startedAt = performance.now();
// Read before anything starts, so a trigger the local scheduler cannot time stops us at once.
const triggers = cronTriggers();
const step = (message: string) => console.log(`▸ ${message}`);

if (ensureDevVars()) step('Created .dev.vars with a random OPERATOR_TOKEN (see .dev.vars.example).');
step('Building the web app…');
await buildWebApp(false);
step(`Applying D1 migrations to the directory and every tenant slot (${persistTo})…`);
await migrateLocal(persistTo);
step('Starting both Workers (one wrangler dev)…');
const portal: Portal = launchPortal({ port, persistTo, output: 'inherit' });

// Ctrl-C (or a TERM from a supervisor) stops wrangler, which runs in its own
// process group, and only then exits.
let stopping = false;
let cron: LocalCron | undefined;
const shutdown = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n▸ ${signal}: stopping the portal…`);
  await cron?.stop();
  await portal.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
void portal.exited.then((code) => {
  if (stopping) return;
  console.error(`wrangler dev exited unexpectedly (code ${code}).`);
  process.exit(code || 1);
});

try {
  await portal.ready();
  step('Seeding the demo tenant…');
  const seeded = await seedDemo(portal.origin);
  // Miniflare never fires Cron Triggers: the SLA sweep, the notification relay and housekeeping would not run.
  cron = startLocalCron(portal.origin, triggers);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(
    [
      '',
      seeded.created
        ? `Seeded "${DEMO_TENANT.name}" with ${seeded.tickets} tickets.`
        : `The demo tenant exists already (data in ${persistTo}); left unchanged.`,
      '',
      `WorkerNet Portal is ready (${seconds} s): ${portal.tenantOrigin(DEMO_TENANT.slug)}`,
      '',
      'Demo logins:',
      ...demoLogins(),
      '',
      `Cron Triggers (${triggers.map((t) => `"${t.expression}"`).join(', ')}) fire at each minute boundary.`,
      `Test e-mail: curl --data-binary @message.eml '${portal.origin}/cdn-cgi/local/email?from=you@example.com&to=${DEMO_TENANT.slug}@localhost'`,
      `API docs: ${portal.tenantOrigin(DEMO_TENANT.slug)}/api/v1/docs · Press Ctrl-C to stop.`,
      '',
    ].join('\n'),
  );
} catch (error) {
  stopping = true;
  console.error(error instanceof Error ? error.message : error);
  await portal.stop();
  process.exit(1);
}
