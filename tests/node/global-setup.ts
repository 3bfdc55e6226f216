// Once per run of the node project: the production build of the web app, a
// Chromium for the browser tests (installed on a fresh machine), and .dev.vars
// (the local operator token the portal and the seeder share).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from '../../scripts/ensure-chromium.ts';
import { ensureDevVars } from '../../scripts/dev-vars.ts';
import { buildWebApp, migrateLocal } from '../../scripts/portal-stack.ts';
import { MIGRATED_TEMPLATE_ENV } from './web-stack.ts';

export default async function setup(): Promise<() => void> {
  ensureChromium();
  ensureDevVars();
  await buildWebApp(true);
  // Migrated once; each browser test file starts from a copy (web-stack.ts migratedState).
  const template = mkdtempSync(join(tmpdir(), 'wnp-e2e-migrated-'));
  await migrateLocal(template);
  process.env[MIGRATED_TEMPLATE_ENV] = template;
  return () => rmSync(template, { recursive: true, force: true });
}
