// Which consumer handles each queue. The keys are the `queue` names of
// wrangler.toml's `[[queues.consumers]]`; a batch from a queue nobody consumes
// is an error (its messages are retried, then dead-lettered), never dropped.

import { consumeDeadNotifications, consumeNotifications } from '../notifications/notification-consumer';
import { consumeSlaSweeps } from '../sla/sla-sweep-queue';

export type QueueConsumer = (batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) => Promise<void>;

/** queue name → its consumer. Features add theirs here. */
export const QUEUE_CONSUMERS: Record<string, QueueConsumer> = {
  notifications: consumeNotifications,
  'notifications-dlq': consumeDeadNotifications,
  'sla-sweep': (batch, env, ctx) => consumeSlaSweeps(batch, env, ctx),
};

export async function consumeQueue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const consumer = QUEUE_CONSUMERS[batch.queue];
  if (!consumer) throw new Error(`No consumer is registered for the queue "${batch.queue}".`);
  await consumer(batch, env, ctx);
}
