import { createExecutionContext, env } from 'cloudflare:test';
import worker from '../../worker/index';
import type { TestTenant } from './harness';

// WebSockets to the JSON rooms (ChatRoom, InboxRoom) opened through the worker's
// own entry point, as a browser's would be: the party gate authorises them first.

export interface Closed {
  code: number;
  reason: string;
}

/** A client socket that keeps every frame it receives, to be read in order. */
export interface RoomSocket<F = Record<string, unknown>> {
  /** Sends a frame: objects as JSON, strings as they are. */
  send(frame: unknown): void;
  /** The next frame not read yet (that satisfies `match`, skipping others); waits for it. */
  next(match?: (frame: F) => boolean): Promise<F>;
  /** Every frame received so far, read or not. */
  readonly received: F[];
  /** Resolves when the server closes the socket. */
  readonly closed: Promise<Closed>;
  close(): void;
}

/** Opens `/parties/<party>/<room>` on the tenant's host as `token` (a `?token=` parameter), or anonymously. */
export async function upgrade(tenant: TestTenant, path: string, token?: string): Promise<Response> {
  const url = new URL(`http://${tenant.host}${path}`);
  if (token) url.searchParams.set('token', token);
  return worker.fetch(new Request(url, { headers: { upgrade: 'websocket' } }), env, createExecutionContext());
}

/** A socket that must open; fails the test with the refusal if it does not. */
export async function connect<F = Record<string, unknown>>(tenant: TestTenant, path: string, token: string): Promise<RoomSocket<F>> {
  const response = await upgrade(tenant, path, token);
  const ws = response.webSocket;
  if (response.status !== 101 || !ws) throw new Error(`expected an upgrade, got ${response.status}: ${await response.text()}`);
  ws.accept();

  const received: F[] = [];
  let read = 0;
  const consumed = new Set<number>();
  let wake: (() => void) | null = null;
  ws.addEventListener('message', (event) => {
    received.push(JSON.parse(event.data as string) as F);
    wake?.();
  });
  let isClosed = false;
  const closed = new Promise<Closed>((resolve) => {
    ws.addEventListener('close', (event) => {
      isClosed = true;
      resolve({ code: event.code, reason: event.reason });
      wake?.();
    });
  });

  async function next(match: (frame: F) => boolean = () => true): Promise<F> {
    for (;;) {
      for (let i = read; i < received.length; i++) {
        if (consumed.has(i)) continue;
        const frame = received[i] as F;
        if (!match(frame)) continue;
        consumed.add(i);
        while (consumed.has(read)) read++;
        return frame;
      }
      if (isClosed) throw new Error(`the socket closed while waiting for a frame; received ${JSON.stringify(received)}`);
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }

  return {
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next,
    received,
    closed,
    close: () => ws.close(1000, 'done'),
  };
}
