// A minimal Hocuspocus server for bench/realtime.ts: in memory, no extensions
// (like y-websocket's bin/server.js without YPERSISTENCE), on HOST:PORT.
//   HOST=127.0.0.1 PORT=1234 node bench/hocuspocus-server.ts
import { Server } from '@hocuspocus/server';

const server = new Server({
  address: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 1234),
  quiet: true,
  // Stops cleanly on SIGINT/SIGTERM, which is how the benchmark ends it.
  stopOnSignals: true,
});
await server.listen();
console.log(`Hocuspocus listening on ${server.address.address}:${server.address.port}`);
