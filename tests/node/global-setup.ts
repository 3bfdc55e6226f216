// Once per run of the node project: the production build of the web app, a
// Chromium for the browser tests (installed on a fresh machine), and .dev.vars
// (the local operator token the portal and the seeder share).
import { ensureChromium } from '../../scripts/ensure-chromium.ts';
import { ensureDevVars } from '../../scripts/dev-vars.ts';
import { buildWebApp } from '../../scripts/portal-stack.ts';

export default async function setup(): Promise<void> {
  ensureChromium();
  ensureDevVars();
  await buildWebApp(true);
}
