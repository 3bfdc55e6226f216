// How fast the main pages paint and the inbox fills, measured in headless
// Chromium with the Performance API against the local portal. Every run is a
// fresh browser context (cold HTTP cache), signed in from a saved session.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export interface PageTiming {
  /** First contentful paint, ms after navigation start (median of the runs). */
  fcpMs: number;
  /**
   * Layout shift: the sum of the page's layout-shift scores not caused by input, from
   * navigation until it has hydrated and then settled for SETTLE_MS (live panels, the
   * editor). The worst of the runs; 0 means nothing moved.
   */
  layoutShift: number;
}

/** How long after hydration layout shifts are still counted: the ticket page loads its editor and connects its rooms then. */
const SETTLE_MS = 1_500;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

// The page-side code is passed as source text: it runs in the browser, and this
// program is typed for Node (no DOM library).
const FIRST_CONTENTFUL_PAINT = `new Promise((resolve) => {
  const seen = performance.getEntriesByName('first-contentful-paint')[0];
  if (seen) return resolve(seen.startTime);
  new PerformanceObserver((list) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (entry) resolve(entry.startTime);
  }).observe({ type: 'paint', buffered: true });
})`;

/**
 * Resolves with performance.now() once the inbox lists `count` rows, checking
 * every frame and keeping the list's end in view meanwhile. (Evaluated through
 * the DevTools protocol: the page's CSP forbids string evaluation inside it.)
 */
const inboxFilled = (count: number) => `new Promise((resolve) => {
  const check = () => {
    if (document.querySelectorAll('tbody tr[data-ticket-id]').length >= ${count}) return resolve(performance.now());
    document.querySelector('.sentinel')?.scrollIntoView();
    requestAnimationFrame(check);
  };
  check();
})`;

const firstContentfulPaint = async (page: Page): Promise<number> => (await page.evaluate(FIRST_CONTENTFUL_PAINT)) as number;

/** Every layout shift since navigation (buffered), once the page has hydrated and settled. */
const LAYOUT_SHIFT = `new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const settled = () => setTimeout(() => resolve(total), ${SETTLE_MS});
  const hydrated = () => (document.documentElement.hasAttribute('data-hydrated') ? settled() : requestAnimationFrame(hydrated));
  hydrated();
})`;

/** Opens `url` `runs` times, each in a fresh context: the median first contentful paint and the worst layout shift. */
export async function measurePage(browser: Browser, url: string, runs: number, context: BrowserContextOptions = {}): Promise<PageTiming> {
  const samples: number[] = [];
  let layoutShift = 0;
  for (let run = 0; run < runs; run += 1) {
    const fresh = await browser.newContext(context);
    try {
      const page = await fresh.newPage();
      const response = await page.goto(url);
      if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
      samples.push(await firstContentfulPaint(page));
      layoutShift = Math.max(layoutShift, (await page.evaluate(LAYOUT_SHIFT)) as number);
    } finally {
      await fresh.close();
    }
  }
  return { fcpMs: median(samples), layoutShift };
}

/**
 * Milliseconds from navigation start until the inbox lists `count` tickets: the
 * first page is server-rendered, the rest arrive as the list scrolls (keyset
 * pages), so the measurement keeps the list's end in view, as a reader would.
 */
export async function measureInboxFill(browser: Browser, url: string, count: number, runs: number, context: BrowserContextOptions): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const fresh = await browser.newContext(context);
    try {
      const page = await fresh.newPage();
      // The first page of rows is in the server's HTML, so the count cannot be reached before the page is parsed.
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      samples.push((await page.evaluate(inboxFilled(count))) as number);
    } finally {
      await fresh.close();
    }
  }
  return median(samples);
}
