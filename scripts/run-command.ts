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

/**
 * Runs a tool to completion. Its output is shown when `quiet` is false, else kept
 * and shown only if it fails, so a failure is never silent.
 */
export function runTool(tool: Tool, args: string[], { quiet = false, env = {} }: { quiet?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnTool(tool, args, { stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'], env: toolEnv(env) });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve(output);
      reject(new Error(`${tool} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${output ? `:\n${output}` : ''}`));
    });
  });
}
