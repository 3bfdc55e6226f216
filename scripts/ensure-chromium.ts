// Finds a Chromium for the browser tests, installing one on a fresh machine:
// Debian's package when we are root with apt-get, else Playwright's own download.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { chromium } from 'playwright-core';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Flags for a headless Chromium on a machine without a network: no sandbox
 * (we run as root in CI), no GPU, and none of the background services that
 * would try to reach Google.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const installed = (): string | undefined => SYSTEM_CHROMIUM.find((path) => existsSync(path));

function playwrightChromium(): string | undefined {
  const path = chromium.executablePath();
  return existsSync(path) ? path : undefined;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function hasAptGet(): boolean {
  try {
    execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The path of a Chromium executable, installed if there was none. */
export function ensureChromium(): string {
  const found = installed() ?? playwrightChromium();
  if (found) return found;
  if (isRoot() && hasAptGet()) {
    process.stderr.write('Chromium is missing: installing the Debian package (apt-get install chromium)…\n');
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const path = installed();
    if (path) return path;
    throw new Error('apt-get installed chromium, but no executable is at /usr/bin/chromium.');
  }
  process.stderr.write('Chromium is missing and apt-get is not usable here: downloading Playwright’s Chromium…\n');
  execFileSync('npx', ['playwright-core', 'install', 'chromium'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const path = playwrightChromium();
  if (path) return path;
  throw new Error('Playwright’s Chromium download finished, but its executable is missing.');
}

if (import.meta.main) {
  process.stdout.write(`${ensureChromium()}\n`);
}
