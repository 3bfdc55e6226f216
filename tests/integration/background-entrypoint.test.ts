import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { BackgroundEntrypoint } from '../../worker/background/background-entrypoint';
import { emailMessage, inboxAddress, plainMail, storedMessage, uniqueMessageId } from './email-fixtures';
import { createTenant, type TestTenant } from './harness';

// The RPC entrypoint the web worker relays wrangler's local e-mail and cron
// endpoints to under `npm start` (tests/node/e2e-sla-email.test.ts drives it
// through the real binding): the same filing and the same jobs as the API
// worker's own `email()` and `scheduled()`, with a refusal returned as a value.

let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant('rpc');
});

/** Calls the entrypoint as the binding would, and waits for the work it left running. */
async function call<T>(method: (rpc: BackgroundEntrypoint) => Promise<T>): Promise<T> {
  const ctx = createExecutionContext();
  const result = await method(new BackgroundEntrypoint(ctx, env));
  await waitOnExecutionContext(ctx);
  return result;
}

const envelopeOf = (raw: string, from: string, to: string) => {
  const { raw: stream, rawSize } = emailMessage(raw, { from, to });
  return { from, to, raw: stream, rawSize };
};

describe('the background entrypoint', () => {
  it('files mail to a tenant’s address as a ticket and answers that it was accepted', async () => {
    const messageId = uniqueMessageId();
    const from = 'kim@example.net';
    const raw = plainMail({ from, to: inboxAddress(tenant), subject: 'Scanner jams', body: 'Every third page.', messageId });
    expect(await call((rpc) => rpc.receiveEmail(envelopeOf(raw, from, inboxAddress(tenant))))).toEqual({ accepted: true });
    expect((await storedMessage(tenant, messageId))?.ticketId).toEqual(expect.any(Number));
  });

  it('answers with the reason when no team receives mail at the address, and files nothing', async () => {
    const messageId = uniqueMessageId();
    const raw = plainMail({ from: 'kim@example.net', to: 'nobody@elsewhere.example', subject: 'Hello?', body: 'Anyone?', messageId });
    expect(await call((rpc) => rpc.receiveEmail(envelopeOf(raw, 'kim@example.net', 'nobody@elsewhere.example')))).toEqual({
      accepted: false,
      reason: 'No support team receives mail at nobody@elsewhere.example.',
    });
    expect(await storedMessage(tenant, messageId)).toBeUndefined();
  });

  it('runs the jobs of a trigger of wrangler.toml, and refuses an expression none is registered for', async () => {
    await expect(call((rpc) => rpc.runCron('17 * * * *', Date.now()))).resolves.toBeUndefined();
    await expect(call((rpc) => rpc.runCron('1 2 3 4 *', Date.now()))).rejects.toThrow('No jobs are registered for the cron trigger "1 2 3 4 *".');
  });
});
