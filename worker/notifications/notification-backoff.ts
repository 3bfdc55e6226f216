/** First retry after 30 s, doubling, at most an hour: 30 s, 1 min, 2 min, 4 min, 8 min… */
export function backoffSeconds(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(30 * 2 ** exponent, 60 * 60);
}
