// The local portal: both Workers under one `wrangler dev` on one port, as `npm start`
// and the browser tests run it.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { d1Bindings, migrateDatabases } from './db-migrate.ts';
import { freePort } from './free-port.ts';
import { endProcessGroup, runTool, signalGroup, spawnTool } from './run-command.ts';

export interface PortalOptions {
  port: number;
  /** Where D1 (and every other local resource) keeps its files. */
  persistTo: string;
  /** Where wrangler's output goes: the terminal, or kept for a failure message. */
  output: 'inherit' | 'capture';
  /**
   * `api`: the API worker alone (wrangler.toml), as production routes /api/* and
   * /health* straight to it (the benchmark measures that). Default: both Workers.
   */
  workers?: 'both' | 'api';
  /** Other wrangler configs to run instead (the first owns the port), e.g. bench:realtime's relay floor. */
  configs?: readonly string[];
  /** Sees wrangler's output as it comes (with `output: 'capture'`), e.g. the workers' log lines (bench/sla.ts). */
  onOutput?: (text: string) => void;
}

export interface Portal {
  /** The platform origin, e.g. http://localhost:8787 (tenant routes need an X-Tenant header here). */
  origin: string;
  /** A tenant's origin as a browser uses it: http://<slug>.localhost:<port>. */
  tenantOrigin(slug: string): string;
  /** Resolves once /health answers through the web worker's router; rejects if wrangler dies first. */
  ready(): Promise<void>;
  /** Stops wrangler and its workerd processes. */
  stop(): Promise<void>;
  /** Settles when wrangler exits, for whatever reason. */
  exited: Promise<number | null>;
  /** wrangler's process id: its workerd processes are its descendants (bench/realtime.ts samples their memory). */
  pid: number | undefined;
}

/**
 * Builds the web app (SvelteKit → .svelte-kit/cloudflare) for production. Vite
 * keeps a NODE_ENV it inherits, and vitest sets `test`: packages would then
 * resolve their `development` builds (Svelte's and SvelteKit's dev checks),
 * so the browser tests would not run the code we ship.
 */
export async function buildWebApp(quiet: boolean): Promise<void> {
  await runTool('vite', ['build', '--logLevel', 'warn'], { quiet, env: { NODE_ENV: 'production' } });
}

/** Applies every D1 migration to the local state the portal will use. */
export async function migrateLocal(persistTo: string): Promise<void> {
  await migrateDatabases(d1Bindings(), { remote: false, persistTo });
}

async function waitForHealth(origin: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`wrangler dev exited (${child.signalCode ?? `code ${child.exitCode}`}) before it was ready.\n${log()}`);
    }
    try {
      const response = await fetch(`${origin}/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer ${origin}/health within 90 s.\n${log()}`);
}

/**
 * Starts the web worker (wrangler.web.toml, first: it owns the port) and the API
 * worker (wrangler.toml) in one `wrangler dev`, joined by the `API` service binding.
 * The handle exists at once, so a caller can stop it even while it is starting.
 */
export function launchPortal({ port, persistTo, output, workers = 'both', configs, onOutput }: PortalOptions): Portal {
  const configFiles = configs ?? (workers === 'both' ? ['wrangler.web.toml', 'wrangler.toml'] : ['wrangler.toml']);
  const child = spawnTool(
    'wrangler',
    [
      'dev',
      ...configFiles.flatMap((config) => ['-c', config]),
      '--persist-to', persistTo,
      '--port', String(port),
      '--ip', '127.0.0.1',
      // With production routes uncommented, wrangler would otherwise rewrite every
      // request's host to the route's, and the tenant is named by the host.
      '--infer-origin-from-routes=false',
      '--show-interactive-dev-session=false',
    ],
    // Its own process group: Ctrl-C reaches us, and we stop wrangler in order.
    { stdio: ['ignore', output === 'inherit' ? 'inherit' : 'pipe', output === 'inherit' ? 'inherit' : 'pipe'], detached: true },
  );
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
    onOutput?.(chunk.toString());
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit').then(([code]) => code as number | null);

  // wrangler runs in its own process group; take it down even if we exit abruptly.
  const killGroup = (signal: NodeJS.Signals) => child.pid !== undefined && signalGroup(child.pid, signal);
  const killOnExit = () => killGroup('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup('SIGINT');
      const timeout = new Promise((resolve) => setTimeout(resolve, 10_000, 'timeout').unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        killGroup('SIGKILL');
        await exited;
      }
    }
    if (child.pid !== undefined) await endProcessGroup(child.pid);
  };

  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    tenantOrigin: (slug) => `http://${slug}.localhost:${port}`,
    ready: () => waitForHealth(origin, child, () => log),
    stop,
    exited,
    pid: child.pid,
  };
}

/**
 * Launches the portal and waits until it answers; stops it again if it never does.
 * Without a port it takes a free one, and another (up to three tries) if that one
 * was taken before wrangler could bind it.
 */
export async function startPortal(options: Omit<PortalOptions, 'port'> & { port?: number }): Promise<Portal> {
  for (let attempt = 1; ; attempt++) {
    const portal = launchPortal({ ...options, port: options.port ?? (await freePort()) });
    try {
      await portal.ready();
      return portal;
    } catch (error) {
      await portal.stop();
      const portTaken = error instanceof Error && error.message.includes('Address already in use');
      if (!portTaken || options.port !== undefined || attempt === 3) throw error;
    }
  }
}
