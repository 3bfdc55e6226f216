import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const cloudflare = adapter({ config: 'wrangler.web.toml' });

/**
 * The adapter writes SvelteKit's worker to the config's `main`. We move it aside and
 * put the one-origin router (src/web-worker.ts) at `main` in its place, so the API's
 * paths (and its WebSocket upgrades) never enter SvelteKit.
 * @type {import('@sveltejs/kit').Adapter}
 */
const oneOriginAdapter = {
  ...cloudflare,
  name: 'workernet-one-origin',
  async adapt(builder) {
    await cloudflare.adapt(builder);
    const out = builder.getBuildDirectory('cloudflare');
    renameSync(`${out}/_worker.js`, `${out}/_sveltekit.js`);
    writeFileSync(
      `${out}/_worker.js`,
      [
        `import sveltekit from './_sveltekit.js';`,
        `import { routeOneOrigin } from '../../src/web-worker.ts';`,
        `export default routeOneOrigin(sveltekit);`,
        '',
      ].join('\n'),
    );
    // The output folder is also the assets folder: keep the server code out of it.
    appendFileSync(`${out}/.assetsignore`, '\n_sveltekit.js\n');
  },
  /**
   * The adapter emulates the platform with wrangler's getPlatformProxy, which starts a
   * workerd that `vite build` never disposes: every build left one running. The only
   * prerendered page (/offline) reads nothing from the platform, and the app is served
   * by wrangler, never by `vite dev`, so an empty platform is all a build needs.
   */
  emulate: () => ({ platform: () => ({ env: {} }) }),
};

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: oneOriginAdapter,
    // Only the offline page is prerendered (for the service worker's cache); the
    // links on it lead to pages that need a signed-in user, so they are not followed.
    prerender: { crawl: false, entries: ['/offline'] },
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // SvelteKit's route announcer (for screen readers) is hidden with a style attribute; allow exactly that one.
        'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'img-src': ['self', 'data:'],
        'connect-src': ['self'],
        'font-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['none'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};
