// What each Cron Trigger runs. The keys are the `[triggers] crons` of
// wrangler.toml, exactly; every job of a trigger runs, and one job failing does
// not stop the others (each is logged and the trigger reports the failure).

import { purgeAttachmentsJob } from '../attachments/purge-attachments';
import { housekeepingJob } from '../housekeeping/run-housekeeping';
import { relayAllTenants } from '../notifications/notification-relay';
import { enqueueSlaSweeps } from '../sla/sla-sweep-queue';

export type CronJob = (env: Env, scheduledTime: number) => Promise<void>;

/** cron expression → the jobs it runs. Features add their job here. */
export const CRON_JOBS: Record<string, readonly CronJob[]> = {
  // Every minute: the notification relay re-checks every tenant's outbox for rows not yet on the queue;
  // the SLA sweep sends one `sla-sweep` message per tenant.
  '* * * * *': [relayAllTenants, enqueueSlaSweeps],
  // Hourly: purge expired sessions and idempotency keys, and old audit rows and notifications per tenant retention;
  // remove the bytes of attachments deleted longer ago than the grace period.
  '17 * * * *': [housekeepingJob, purgeAttachmentsJob],
};

export async function runCronJobs(cron: string, env: Env, scheduledTime: number): Promise<void> {
  const jobs = CRON_JOBS[cron];
  if (!jobs) throw new Error(`No jobs are registered for the cron trigger "${cron}".`);
  const results = await Promise.allSettled(jobs.map((job) => job(env, scheduledTime)));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  for (const failure of failures) console.error(JSON.stringify({ level: 'error', cron, error: String(failure.reason) }));
  if (failures.length > 0) throw new Error(`${failures.length} of ${jobs.length} jobs of "${cron}" failed.`);
}
