import { createApp } from './app';

const app = createApp();

/** The API worker: HTTP through Hono; rooms, queues and crons join as their issues land. */
export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
