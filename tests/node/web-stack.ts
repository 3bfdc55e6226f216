// What the browser tests share: one local stack per test file (one wrangler dev,
// both Workers, migrated and seeded), browser profiles signed in through the
// login page, axe-core run inside the page, and screenshots for review.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_TENANT, type DemoPerson } from '../../scripts/demo-data.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.ts';
import { migrateLocal, startPortal, type Portal } from '../../scripts/portal-stack.ts';
import { ROOT } from '../../scripts/run-command.ts';
import { seedDemo } from '../../scripts/seed.ts';

export interface WebStack {
  portal: Portal;
  browser: Browser;
  /** The demo tenant's origin, as a browser uses it. */
  site: string;
  /** Every Content Security Policy violation any page reported. */
  cspViolations: string[];
  stop(): Promise<void>;
}

/** Set by global-setup.ts: local state with every migration applied, made once per run. */
export const MIGRATED_TEMPLATE_ENV = 'WNP_E2E_MIGRATED_STATE';

/**
 * Fresh local state with every D1 migration applied: a copy of the state the
 * global setup migrated once (applying them takes a wrangler run per database,
 * about half a minute, for every test file otherwise).
 */
export async function migratedState(persistTo: string): Promise<void> {
  const template = process.env[MIGRATED_TEMPLATE_ENV];
  if (template) cpSync(template, persistTo, { recursive: true });
  else await migrateLocal(persistTo);
}

export async function startWebStack(name: string): Promise<WebStack> {
  const persistTo = mkdtempSync(join(tmpdir(), `wnp-${name}-`));
  await migratedState(persistTo);
  const portal = await startPortal({ persistTo, output: 'capture' });
  const seeded = await seedDemo(portal.origin);
  if (!seeded.created) throw new Error('the demo tenant was not seeded');
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  return {
    portal,
    browser,
    site: portal.tenantOrigin(DEMO_TENANT.slug),
    cspViolations: [],
    async stop() {
      await browser.close();
      await portal.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the app has hydrated the page a full load brought (the root
 * layout marks `<html data-hydrated>`). Typing into server-rendered HTML before
 * that races the app taking it over; a person is never that fast, a test is.
 * Pages that are not the app's (a file, JSON) are left alone.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.locator('html[data-hydrated], body:not([data-sveltekit-preload-data])').first().waitFor({ state: 'attached', timeout: 15_000 });
}

/** Makes `page.goto`, `page.reload` and `page.waitForURL` settle only once the page they lead to has hydrated. */
export function waitForHydration(page: Page): void {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  const waitForURL = page.waitForURL.bind(page);
  page.goto = async (...args) => {
    const response = await goto(...args);
    await hydrated(page);
    return response;
  };
  page.reload = async (...args) => {
    const response = await reload(...args);
    await hydrated(page);
    return response;
  };
  page.waitForURL = async (...args) => {
    await waitForURL(...args);
    await hydrated(page);
  };
}

/** A browser profile of its own (its own cookies) that reports CSP violations; its page waits for hydration after each load (with JavaScript on). */
export async function newProfile(stack: WebStack, label: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.browser.newContext(options);
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      console.error('Content Security Policy violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI));`,
  });
  const page = await context.newPage();
  // Without JavaScript nothing hydrates: the server's HTML is the page.
  if (options.javaScriptEnabled !== false) waitForHydration(page);
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) stack.cspViolations.push(`${label}: ${message.text()}`);
  });
  return { context, page };
}

/** Signs `person` in through the login page; resolves once they landed on `home`. */
export async function signIn(stack: WebStack, person: DemoPerson, home: string, options: BrowserContextOptions = {}) {
  const profile = await newProfile(stack, person.key, options);
  await profile.page.goto(`${stack.site}/login`);
  await profile.page.locator('#email').fill(person.email);
  await profile.page.locator('#password').fill(DEMO_PASSWORD);
  await profile.page.locator('main form button[type="submit"]').click();
  await profile.page.waitForURL(`${stack.site}${home}`);
  return profile;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The serious and critical accessibility violations axe-core finds in the page
 * as it is now (WCAG 2.x A and AA rules), one line each. axe is evaluated
 * through the DevTools protocol, so the page's CSP needs no exception for it.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> }; document: unknown };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const SCREENSHOTS = join(ROOT, 'tests/e2e/screenshots');

/** A full-page screenshot under tests/e2e/screenshots/ (git-ignored), for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
