// The Cron Triggers of wrangler.toml, fired while `npm start` runs. Miniflare
// never fires them by itself; it only offers /cdn-cgi/local/scheduled, which
// this calls on the portal's origin at each UTC minute boundary for every
// trigger due in that minute (the web worker relays it to the API worker, see
// src/web-worker.ts). Quiet unless a run fails.
import { unstable_readConfig } from 'wrangler';
import { nextMinute, parseCron, type CronSchedule } from './cron-schedule.ts';
import { ROOT } from './run-command.ts';

/** The `[triggers] crons` of the API worker's config, read (and checked) once. */
export function cronTriggers(configPath = `${ROOT}wrangler.toml`): CronSchedule[] {
  const config = unstable_readConfig({ config: configPath });
  // wrangler's Config type comes from a package it bundles, so it arrives here untyped.
  const crons: readonly string[] = config.triggers.crons ?? [];
  return crons.map(parseCron);
}

/** Runs one trigger as of `scheduledTime`, as Cloudflare would; resolves to a failure message, or null. */
export async function fireCron(origin: string, cron: string, scheduledTime: number): Promise<string | null> {
  const url = `${origin}/cdn-cgi/local/scheduled?${new URLSearchParams({ cron, time: String(scheduledTime) })}`;
  try {
    const response = await fetch(url);
    const body = await response.text();
    return response.ok ? null : `answered ${response.status} ${body.trim()}`;
  } catch (error) {
    return `could not be sent: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export interface LocalCron {
  /** Fires nothing more, and waits for the runs under way. */
  stop(): Promise<void>;
}

/** Fires `triggers` at every minute boundary from now on until stopped; reports only failures. */
export function startLocalCron(origin: string, triggers: readonly CronSchedule[], report: (line: string) => void = console.error): LocalCron {
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const tick = (minute: number) => {
    for (const trigger of triggers.filter((t) => t.matches(minute))) {
      const run = fireCron(origin, trigger.expression, minute).then((failure) => {
        if (failure) report(`Cron "${trigger.expression}" at ${new Date(minute).toISOString()} failed: ${failure}`);
      });
      running.add(run);
      void run.finally(() => running.delete(run));
    }
  };
  const schedule = () => {
    if (stopped) return;
    const minute = nextMinute(Date.now());
    // Unref'd: the scheduler alone never keeps the process alive.
    timer = setTimeout(() => {
      tick(minute);
      schedule();
    }, minute - Date.now()).unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled(running);
    },
  };
}
