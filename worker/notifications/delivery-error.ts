/**
 * A delivery that did not happen. Transient ones (network, 5xx, 429) are
 * retried with backoff; permanent ones (the provider refused the message
 * itself: 4xx, a missing address) go straight to the dead letters.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Classifies a provider's HTTP answer; the body is cut short and never carries our secrets. */
export async function assertDelivered(provider: string, response: Response): Promise<void> {
  if (response.ok) return;
  const detail = (await response.text().catch(() => '')).slice(0, 200);
  const retryable = response.status >= 500 || response.status === 408 || response.status === 425 || response.status === 429;
  throw new DeliveryError(`${provider} answered ${response.status}${detail ? `: ${detail}` : ''}`, !retryable);
}

/** A network failure or our own broken invariant: retried. */
export function asDeliveryError(error: unknown): DeliveryError {
  return error instanceof DeliveryError ? error : new DeliveryError(error instanceof Error ? error.message : String(error), false);
}
