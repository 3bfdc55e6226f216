// `npm run bench:search`: full-text search in one tenant with 100,000 tickets,
// 300,000 comments and 10,000 articles of bilingual text. Rows are written straight
// into the tenant's local D1 file with the FTS5 triggers on (the ingest rate), then
// 200 realistic queries go through the API under `wrangler dev` one at a time
// (p50/p95 per kind), and the index's pages on disk are weighed against the raw text.
//   node bench/search.ts [--tickets 100000] [--comments 300000] [--articles 10000]
//     [--queries 200] [--customers 20] [--port 8791]
// Each option may also come from the environment: BENCH_TICKETS, BENCH_PORT, …
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDevVars, operatorToken } from '../scripts/dev-vars.ts';
import { migrateLocal, startPortal, type Portal } from '../scripts/portal-stack.ts';
import { ROOT } from '../scripts/run-command.ts';
import { BENCH_PASSWORD, createBenchTenant } from './bench-tenant.ts';
import { bulkSeed, findTenantDatabase, tagIdsOf } from './bulk-seed.ts';
import { machineInfo } from './report.ts';
import { benchmarkQueries, type QueryKind } from './search-corpus.ts';
import { measureSizes, seedArticles } from './search-seed.ts';
import { runMain } from './run-main.ts';

const option = (name: string, fallback: string) => ({ type: 'string' as const, default: process.env[`BENCH_${name.toUpperCase()}`] ?? fallback });
const { values } = parseArgs({
  options: {
    tickets: option('tickets', '100000'),
    comments: option('comments', ''),
    articles: option('articles', '10000'),
    queries: option('queries', '200'),
    customers: option('customers', '20'),
    port: option('port', '8791'),
  },
});
const num = (name: keyof typeof values, fallback?: number) => {
  if (values[name] === '' && fallback !== undefined) return fallback;
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${values[name]}".`);
  return n;
};
const tickets = num('tickets');
const config = {
  tickets,
  comments: num('comments', tickets * 3),
  articles: num('articles'),
  queries: Math.max(1, num('queries')),
  customers: Math.max(1, num('customers')),
  port: num('port'),
};
const TARGET_P95_MS = 50;
const TARGET_INDEX_RATIO = 1.5;
const WARM_UP_QUERIES = 20;
/** Removed and made anew on every run: the numbers never depend on an earlier run. */
const STATE = join(ROOT, '.bench', 'search-state');

const step = (message: string) => console.log(`▸ ${message}`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

let portal: Portal | null = null;
const start = async () => (portal = await startPortal({ port: config.port, persistTo: STATE, output: 'capture', workers: 'api' }));
const stop = async () => {
  const running = portal;
  portal = null;
  await running?.stop();
};

process.once('SIGINT', () => void stop().then(() => process.exit(130)));

async function signIn(origin: string, slug: string, email: string): Promise<string> {
  const response = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'x-tenant': slug, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  const token = response.headers.getSetCookie().find((c) => c.startsWith('wnp_session='))?.slice('wnp_session='.length).split(';')[0];
  if (!token) throw new Error(`Could not sign in ${email}: HTTP ${response.status}`);
  return token;
}

function requestFor(kind: QueryKind, text: string, tokens: { agent: string; customer: string }): { path: string; token?: string } {
  const q = encodeURIComponent(text);
  if (kind === 'agent tickets') return { path: `/api/v1/search?type=tickets&q=${q}`, token: tokens.agent };
  if (kind === 'customer tickets') return { path: `/api/v1/search?type=tickets&q=${q}`, token: tokens.customer };
  if (kind === 'anonymous articles') return { path: `/api/v1/search?type=articles&q=${q}` };
  return { path: `/api/v1/kb/suggest?subject=${q}` };
}

async function main(): Promise<number> {
  const machine = machineInfo();
  const token = (ensureDevVars(), operatorToken());
  if (!token) throw new Error('No operator token: set OPERATOR_TOKEN or fill .dev.vars.');
  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  step(`Applying migrations in a fresh ${relative(ROOT, STATE)}…`);
  await migrateLocal(STATE);
  step('Starting the API worker and creating the tenant through the API…');
  const tenant = await createBenchTenant((await start()).origin, token, config.customers);
  await stop();

  const file = findTenantDatabase(STATE, tenant.owner.email);
  step(`Writing ${config.tickets.toLocaleString('en')} tickets and ${config.comments.toLocaleString('en')} comments, triggers on…`);
  const people = {
    agentId: tenant.agent.id,
    otherAgentId: tenant.otherAgent.id,
    ownerId: tenant.owner.id,
    customerIds: tenant.customers.map((c) => c.id),
    tagIds: tagIdsOf(file),
  };
  let since = performance.now();
  const seeded = bulkSeed(file, people, config.tickets, config.comments);
  const ticketSeconds = (performance.now() - since) / 1000;
  step(`Writing ${config.articles.toLocaleString('en')} articles, triggers on…`);
  since = performance.now();
  const articles = seedArticles(file, tenant.owner.id, config.articles);
  const articleSeconds = (performance.now() - since) / 1000;
  const sizes = measureSizes(file);

  const { origin } = await start();
  const tokens = { agent: tenant.agent.apiToken, customer: await signIn(origin, tenant.slug, tenant.customers[0]!.email) };
  const queries = benchmarkQueries(WARM_UP_QUERIES + config.queries);
  const timings = new Map<QueryKind | 'all', number[]>();
  const slowest: { ms: number; kind: QueryKind; text: string }[] = [];
  const failures: string[] = [];
  step(`Running ${config.queries} queries one at a time (after ${WARM_UP_QUERIES} warm-up queries)…`);
  for (const [i, { kind, text }] of queries.entries()) {
    const { path, token: bearer } = requestFor(kind, text, tokens);
    const headers: Record<string, string> = { 'x-tenant': tenant.slug, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) };
    const t0 = performance.now();
    const response = await fetch(`${origin}${path}`, { headers });
    await response.arrayBuffer();
    const ms = performance.now() - t0;
    if (response.status !== 200) failures.push(`${response.status} ${kind}: ${text}`);
    if (i < WARM_UP_QUERIES) continue;
    for (const key of [kind, 'all'] as const) timings.set(key, [...(timings.get(key) ?? []), ms]);
    slowest.push({ ms, kind, text });
  }
  await stop();

  const rows = [...timings.entries()].map(([kind, list]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { kind, n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
  });
  const ratio = sizes.indexBytes / sizes.rawTextBytes;
  const all = rows.find((r) => r.kind === 'all');
  const lines = [
    `Data: ${seeded.tickets} tickets, ${seeded.comments} comments, ${articles} articles (half Russian, half English).`,
    `Ingest with the FTS5 triggers on: ${Math.round((seeded.tickets + seeded.comments) / ticketSeconds).toLocaleString('en')} ticket+comment rows/s ` +
      `(${ticketSeconds.toFixed(1)} s), ${Math.round(articles / articleSeconds).toLocaleString('en')} articles/s (${articleSeconds.toFixed(1)} s); one transaction each, node:sqlite on the D1 file.`,
    `Queries: ${config.queries} through the API under wrangler dev, one at a time, after ${WARM_UP_QUERIES} warm-up; 60% agent ticket searches, ` +
      '10% customer ticket searches, 20% anonymous article searches, 10% suggestions.',
    ...machine,
  ];
  const table = [
    '| measure | value | target |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.kind}: p50 / p95 / max (n=${r.n}) | ${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} / ${r.max.toFixed(1)} ms | ${r.kind === 'all' ? `p95 ≤ ${TARGET_P95_MS} ms` : ''} |`),
    `| raw text (subjects, descriptions, comments, articles) | ${mib(sizes.rawTextBytes)} | |`,
    `| FTS5 index pages on disk | ${mib(sizes.indexBytes)} (${ratio.toFixed(2)}× raw text) | ≤ ${TARGET_INDEX_RATIO}× |`,
    ...sizes.perIndex.map((p) => `| · ${p.name} | ${mib(p.bytes)} | |`),
    `| whole database file | ${mib(sizes.fileBytes)} | |`,
  ];
  console.log(['', ...lines, '', ...table, ''].join('\n'));
  const worst = slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`Slowest queries: ${worst.map((w) => `${w.ms.toFixed(0)} ms ${w.kind} "${w.text}"`).join('; ')}.`);
  const missed = [
    all && all.p95 > TARGET_P95_MS ? `p95 ${all.p95.toFixed(1)} ms > ${TARGET_P95_MS} ms` : null,
    ratio > TARGET_INDEX_RATIO ? `index ${ratio.toFixed(2)}× > ${TARGET_INDEX_RATIO}×` : null,
  ].filter((m) => m !== null);
  console.log(missed.length ? `Targets missed: ${missed.join('; ')}.` : 'Targets met.');
  for (const failure of failures) console.error(`✗ ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

await runMain(main, async () => {
  await stop();
  if (existsSync(STATE)) console.log(`(State kept in ${relative(ROOT, STATE)} for a look; the next run starts afresh.)`);
});
