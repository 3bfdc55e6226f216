import { createApp } from './app';
import { partyGate } from './realtime/party-gate';

export { TicketRoom } from '../party/ticket-room';
export { ChatRoom } from '../party/chat-room';
export { InboxRoom } from '../party/inbox-room';

const app = createApp();

/**
 * The API worker: WebSockets to the rooms (/parties/*) go through the party gate,
 * which authorises them before any upgrade; everything else is the Hono app.
 */
export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname.startsWith('/parties/')) return partyGate(request, env);
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
