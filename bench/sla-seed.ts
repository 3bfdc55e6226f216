// The SLA benchmark's ticket_slas rows, written straight into the tenant's local
// D1 file (wrangler stopped) for tickets bench/bulk-seed.ts wrote: what a year of
// one 24/7 policy leaves behind, as worker/sla/sla-tracker.ts would have kept it.
// - solved and closed tickets: first response and resolution met (some late:
//   breached, with met_at);
// - pending and on-hold tickets: first response met, resolution paused;
// - new and open tickets: first response running (new) or met (open), resolution
//   running, and a third of open tickets a running next response. A target whose
//   warning or due instant comes before `horizon` is already warned or breached
//   (earlier sweeps did it), so nothing but the planted targets is due while the
//   benchmark runs;
// - `due` open tickets get a next-response target due now: 40 % warnings, 45 %
//   breaches already warned, 15 % breaches never warned (missed by an outage).
import { DatabaseSync } from 'node:sqlite';
import { prng } from './ticket-corpus.ts';

const MINUTE = 60_000;

/** The policy the benchmark creates through the admin API: its targets in minutes and warning threshold. */
export const BENCH_POLICY = { targets: { first_response: 60, next_response: 240, resolution: 2880 }, warning_percent: 80 } as const;

type Metric = keyof typeof BENCH_POLICY.targets;

interface TargetRow {
  ticket_id: number;
  metric: Metric;
  policy_id: number;
  target_minutes: number;
  started_at: number;
  pauses: string;
  state: 'active' | 'paused' | 'met' | 'breached';
  due_at: number | null;
  warn_at: number | null;
  warned_at: number | null;
  breached_at: number | null;
  met_at: number | null;
}

interface TicketFacts {
  id: number;
  status: string;
  created_at: number;
  updated_at: number;
  solved_at: number | null;
}

export interface SlaSeedCounts {
  targets: number;
  byState: Record<string, number>;
  planted: { warnings: number; warnedBreaches: number; unwarnedBreaches: number };
}

function target(ticketId: number, policyId: number, metric: Metric, startedAt: number): TargetRow {
  const minutes = BENCH_POLICY.targets[metric];
  return {
    ticket_id: ticketId,
    metric,
    policy_id: policyId,
    target_minutes: minutes,
    started_at: startedAt,
    pauses: '[]',
    state: 'active',
    due_at: startedAt + minutes * MINUTE,
    warn_at: startedAt + Math.round((minutes * BENCH_POLICY.warning_percent) / 100) * MINUTE,
    warned_at: null,
    breached_at: null,
    met_at: null,
  };
}

/** Done at `metAt`: met, or breached if that was after the due instant (warned on the way). */
function finished(row: TargetRow, metAt: number): TargetRow {
  const late = metAt > row.due_at!;
  const warned = metAt > row.warn_at! ? row.warn_at : null;
  return { ...row, met_at: metAt, warned_at: warned, state: late ? 'breached' : 'met', breached_at: late ? row.due_at : null };
}

/** Still running at `horizon`: warned and breached as the sweeps of the past would have left it. */
function running(row: TargetRow, horizon: number): TargetRow {
  if (row.due_at! <= horizon) return { ...row, state: 'breached', warned_at: row.warn_at, breached_at: row.due_at };
  return row.warn_at! <= horizon ? { ...row, warned_at: row.warn_at } : row;
}

function targetsOf(t: TicketFacts, policyId: number, random: () => number, horizon: number, now: number): TargetRow[] {
  const firstReplyAt = t.created_at + Math.floor((5 + random() * 85) * MINUTE);
  const first = target(t.id, policyId, 'first_response', t.created_at);
  const resolution = target(t.id, policyId, 'resolution', t.created_at);
  if (t.status === 'solved' || t.status === 'closed') return [finished(first, firstReplyAt), finished(resolution, t.solved_at ?? t.updated_at)];
  if (t.status === 'pending' || t.status === 'on_hold') {
    const pausedAt = Math.max(firstReplyAt, t.updated_at);
    const paused: TargetRow =
      pausedAt > resolution.due_at!
        ? running(resolution, horizon)
        : { ...resolution, state: 'paused', due_at: null, warn_at: null, pauses: JSON.stringify([{ from: pausedAt, to: null }]) };
    return [finished(first, firstReplyAt), paused];
  }
  if (t.status === 'new') return [running(first, horizon), running(resolution, horizon)];
  const rows = [finished(first, firstReplyAt), running(resolution, horizon)];
  if (random() < 1 / 3) {
    // The customer wrote again some time after the first reply; staff have not answered yet.
    const customerReplyAt = firstReplyAt + Math.floor(random() * Math.max(0, now - firstReplyAt));
    rows.push(running(target(t.id, policyId, 'next_response', customerReplyAt), horizon));
  }
  return rows;
}

/** The i-th of `count` planted targets: due now, in the 40/45/15 mix of the header. */
function planted(ticketId: number, policyId: number, i: number, count: number, now: number, random: () => number): TargetRow {
  const minutes = BENCH_POLICY.targets.next_response;
  if (i < count * 0.4) {
    // Past the warning instant by up to a minute, far from due.
    const startedAt = now - Math.round((minutes * BENCH_POLICY.warning_percent) / 100) * MINUTE - Math.floor(random() * MINUTE);
    return target(ticketId, policyId, 'next_response', startedAt);
  }
  const startedAt = now - minutes * MINUTE - Math.floor(random() * 120 * MINUTE);
  const row = target(ticketId, policyId, 'next_response', startedAt);
  return i < count * 0.85 ? { ...row, warned_at: row.warn_at } : row;
}

/** The ticket's summary columns, as worker/sla/sla-tracking-store.ts keeps them: the earliest open due and warning instants. */
function summary(rows: readonly TargetRow[]): { due: number | null; warn: number | null } {
  const open = rows.filter((r) => r.met_at === null && (r.state === 'active' || r.state === 'breached'));
  const min = (values: (number | null)[]) => values.filter((v): v is number => v !== null).reduce<number | null>((m, v) => (m === null || v < m ? v : m), null);
  return { due: min(open.map((r) => r.due_at)), warn: min(open.map((r) => r.warn_at)) };
}

const PAGE = 10_000;

/** Writes every ticket's targets under `policyId` in one transaction, planting `due` targets due at `now`. */
export function seedSlaTargets(file: string, policyId: number, due: number, now: number, horizon: number, seed = 20_261_128): SlaSeedCounts {
  const db = new DatabaseSync(file);
  const random = prng(seed);
  try {
    // The most recent open tickets carry the planted targets.
    const plantedIds = db
      .prepare(`select id from tickets where status = 'open' order by id desc limit ?`)
      .all(due)
      .map((r) => Number(r.id));
    if (plantedIds.length < due) throw new Error(`Only ${plantedIds.length} open tickets to plant ${due} due targets on: seed more tickets.`);
    const plantIndex = new Map(plantedIds.map((id, i) => [id, i]));
    const page = db.prepare('select id, status, created_at, updated_at, solved_at from tickets where id > ? order by id limit ?');
    const insert = db.prepare(
      `insert into ticket_slas (ticket_id, metric, policy_id, target_minutes, started_at, pauses, state, due_at, warn_at, warned_at, breached_at, met_at)
       values (:ticket_id, :metric, :policy_id, :target_minutes, :started_at, :pauses, :state, :due_at, :warn_at, :warned_at, :breached_at, :met_at)`,
    );
    const update = db.prepare('update tickets set sla_due_at = ?, sla_warn_at = ? where id = ?');
    const counts: SlaSeedCounts = { targets: 0, byState: {}, planted: { warnings: 0, warnedBreaches: 0, unwarnedBreaches: 0 } };
    db.exec('begin');
    try {
      for (let after = 0; ; ) {
        const tickets = page.all(after, PAGE) as unknown as TicketFacts[];
        if (tickets.length === 0) break;
        for (const t of tickets) {
          let rows = targetsOf(t, policyId, random, horizon, now);
          const i = plantIndex.get(t.id);
          if (i !== undefined) {
            const plant = planted(t.id, policyId, i, due, now, random);
            rows = [...rows.filter((r) => r.metric !== 'next_response'), plant];
            if (plant.due_at! > now) counts.planted.warnings++;
            else if (plant.warned_at !== null) counts.planted.warnedBreaches++;
            else counts.planted.unwarnedBreaches++;
          }
          for (const row of rows) {
            insert.run({ ...row });
            counts.byState[row.state] = (counts.byState[row.state] ?? 0) + 1;
          }
          counts.targets += rows.length;
          const { due: dueAt, warn } = summary(rows);
          update.run(dueAt, warn, t.id);
        }
        after = tickets.at(-1)!.id;
      }
      db.exec('commit');
    } catch (error) {
      db.exec('rollback');
      throw error;
    }
    return counts;
  } finally {
    db.close();
  }
}
