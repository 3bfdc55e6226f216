import { WorkerEntrypoint } from 'cloudflare:workers';
import { receiveEmail } from '../email/receive-email';
import type { BackgroundRpc, EmailVerdict, InboundEnvelope } from './background-rpc';
import { runCronJobs } from './cron-jobs';

// The API worker's background work, callable over RPC by the web worker
// (wrangler.web.toml's `BACKGROUND` service binding names this entrypoint).
//
// Why: under `npm start` both Workers run in one `wrangler dev`, and the first
// config (the web worker) is the one wrangler's local endpoints reach —
// /cdn-cgi/local/email and /cdn-cgi/local/scheduled call *its* `email()` and
// `scheduled()`, which hand the work on to here. In production nothing calls
// this: Email Routing delivers to the API worker's own `email()` and its Cron
// Triggers call its own `scheduled()` (worker/index.ts); both run the same code.

export class BackgroundEntrypoint extends WorkerEntrypoint<Env> implements BackgroundRpc {
  /** Files one inbound message; the caller rejects the real message when told to. */
  async receiveEmail(envelope: InboundEnvelope): Promise<EmailVerdict> {
    const { from, to, raw, rawSize } = envelope;
    // The refusal is returned, not recorded here: only the caller holds the message it must `setReject`.
    const outcome = await receiveEmail({ from, to, raw, rawSize, setReject: () => {} }, this.env, this.ctx);
    return outcome.kind === 'rejected' ? { accepted: false, reason: outcome.reason } : { accepted: true };
  }

  async runCron(cron: string, scheduledTime: number): Promise<void> {
    await runCronJobs(cron, this.env, scheduledTime);
  }
}
