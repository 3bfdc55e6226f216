/**
 * The Rate Limiting simulator counts in one-minute windows aligned to the clock.
 * A burst that straddled a window's end would see its count reset midway, so each
 * burst starts with at least ten seconds of its window left (a burst takes about one).
 */
export async function roomInWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}
