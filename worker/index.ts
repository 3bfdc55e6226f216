import { createApp } from './app';
import { runCronJobs } from './background/cron-jobs';
import { consumeQueue } from './background/queue-consumers';
import { receiveEmail } from './email/receive-email';
import { partyGate } from './realtime/party-gate';

export { TicketRoom } from '../party/ticket-room';
export { ChatRoom } from '../party/chat-room';
export { InboxRoom } from '../party/inbox-room';
// RPC for the web worker's local `email()`/`scheduled()` under `npm start` (see there).
export { BackgroundEntrypoint } from './background/background-entrypoint';

const app = createApp();

/**
 * The API worker: WebSockets to the rooms (/parties/*) go through the party gate,
 * which authorises them before any upgrade; everything else is the Hono app.
 * Cron Triggers and queue batches go to the jobs and consumers registered in
 * worker/background/. Inbound mail (Email Routing) becomes tickets and replies (worker/email/).
 * In production these handlers are the ones called (Email Routing and the crons of wrangler.toml
 * reach this worker); under `npm start` the web worker relays them through BackgroundEntrypoint.
 */
export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname.startsWith('/parties/')) return partyGate(request, env);
    return app.fetch(request, env, ctx);
  },
  async scheduled(controller, env) {
    await runCronJobs(controller.cron, env, controller.scheduledTime);
  },
  async queue(batch, env, ctx) {
    await consumeQueue(batch, env, ctx);
  },
  async email(message, env, ctx) {
    await receiveEmail(message, env, ctx);
  },
} satisfies ExportedHandler<Env>;
