// `npm run bench:api`: one tenant with 100,000 tickets and 300,000 comments, loaded
// with autocannon under `wrangler dev`; prints req/s and p50/p95/p99 per scenario,
// each throughput as a share of GET /health in the same run.
//   node bench/api.ts [--duration 10] [--warmup 2] [--connections 20] [--tickets 100000]
//     [--comments 300000] [--customers 100] [--port 8790] [--topology api|portal]
// Each option may also come from the environment: BENCH_DURATION, BENCH_PORT, …
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDevVars, operatorToken } from '../scripts/dev-vars.ts';
import { buildWebApp, migrateLocal, startPortal, type Portal } from '../scripts/portal-stack.ts';
import { ROOT } from '../scripts/run-command.ts';
import { createBenchTenant } from './bench-tenant.ts';
import { bulkSeed, findTenantDatabase, tagIdsOf } from './bulk-seed.ts';
import { runLoad, stopLoad, type LoadOptions, type Measurement, type Scenario } from './load.ts';
import { machineInfo, markdownTable, textTable, verdict } from './report.ts';
import { createScenario, getScenario, healthScenario, LIST_PAGE, listScenario } from './scenarios.ts';
import { runMain } from './run-main.ts';

const option = (name: string, fallback: string) => ({ type: 'string' as const, default: process.env[`BENCH_${name.toUpperCase()}`] ?? fallback });
const { values } = parseArgs({
  options: {
    duration: option('duration', '10'),
    warmup: option('warmup', '2'),
    connections: option('connections', '20'),
    tickets: option('tickets', '100000'),
    comments: option('comments', '300000'),
    customers: option('customers', '100'),
    port: option('port', '8790'),
    topology: option('topology', 'api'),
  },
});
const num = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${values[name]}".`);
  return n;
};
const config = {
  duration: num('duration'),
  warmup: num('warmup'),
  connections: num('connections'),
  tickets: num('tickets'),
  comments: num('comments'),
  customers: Math.max(1, num('customers')),
  port: num('port'),
  topology: values.topology === 'portal' ? ('portal' as const) : ('api' as const),
};
/** Removed and made anew on every run: the numbers never depend on an earlier run. */
const STATE = join(ROOT, '.bench', 'state');

const TOPOLOGY = {
  api: 'the API worker alone (wrangler dev -c wrangler.toml), as production routes /api/* and /health* straight to it',
  portal: 'both Workers on one origin (the web worker forwards to the API worker by service binding), as `npm start` runs them',
};

const startedAt = performance.now();
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const step = (message: string) => console.log(`▸ ${message}`);

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`Port ${port} is in use: stop what runs there or pass --port.`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

let portal: Portal | null = null;
const start = async () => {
  portal = await startPortal({ port: config.port, persistTo: STATE, output: 'capture', workers: config.topology === 'api' ? 'api' : 'both' });
  return portal;
};
const stop = async () => {
  const running = portal;
  portal = null;
  await running?.stop();
};

process.once('SIGINT', () => void interrupt('SIGINT'));
process.once('SIGTERM', () => void interrupt('SIGTERM'));
async function interrupt(signal: NodeJS.Signals) {
  console.error(`\n${signal}: stopping…`);
  stopLoad();
  await stop();
  process.exit(130);
}

async function main(): Promise<number> {
  const machine = machineInfo();
  await assertPortFree(config.port);
  const token = (ensureDevVars(), operatorToken());
  if (!token) throw new Error('No operator token: set OPERATOR_TOKEN or fill .dev.vars.');

  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  if (config.topology === 'portal') {
    step('Building the web app…');
    await buildWebApp(true);
  }
  step(`Applying migrations in a fresh ${relative(ROOT, STATE)}…`);
  await migrateLocal(STATE);

  step(`Starting ${config.topology === 'api' ? 'the API worker' : 'both Workers'} and creating the tenant through the API…`);
  const tenant = await createBenchTenant((await start()).origin, token, config.customers);
  await stop();

  step(`Writing ${config.tickets.toLocaleString('en')} tickets and ${config.comments.toLocaleString('en')} comments into the tenant's D1 file…`);
  const seedStart = performance.now();
  const file = findTenantDatabase(STATE, tenant.owner.email);
  const seeded = bulkSeed(
    file,
    {
      agentId: tenant.agent.id,
      otherAgentId: tenant.otherAgent.id,
      ownerId: tenant.owner.id,
      customerIds: tenant.customers.map((c) => c.id),
      tagIds: tagIdsOf(file),
    },
    config.tickets,
    config.comments,
  );
  const seedSeconds = seconds(seedStart);
  step(
    `Seeded in ${seedSeconds} s: ${seeded.tickets} tickets, ${seeded.comments} comments, ${seeded.ticketTags} ticket tags; ` +
      `the agent has ${seeded.agentOpen} open tickets (${Math.ceil(seeded.agentOpen / LIST_PAGE)} list pages of ${LIST_PAGE}).`,
  );

  const { origin } = await start();
  const load: LoadOptions = {
    url: origin,
    connections: config.connections,
    duration: config.duration,
    headers: { authorization: `Bearer ${tenant.agent.apiToken}`, 'x-tenant': tenant.slug },
  };
  const list = listScenario(tenant.agent.id);
  const scenarios: Scenario[] = [healthScenario(), list, getScenario(config.tickets), createScenario(tenant.customers.map((c) => c.id))];

  const results: Measurement[] = [];
  for (const scenario of scenarios) {
    if (config.warmup > 0) {
      const warm = await runLoad(scenario, { ...load, duration: config.warmup });
      if (warm.non2xx > 0 || warm.errors > 0) results.push({ ...warm, name: `${warm.name} (warm-up)` });
    }
    const m = await runLoad(scenario, load);
    results.push(m);
    step(`${m.name}: ${m.perSecond.toFixed(0)} req/s, p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, ${(m.meanBytes / 1024).toFixed(1)} KiB per answer`);
  }
  await stop();

  const pages = list.pages();
  const notes = [
    `Topology: ${TOPOLOGY[config.topology]}; http://127.0.0.1:${config.port}, tenant named by X-Tenant, agent's API token as Bearer.`,
    `Data: ${seeded.tickets} tickets, ${seeded.comments} comments, ${config.customers} customers; the agent's open queue is ${seeded.agentOpen} tickets.`,
    `Load: autocannon, ${config.connections} connections, ${config.duration} s per scenario after a ${config.warmup} s warm-up; percentiles over every response.`,
    `List: ${pages.first} first pages and ${pages.later} followed cursors (deepest page ${pages.deepest}).`,
    ...machine,
  ];
  console.log(['', ...notes, '', textTable(results), ''].join('\n'));
  console.log('----- 8< ----- docs/performance.md (markdown) -----');
  console.log([...notes.map((n) => `- ${n}`), '', markdownTable(results)].join('\n'));
  console.log('----- >8 -----');

  const floor = results.find((m) => m.name === 'health')?.perSecond ?? Number.NaN;
  const missed = results.filter((m) => verdict(m, floor).met === false).map((m) => m.name);
  if (missed.length > 0) console.log(`Targets missed: ${missed.join(', ')}.`);
  console.log(`Seeding took ${seedSeconds} s; the whole benchmark ${seconds(startedAt)} s.`);

  const broken = results.filter((m) => m.non2xx > 0 || m.errors > 0);
  for (const m of broken) {
    console.error(`✗ ${m.name}: ${m.non2xx} non-2xx answers ${JSON.stringify(m.badStatuses)}, ${m.errors} errors (${m.timeouts} timeouts).`);
  }
  return broken.length > 0 ? 1 : 0;
}

await runMain(main, async () => {
  await stop();
  if (existsSync(STATE)) console.log(`(State kept in ${relative(ROOT, STATE)} for a look; the next run starts afresh.)`);
});
