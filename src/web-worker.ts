import type { BackgroundRpc } from '../worker/background/background-rpc';

/** Paths the API worker owns on the shared origin. */
const API_PATHS = /^\/(?:api|parties)(?:\/|$)|^\/health(?:\/|$)/;

/** True when a request path belongs to the API worker rather than the web app. */
export function isApiPath(pathname: string): boolean {
  return API_PATHS.test(pathname);
}

/**
 * The API worker's BackgroundEntrypoint. `wrangler types` can only type the binding as
 * an untyped `Service` (the class lives in the other Worker), so its shape is named here.
 */
const background = (env: WebEnv) => env.BACKGROUND as unknown as BackgroundRpc;

/**
 * The web worker's entry (svelte.config.js puts it at wrangler.web.toml's `main`):
 * the API's paths go to the API worker untouched — the same Request object, so
 * WebSocket upgrades and bodies stream through — and the rest to SvelteKit. In
 * production Workers routes send those paths to the API worker before they reach
 * us; this keeps `npm start` (one `wrangler dev`, one port) on a single origin too.
 *
 * `email()` and `scheduled()` exist for `npm start` alone: wrangler's local
 * /cdn-cgi/local/email and /cdn-cgi/local/scheduled endpoints (and scripts/local-cron.ts)
 * reach the first Worker of the session, which is this one, so both hand the event
 * to the API worker's BackgroundEntrypoint. In production Email Routing and the Cron
 * Triggers reach the API worker directly, and this worker has neither.
 */
export function routeOneOrigin(sveltekit: ExportedHandler<WebEnv>): ExportedHandler<WebEnv> {
  return {
    fetch(request, env, ctx) {
      if (isApiPath(new URL(request.url).pathname)) return env.API.fetch(request);
      if (!sveltekit.fetch) throw new Error('The SvelteKit worker has no fetch handler.');
      return sveltekit.fetch(request, env, ctx);
    },
    async email(message, env) {
      const verdict = await background(env).receiveEmail({ from: message.from, to: message.to, raw: message.raw, rawSize: message.rawSize });
      if (!verdict.accepted) message.setReject(verdict.reason);
    },
    async scheduled(controller, env) {
      await background(env).runCron(controller.cron, controller.scheduledTime);
    },
  };
}
