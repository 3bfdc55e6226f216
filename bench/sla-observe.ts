// What the SLA benchmark reads: the sweep consumer's `sla.sweep` log lines (from
// wrangler's output), the due query's plan, and the tenant's D1 file, read-only,
// for how far the notifications got and what the sweep wrote.
import { DatabaseSync } from 'node:sqlite';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import { runnerImport } from 'vite';
import { ROOT } from '../scripts/run-command.ts';

/** One line the consumer logs per sweep message that did something (worker/sla/sla-sweep-queue.ts). */
export interface SweepLine {
  tenant: string;
  warned: number;
  breached: number;
  escalated: number;
  steps: number;
  more: boolean;
  /** From the message's arrival at the consumer to its last step's commit. */
  ms: number;
}

/**
 * Collects the sweep lines out of wrangler's output, and waits for a sweep to
 * finish. It also counts wrangler's reloads: a source file changed mid-run makes
 * wrangler restart the worker, which loses queue messages in flight.
 */
export function sweepLogReader() {
  const lines: SweepLine[] = [];
  let reloads = 0;
  let pending = '';
  let wake: (() => void) | null = null;
  const feed = (text: string) => {
    pending += text;
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      if (line.includes('Reloading local server')) reloads++;
      const start = line.indexOf('{"level":"info","event":"sla.sweep"');
      if (start < 0) continue;
      lines.push(JSON.parse(line.slice(start, line.lastIndexOf('}') + 1)) as SweepLine);
      wake?.();
    }
  };
  /** The lines of one tenant's sweep, from its first message to the one that found nothing more due. */
  const untilDone = async (timeoutMs: number): Promise<SweepLine[]> => {
    const deadline = Date.now() + timeoutMs;
    while (!lines.some((l) => !l.more)) {
      if (Date.now() > deadline) throw new Error(`No finished sweep within ${timeoutMs / 1000} s; lines so far: ${JSON.stringify(lines)}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 500).unref();
      });
    }
    return [...lines];
  };
  const reset = () => {
    lines.splice(0);
    reloads = 0;
  };
  return { feed, untilDone, reset, reloads: () => reloads };
}

interface DueQueryModule {
  dueTargetsQuery(db: unknown, now: number, limit: number): { toSQL(): { sql: string; params: unknown[] } };
}

/**
 * The sweep's own due query (worker/sla/sla-sweep.ts, loaded through Vite's
 * module runner as scripts/api-schema.ts loads the app) and SQLite's plan for
 * it on the tenant's file. drizzle's proxy driver only builds the SQL here.
 */
export async function dueQueryPlan(file: string, now: number, limit: number): Promise<{ sqliteVersion: string; plan: string[] }> {
  const { module } = await runnerImport<DueQueryModule>(`${ROOT}worker/sla/sla-sweep.ts`, { root: ROOT, logLevel: 'error' });
  const { sql, params } = module.dueTargetsQuery(drizzle(async () => ({ rows: [] })), now, limit).toSQL();
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const plan = db.prepare(`explain query plan ${sql}`).all(...(params as number[])).map((row) => String(row.detail));
    return { sqliteVersion: String(db.prepare('select sqlite_version() as v').get()?.v), plan };
  } finally {
    db.close();
  }
}

export interface NotificationProgress {
  total: number;
  /** Not yet delivered: pending, being sent, or failed and waiting for a retry. */
  open: number;
  sent: number;
  firstRelayedAt: number | null;
  lastSentAt: number | null;
}

const SLA_EVENTS = `event in ('sla.warning', 'sla.breach')`;

/** How far the SLA notifications got; read while wrangler runs (SQLite's locking makes that safe). */
export function notificationProgress(file: string): NotificationProgress {
  const db = new DatabaseSync(file, { readOnly: true, timeout: 5_000 });
  try {
    const row = db
      .prepare(
        `select count(*) as total, coalesce(sum(state in ('pending', 'sending', 'failed')), 0) as open, coalesce(sum(state = 'sent'), 0) as sent,
           min(relayed_at) as first_relayed, max(sent_at) as last_sent
         from notifications where ${SLA_EVENTS}`,
      )
      .get()!;
    const num = (v: unknown) => (v === null ? null : Number(v));
    return { total: Number(row.total), open: Number(row.open), sent: Number(row.sent), firstRelayedAt: num(row.first_relayed), lastSentAt: num(row.last_sent) };
  } finally {
    db.close();
  }
}

/**
 * Polls until every SLA notification is delivered, or none was delivered for
 * `stallMs` (a message lost, e.g. by wrangler reloading the worker when a source
 * file changes mid-run); returns the last reading.
 */
export async function waitForNotifications(file: string, stallMs: number): Promise<NotificationProgress> {
  let progress = notificationProgress(file);
  let movedAt = Date.now();
  while (!(progress.total > 0 && progress.open === 0) && Date.now() - movedAt < stallMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = notificationProgress(file);
    if (next.sent !== progress.sent || next.total !== progress.total) movedAt = Date.now();
    progress = next;
  }
  return progress;
}

export interface SweepWrites {
  auditRows: number;
  escalatedTickets: number;
  outboxMessages: number;
  stillDue: number;
}

/** What the sweep left in the tenant's database, counted after wrangler stopped. */
export function sweepWrites(file: string, escalationGroup: string): SweepWrites {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const count = (sql: string, ...params: (string | number)[]) => Number(db.prepare(sql).get(...params)?.n);
    return {
      auditRows: count(`select count(*) as n from audit_logs where action in ('sla.warning', 'sla.breach')`),
      escalatedTickets: count('select count(*) as n from tickets where group_name = ?', escalationGroup),
      outboxMessages: count(`select count(*) as n from outbox_messages where ${SLA_EVENTS}`),
      stillDue: count('select count(*) as n from ticket_slas where next_check_at <= ?', Date.now()),
    };
  } finally {
    db.close();
  }
}
