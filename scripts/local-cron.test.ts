import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { cronTriggers, fireCron } from './local-cron.ts';

// The local scheduler's two edges: what it reads from wrangler.toml, and the
// request it makes. A small HTTP server answers as wrangler's
// /cdn-cgi/local/scheduled does: "ok", or 500 "exception" when the handler threw.

let server: Server;
let origin: string;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push(request.url ?? '');
    const cron = new URL(request.url ?? '/', 'http://x').searchParams.get('cron');
    response.writeHead(cron === '* * * * *' ? 200 : 500).end(cron === '* * * * *' ? 'ok' : 'exception');
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the local cron', () => {
  it('reads the triggers of wrangler.toml, every minute’s sweep among them', () => {
    expect(cronTriggers().map((trigger) => trigger.expression)).toContain('* * * * *');
  });

  it('fires a trigger through wrangler’s scheduled endpoint with its scheduled time', async () => {
    expect(await fireCron(origin, '* * * * *', Date.UTC(2026, 10, 28, 9, 30))).toBeNull();
    const url = new URL(received.at(-1)!, origin);
    expect([url.pathname, url.searchParams.get('cron'), url.searchParams.get('time')]).toEqual([
      '/cdn-cgi/local/scheduled',
      '* * * * *',
      String(Date.UTC(2026, 10, 28, 9, 30)),
    ]);
  });

  it('says how a run failed: the handler threw, or nothing answered', async () => {
    expect(await fireCron(origin, '17 * * * *', Date.now())).toBe('answered 500 exception');
    expect(await fireCron(`http://127.0.0.1:${await freePort()}`, '* * * * *', Date.now())).toMatch(/^could not be sent: /);
  });
});
