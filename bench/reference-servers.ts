// The reference Yjs servers the TicketRoom is measured against, each in a child
// process of its own (so its memory and CPU are its own): y-websocket@1's
// bin/server.js, the classic reference, and a minimal Hocuspocus.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { ROOT } from '../scripts/run-command.ts';

export interface ChildServer {
  name: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const SCRIPTS = {
  'y-websocket': 'node_modules/y-websocket/bin/server.js',
  hocuspocus: 'bench/hocuspocus-server.ts',
} as const;

export type ReferenceServer = keyof typeof SCRIPTS;

async function waitForHttp(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The server exited before it listened.\n${log()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Nothing answered on port ${port} within 20 s.\n${log()}`);
}

/** Starts a reference server on 127.0.0.1:`port` and waits until it answers HTTP. */
export async function startReferenceServer(name: ReferenceServer, port: number): Promise<ChildServer> {
  const child = spawn(process.execPath, [`${ROOT}${SCRIPTS[name]}`], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit');
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(resolve, 5_000, 'timeout').unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    await waitForHttp(port, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  if (child.pid === undefined) throw new Error(`${name} has no process id.`);
  return { name, port, pid: child.pid, stop };
}
