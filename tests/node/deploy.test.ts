import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runTool } from '../../scripts/run-command.ts';

// `wrangler deploy --dry-run` bundles a Worker exactly as a deploy would, without
// an account or the network. The web app was built by the global setup.

const outRoot = mkdtempSync(join(tmpdir(), 'wnp-deploy-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

async function dryRun(config: string): Promise<{ outdir: string; log: string }> {
  const outdir = join(outRoot, config);
  const log = await runTool('wrangler', ['deploy', '--dry-run', '--outdir', outdir, '-c', config], { quiet: true });
  return { outdir, log };
}

describe('the production bundles', () => {
  it('bundles the API worker (wrangler.toml) with its D1 slots and rate limiters', async () => {
    const { outdir, log } = await dryRun('wrangler.toml');
    const bundle = join(outdir, 'index.js');
    expect(existsSync(bundle)).toBe(true);
    expect(readFileSync(bundle, 'utf8')).toContain('WorkerNet Portal API');
    expect(log).toContain('env.DIRECTORY');
    expect(log).toContain('env.TENANT_DB_001');
    expect(log).toContain('env.LOGIN_IP_LIMITER');
  });

  it('bundles the web worker (wrangler.web.toml): the one-origin router in front of SvelteKit, bound to the API', async () => {
    const { outdir, log } = await dryRun('wrangler.web.toml');
    const bundle = readFileSync(join(outdir, '_worker.js'), 'utf8');
    expect(bundle).toContain('The SvelteKit worker has no fetch handler');
    expect(bundle).toContain('x-sveltekit-page');
    expect(log).toContain('env.API (workernet-api)');
    expect(log).toContain('env.ASSETS');
    // The server half of the app is bundled into the worker, never uploaded as a public asset.
    expect(readFileSync(join(ROOT, '.svelte-kit/cloudflare/.assetsignore'), 'utf8')).toContain('_sveltekit.js');
  });
});
