// Runs the project's own tools (wrangler, vite) with the Node that runs us (Node 24
// from node_modules), whatever `node` is first on PATH.
import { spawn, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const BINS = {
  wrangler: 'node_modules/wrangler/bin/wrangler.js',
  vite: 'node_modules/vite/bin/vite.js',
} as const;

export type Tool = keyof typeof BINS;

/** The environment our tools run with: no telemetry (the network may be closed). */
export function toolEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', ...extra };
}

/** Starts a tool as a child process; the caller owns its lifetime. */
export function spawnTool(tool: Tool, args: string[], options: SpawnOptions = {}) {
  return spawn(process.execPath, [`${ROOT}${BINS[tool]}`, ...args], { cwd: ROOT, env: toolEnv(), ...options });
}

/** Sends `signal` to process group `pgid`; false when no process is left in it. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Kills what is left of process group `pgid`. wrangler can exit before the
 * workerd processes it started, which would live on, orphaned (about 100 MB
 * each): a tool we start gets a group of its own, ended with it.
 */
export async function endProcessGroup(pgid: number): Promise<void> {
  for (let tries = 0; tries < 20 && signalGroup(pgid, 0); tries++) {
    signalGroup(pgid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs a tool to completion, in a process group of its own that ends with it.
 * Its output is shown when `quiet` is false, else kept and shown only if it
 * fails, so a failure is never silent.
 */
export function runTool(tool: Tool, args: string[], { quiet = false, env = {} }: { quiet?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnTool(tool, args, { stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'], env: toolEnv(env), detached: true });
    const killOnExit = () => child.pid !== undefined && signalGroup(child.pid, 'SIGKILL');
    process.once('exit', killOnExit);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('exit', killOnExit);
      void (child.pid === undefined ? Promise.resolve() : endProcessGroup(child.pid)).then(() => {
        if (code === 0) return resolve(output);
        reject(new Error(`${tool} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${output ? `:\n${output}` : ''}`));
      });
    });
  });
}
