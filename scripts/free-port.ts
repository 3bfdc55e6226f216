import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * The ports the kernel hands out by itself (listen on port 0, the local end of
 * an outgoing connection): Linux's ip_local_port_range, 32768–60999 by default.
 */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low!, high!];
  } catch {
    // Not Linux: assume IANA's dynamic range.
  }
  return [49152, 65535];
}

function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : null));
    });
  });
}

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, for a server that
 * binds it a few seconds later (wrangler dev). It is drawn below the kernel's
 * ephemeral range: a port the kernel picked for us is one it may give next to an
 * outgoing connection or to another process's port-0 listener before our server
 * binds it (seen in CI: "Address already in use" from wrangler). Only if that
 * range has no free port does the kernel choose.
 */
export async function freePort(): Promise<number> {
  const [ephemeralLow] = ephemeralRange();
  const low = 20_000;
  const high = Math.max(low + 1_000, ephemeralLow - 1);
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await listenOnce(low + Math.floor(Math.random() * (high - low)));
    if (port !== null) return port;
  }
  const port = await listenOnce(0);
  if (port === null) throw new Error('no free TCP port on 127.0.0.1');
  return port;
}
