/** Paths the API worker owns on the shared origin. */
const API_PATHS = /^\/(?:api|parties)(?:\/|$)|^\/health(?:\/|$)/;

/** True when a request path belongs to the API worker rather than the web app. */
export function isApiPath(pathname: string): boolean {
  return API_PATHS.test(pathname);
}

/**
 * The web worker's entry (svelte.config.js puts it at wrangler.web.toml's `main`):
 * the API's paths go to the API worker untouched — the same Request object, so
 * WebSocket upgrades and bodies stream through — and the rest to SvelteKit. In
 * production Workers routes send those paths to the API worker before they reach
 * us; this keeps `npm start` (one `wrangler dev`, one port) on a single origin too.
 */
export function routeOneOrigin(sveltekit: ExportedHandler<WebEnv>): ExportedHandler<WebEnv> {
  return {
    fetch(request, env, ctx) {
      if (isApiPath(new URL(request.url).pathname)) return env.API.fetch(request);
      if (!sveltekit.fetch) throw new Error('The SvelteKit worker has no fetch handler.');
      return sveltekit.fetch(request, env, ctx);
    },
  };
}
