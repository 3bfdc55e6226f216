// The RPC surface of the API worker's BackgroundEntrypoint, in types both
// programs can read: the web worker (src/, which cannot see the API worker's
// Env) calls it, and the entrypoint implements it.

/** An inbound message as it crosses the RPC boundary: the envelope and the raw bytes, streamed. */
export type InboundEnvelope = Pick<ForwardableEmailMessage, 'from' | 'to' | 'raw' | 'rawSize'>;

/** What the sending server is told: accepted (filed, or silently dropped as machine mail), or refused with a reason. */
export type EmailVerdict = { accepted: true } | { accepted: false; reason: string };

export interface BackgroundRpc {
  /** Files one inbound message exactly as the API worker's `email()` handler does. */
  receiveEmail(envelope: InboundEnvelope): Promise<EmailVerdict>;
  /** Runs a Cron Trigger's jobs as of `scheduledTime` (ms since the epoch); rejects when any job failed. */
  runCron(cron: string, scheduledTime: number): Promise<void>;
}
