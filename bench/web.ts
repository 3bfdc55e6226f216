// npm run bench:web — the web app's performance budget (issue 6, item 7): builds
// the app, prints the gzipped JS and CSS each main route ships (from the build
// manifests), then starts the local portal and measures in headless Chromium the
// first contentful paint and the layout shift of those routes and the time until the inbox shows the
// demo tenant's 50 tickets. Prints a table with the targets; exits non-zero when
// one is missed. `--runs=N` (default 5) sets the samples per timing.
import { buildWebApp } from '../scripts/portal-stack.ts';
import { CUSTOMERS, INVITED_STAFF } from '../scripts/demo-data.ts';
import { signIn, startWebStack } from '../tests/node/web-stack.ts';
import { routeWeights } from './web-bundles.ts';
import { measureInboxFill, measurePage, type PageTiming } from './web-timings.ts';

const KB = 1024;
const INBOX_JS_TARGET = 100 * KB;
const TICKET_JS_TARGET = 250 * KB;
const FCP_TARGET_MS = 1000;
/** "No layout shift" (issue 6): nothing visible moves while a page loads, hydrates and connects its live panels. */
const LAYOUT_SHIFT_TARGET = 0.01;
const INBOX_TICKETS = 50;

const runsArg = process.argv.find((arg) => arg.startsWith('--runs='));
const RUNS = runsArg ? Math.max(1, Number(runsArg.slice('--runs='.length)) || 1) : 5;

const ROUTES = [
  { name: 'login', id: '/login' },
  { name: 'inbox', id: '/tickets' },
  { name: 'ticket', id: '/tickets/[id]' },
  { name: 'portal home', id: '/portal' },
  { name: 'KB article', id: '/kb/[locale]/[slug]' },
] as const;

type RouteName = (typeof ROUTES)[number]['name'];

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;

console.log('Building the web app (vite build)…');
await buildWebApp(true);
// Each page loads the catalogue of its reader's language before it renders (src/routes/+layout.ts):
// the figures are for English, and the targets are judged on the larger, Russian, one.
const weights = routeWeights(
  ROUTES.map((r) => r.id),
  ['src/lib/i18n/messages.en.ts'],
);
const russianWeights = routeWeights(
  ROUTES.map((r) => r.id),
  ['src/lib/i18n/messages.ru.ts'],
);

console.log(`Starting the local portal and Chromium (${RUNS} run(s) per timing)…`);
const stack = await startWebStack('bench-web');
const timings = new Map<RouteName, PageTiming>();
let inboxFillMs: number;
try {
  const agent = INVITED_STAFF.find((p) => p.key === 'agent')!;
  const customer = CUSTOMERS[0]!;
  const agentProfile = await signIn(stack, agent, '/tickets');
  const agentState = { storageState: await agentProfile.context.storageState() };
  const customerProfile = await signIn(stack, customer, '/portal');
  const customerState = { storageState: await customerProfile.context.storageState() };
  const { ticketId, articlePath } = await agentProfile.page.evaluate(async () => {
    const tickets = (await (await fetch('/api/v1/tickets?limit=1')).json()) as { items: { id: number }[] };
    const articles = (await (await fetch('/api/v1/kb/articles?status=published&locale=en&limit=1')).json()) as { items: { slug: string }[] };
    return { ticketId: tickets.items[0]!.id, articlePath: `/kb/en/${articles.items[0]!.slug}` };
  });
  await Promise.all([agentProfile.context.close(), customerProfile.context.close()]);

  timings.set('login', await measurePage(stack.browser, `${stack.site}/login`, RUNS));
  timings.set('inbox', await measurePage(stack.browser, `${stack.site}/tickets?view=recent`, RUNS, agentState));
  timings.set('ticket', await measurePage(stack.browser, `${stack.site}/tickets/${ticketId}`, RUNS, agentState));
  timings.set('portal home', await measurePage(stack.browser, `${stack.site}/portal`, RUNS, customerState));
  timings.set('KB article', await measurePage(stack.browser, `${stack.site}${articlePath}`, RUNS));
  inboxFillMs = await measureInboxFill(stack.browser, `${stack.site}/tickets?view=recent`, INBOX_TICKETS, RUNS, agentState);
} finally {
  await stack.stop();
}

interface Row {
  route: string;
  js: string;
  lazy: string;
  css: string;
  fcp: string;
  shift: string;
  target: string;
  met: boolean;
}

const rows: Row[] = ROUTES.map((route, i) => {
  const english = weights[i]!;
  const weight = russianWeights[i]!;
  const { fcpMs: paint, layoutShift } = timings.get(route.name)!;
  const targets: { text: string; met: boolean }[] = [
    { text: `FCP ≤ ${ms(FCP_TARGET_MS)}`, met: paint <= FCP_TARGET_MS },
    { text: `layout shift ≤ ${LAYOUT_SHIFT_TARGET}`, met: layoutShift <= LAYOUT_SHIFT_TARGET },
  ];
  if (route.name === 'inbox') targets.unshift({ text: `initial JS ≤ ${kb(INBOX_JS_TARGET)}`, met: weight.initialJsBytes <= INBOX_JS_TARGET });
  if (route.name === 'ticket') {
    const withEditor = weight.initialJsBytes + weight.lazyJsBytes;
    targets.unshift({ text: `JS with editor (${kb(withEditor)}) ≤ ${kb(TICKET_JS_TARGET)}`, met: withEditor <= TICKET_JS_TARGET });
  }
  return {
    route: `${route.name} (${route.id})`,
    js: `${kb(english.initialJsBytes)} / ${kb(weight.initialJsBytes)}`,
    lazy: kb(weight.lazyJsBytes),
    css: kb(weight.cssBytes),
    fcp: ms(paint),
    shift: layoutShift.toFixed(3),
    target: targets.map((t) => t.text).join('; '),
    met: targets.every((t) => t.met),
  };
});

const header = ['Route', 'Initial JS (gz, en / ru)', 'Lazy JS (gz)', 'CSS (gz)', 'FCP (median)', 'Layout shift (worst)', 'Targets', 'Result'];
const cells = rows.map((r) => [r.route, r.js, r.lazy, r.css, r.fcp, r.shift, r.target, r.met ? 'pass' : 'FAIL']);
cells.push([`inbox shows ${INBOX_TICKETS} tickets`, '', '', '', ms(inboxFillMs), '', '(reported)', '—']);
const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
console.log('');
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
cells.forEach((row) => console.log(line(row)));
console.log('');
console.log(
  `Chromium headless on localhost, ${RUNS} run(s) per timing, fresh context (cold cache) each; sizes from .svelte-kit/output/client, gzip level 6; initial JS with the English / Russian catalogue, targets judged on the Russian.`,
);
if (rows.some((r) => !r.met)) {
  console.log('Some targets were missed.');
  process.exitCode = 1;
}
