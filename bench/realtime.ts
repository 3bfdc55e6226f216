// `npm run bench:realtime`: one TicketRoom under `wrangler dev` (the API worker
// alone, as production routes /parties/* straight to it) with 20 and then 100
// clients, each making 5 edits a second for 20 s; the same load, in the same
// run, against the reference Yjs servers (y-websocket@1's bin/server.js and a
// minimal Hocuspocus), and against the platform's floor: a Durable Object that
// only relays edits, under its own wrangler dev (bench/relay-floor; relay-floor
// merges each turn's edits, as the TicketRoom does; relay-per-frame, not run by
// default, sends every frame on as y-websocket does). Prints
// fan-out latency p50/p95/p99, throughput, lost updates, and each server's peak
// RSS and CPU, with ratios to y-websocket.
//   node bench/realtime.ts [--clients 20,100] [--rate 5] [--duration 20] [--warmup 2]
//     [--settle 10] [--servers ticket-room,relay-floor,y-websocket,hocuspocus,relay-per-frame] [--rounds 1] [--port 8791]
//     [--clients-per-process 50]
// The clients are spread over load-generator processes, at most
// --clients-per-process in each (100 clients: two processes), so that the
// generator's own event loop is not what the latency measures.
// --rounds N runs every server N times at each size, interleaved with the order
// rotating, and judges the targets on each server's median: on a shared machine one
// run's p99 moves with whatever else is running (the reference's 100-client p99 has
// ranged from 11 to 97 ms between two runs).
// Each option may also come from the environment: BENCH_CLIENTS=5 BENCH_DURATION=3 …
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { connectTicket } from '../src/lib/realtime/ticket-room.ts';
import { ensureDevVars, operatorToken } from '../scripts/dev-vars.ts';
import { freePort } from '../scripts/free-port.ts';
import { migrateLocal, startPortal, type Portal } from '../scripts/portal-stack.ts';
import { ROOT } from '../scripts/run-command.ts';
import { createBenchTenant, type BenchTenant } from './bench-tenant.ts';
import { runFanout, type FanoutResult, type FanoutTarget, type LoadPlan } from './fanout-load.ts';
import { ProcessSampler } from './process-sampler.ts';
import { startReferenceServer, type ChildServer } from './reference-servers.ts';
import { printReport, RELAY_FLOOR } from './realtime-report.ts';
import { runMain } from './run-main.ts';

const option = (name: string, fallback: string) => ({ type: 'string' as const, default: process.env[`BENCH_${name.toUpperCase()}`] ?? fallback });
const { values } = parseArgs({
  options: {
    clients: option('clients', '20,100'),
    rate: option('rate', '5'),
    duration: option('duration', '20'),
    warmup: option('warmup', '2'),
    settle: option('settle', '10'),
    servers: option('servers', 'ticket-room,relay-floor,y-websocket,hocuspocus'),
    rounds: option('rounds', '1'),
    port: option('port', '0'),
    'clients-per-process': option('clients_per_process', '50'),
  },
});
const positive = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, not "${text}".`);
  return n;
};
const SERVERS = ['ticket-room', 'relay-floor', 'relay-per-frame', 'y-websocket', 'hocuspocus'] as const;
type ServerName = (typeof SERVERS)[number];
const servers = values.servers.split(',').map((s) => s.trim()) as ServerName[];
for (const s of servers) if (!SERVERS.includes(s)) throw new Error(`--servers: unknown server "${s}" (choose from ${SERVERS.join(', ')}).`);
const config = {
  clientCounts: values.clients.split(',').map((c) => Math.max(2, Math.round(positive('clients', c)))),
  rate: positive('rate', values.rate),
  seconds: positive('duration', values.duration),
  warmupSeconds: positive('warmup', values.warmup),
  settleSeconds: positive('settle', values.settle),
  servers,
  rounds: Math.max(1, Math.round(positive('rounds', values.rounds))),
  port: Math.round(positive('port', values.port)),
  clientsPerProcess: Math.max(1, Math.round(positive('clients-per-process', values['clients-per-process']))),
};
/** Removed and made anew on every run: the numbers never depend on an earlier run. */
const STATE = join(ROOT, '.bench', 'realtime-state');
const RELAY_STATE = join(ROOT, '.bench', 'relay-floor-state');

const step = (message: string) => console.log(`▸ ${message}`);
const startedAt = performance.now();

const running: { stop(): Promise<void> }[] = [];
const samplers: ProcessSampler[] = [];
async function stopAll(): Promise<void> {
  for (const sampler of samplers.splice(0)) sampler.stop();
  await Promise.allSettled(running.splice(0).map((server) => server.stop()));
}
async function interrupt(signal: NodeJS.Signals) {
  console.error(`\n${signal}: stopping every server…`);
  await stopAll();
  process.exit(130);
}
process.once('SIGINT', () => void interrupt('SIGINT'));
process.once('SIGTERM', () => void interrupt('SIGTERM'));

/** Node's WebSocket with the tenant named by header: `<slug>.localhost` does not resolve outside a browser. */
const tenantWebSocket = (slug: string): typeof WebSocket =>
  class extends WebSocket {
    constructor(url: string | URL, protocols?: ConstructorParameters<typeof WebSocket>[1]) {
      const init = protocols !== undefined && typeof protocols === 'object' && !Array.isArray(protocols) ? protocols : { protocols };
      super(url, { ...init, headers: { 'x-tenant': slug } });
    }
  };

async function api(portal: Portal, tenant: BenchTenant, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${portal.origin}/api/v1${path}`, {
    method,
    headers: { 'x-tenant': tenant.slug, authorization: `Bearer ${tenant.agent.apiToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** The TicketRoom behind the party gate; each run edits a ticket of its own, so each starts from an empty room. */
async function ticketRoomTarget(portal: Portal, tenant: BenchTenant): Promise<FanoutTarget & { ticketFor(clients: number): Promise<string> }> {
  const me = (await api(portal, tenant, 'GET', '/auth/me')) as { user: { id: number; name: string } };
  const host = new URL(portal.origin).host;
  const WebSocketWithTenant = tenantWebSocket(tenant.slug);
  if (portal.pid === undefined) throw new Error('wrangler has no process id.');
  const sampler = new ProcessSampler(portal.pid, 'workerd');
  samplers.push(sampler);
  return {
    name: 'TicketRoom (workerd)',
    sampler,
    async ticketFor(clients) {
      const ticket = await api(portal, tenant, 'POST', '/tickets', {
        subject: `Realtime benchmark, ${clients} clients`,
        description: 'Co-edited by the benchmark.',
        requester_id: tenant.customers[0]!.id,
      });
      return String(ticket.id);
    },
    endpoint: (ticketId) => ({
      url: `ws://${host}/parties/ticket-room/${ticketId}?token=${encodeURIComponent(tenant.agent.apiToken)}`,
      headers: { 'x-tenant': tenant.slug },
      dialect: { kind: 'y-protocols' },
    }),
    // The portal's own client library, as the ticket page uses it.
    async lateJoin(ticketId) {
      const room = connectTicket(Number(ticketId), me.user, { host, token: tenant.agent.apiToken, WebSocket: WebSocketWithTenant });
      try {
        await room.synced;
        return room.reply
          .toArray()
          .map((paragraph) => (paragraph as { toArray(): unknown[] }).toArray().map(String).join(''))
          .sort();
      } finally {
        room.destroy();
      }
    },
  };
}

/** The least a Durable Object room can do on this runtime (bench/relay-floor/worker.ts): relay edits, keep nothing. */
function relayFloorTarget(relay: Portal, kind: 'merged' | 'frames'): FanoutTarget {
  if (relay.pid === undefined) throw new Error('wrangler has no process id.');
  const sampler = new ProcessSampler(relay.pid, 'workerd');
  samplers.push(sampler);
  const host = new URL(relay.origin).host;
  return {
    name: RELAY_FLOOR[kind],
    sampler,
    endpoint: (room) => ({ url: `ws://${host}/${kind}/${room}`, dialect: { kind: 'y-protocols' } }),
    keepsNoDocument: true,
  };
}

function referenceTarget(server: ChildServer): FanoutTarget {
  const sampler = new ProcessSampler(server.pid, undefined);
  samplers.push(sampler);
  if (server.name === 'hocuspocus') {
    return {
      name: 'Hocuspocus 4 (Node)',
      sampler,
      endpoint: (room) => ({ url: `ws://127.0.0.1:${server.port}/`, dialect: { kind: 'hocuspocus', document: room, token: 'bench' } }),
    };
  }
  return {
    name: 'y-websocket 1 (Node)',
    sampler,
    endpoint: (room) => ({ url: `ws://127.0.0.1:${server.port}/${room}`, dialect: { kind: 'y-protocols' } }),
  };
}

async function main(): Promise<number> {
  const targets: Partial<Record<ServerName, FanoutTarget>> = {};
  let ticketRoom: Awaited<ReturnType<typeof ticketRoomTarget>> | null = null;
  if (config.servers.includes('ticket-room')) {
    const token = (ensureDevVars(), operatorToken());
    if (!token) throw new Error('No operator token: set OPERATOR_TOKEN or fill .dev.vars.');
    rmSync(STATE, { recursive: true, force: true });
    mkdirSync(STATE, { recursive: true });
    step(`Applying migrations in a fresh ${relative(ROOT, STATE)} and starting the API worker (wrangler dev)…`);
    await migrateLocal(STATE);
    const portal = await startPortal({ port: config.port || undefined, persistTo: STATE, output: 'inherit', workers: 'api' });
    running.push(portal);
    const tenant = await createBenchTenant(portal.origin, token, 1);
    ticketRoom = await ticketRoomTarget(portal, tenant);
    targets['ticket-room'] = ticketRoom;
  }
  if (config.servers.includes('relay-floor') || config.servers.includes('relay-per-frame')) {
    step('Starting the relay floor (bench/relay-floor, wrangler dev)…');
    const relay = await startPortal({ persistTo: RELAY_STATE, output: 'capture', configs: ['bench/relay-floor/wrangler.toml'] });
    running.push(relay);
    targets['relay-floor'] = relayFloorTarget(relay, 'merged');
    targets['relay-per-frame'] = relayFloorTarget(relay, 'frames');
  }
  for (const name of ['y-websocket', 'hocuspocus'] as const) {
    if (!config.servers.includes(name)) continue;
    step(`Starting ${name}…`);
    const server = await startReferenceServer(name, await freePort());
    running.push(server);
    targets[name] = referenceTarget(server);
  }

  const results: FanoutResult[] = [];
  for (const clients of config.clientCounts) {
    const plan: LoadPlan = {
      clients,
      rate: config.rate,
      seconds: config.seconds,
      warmupSeconds: config.warmupSeconds,
      settleSeconds: config.settleSeconds,
      shards: Math.ceil(clients / config.clientsPerProcess),
    };
    for (let round = 0; round < config.rounds; round += 1) {
      // The order rotates from round to round: no server always runs first (or right after the heaviest).
      const order = config.servers.map((_, i) => config.servers[(i + round) % config.servers.length]!);
      for (const name of order) {
        const target = targets[name]!;
        const room = name === 'ticket-room' && ticketRoom ? await ticketRoom.ticketFor(clients) : `bench-${clients}-${round}`;
        const result = await runFanout(target, room, plan, step);
        results.push(result);
        step(
          `${result.server}, ${clients} clients: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms; ` +
            `${result.deliveredPerSecond.toFixed(0)} msg/s delivered; lost ${result.lost}; peak RSS ${(result.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
        );
        // Let the server settle (and a departed room unload) before the next run.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }
  await stopAll();

  const missed = printReport(results, { ...config, topology: 'the API worker alone (wrangler dev -c wrangler.toml)' });
  console.log(`The whole benchmark took ${((performance.now() - startedAt) / 1000).toFixed(0)} s.`);
  return missed > 0 ? 1 : 0;
}

await runMain(main, stopAll);
