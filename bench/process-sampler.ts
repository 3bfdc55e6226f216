// Samples the memory (RSS) and CPU time of a server's processes from /proc
// (Linux), a few times a second, so a benchmark can report the peak and the
// CPU share of a time window. A server is a process and its descendants,
// optionally only those with a given command name (wrangler's workerd).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
}

export interface Sample {
  at: number;
  rssBytes: number;
  cpuTicks: number;
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function readStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return { pid, comm: stat.slice(open + 1, close), ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** `root` and every process below it, optionally only those named `comm`. */
export function processTree(root: number, comm?: string): ProcStat[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => readStat(Number(name)) ?? []);
  const children = new Map<number, ProcStat[]>();
  for (const stat of all) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const tree: ProcStat[] = [];
  const self = all.find((stat) => stat.pid === root);
  const queue = self ? [self] : [];
  for (let next = queue.shift(); next; next = queue.shift()) {
    tree.push(next);
    queue.push(...(children.get(next.pid) ?? []));
  }
  return comm ? tree.filter((stat) => stat.comm === comm) : tree;
}

export class ProcessSampler {
  readonly #samples: Sample[] = [];
  readonly #timer: ReturnType<typeof setInterval>;
  /**
   * The processes, found once: scanning all of /proc takes milliseconds, and the
   * sampler shares its thread with the clients whose latency is being measured.
   */
  readonly #pids: number[];

  /** Starts sampling the tree under `root` (only processes named `comm`, if given) every `everyMs`. */
  constructor(root: number, comm: string | undefined, everyMs = 200) {
    this.#pids = processTree(root, comm).map((stat) => stat.pid);
    if (this.#pids.length === 0) throw new Error(`No process${comm ? ` named ${comm}` : ''} under pid ${root} to sample.`);
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), everyMs);
  }

  #sample(): void {
    const stats = this.#pids.flatMap((pid) => readStat(pid) ?? []);
    this.#samples.push({
      at: performance.now(),
      rssBytes: stats.reduce((sum, stat) => sum + rssBytes(stat.pid), 0),
      cpuTicks: stats.reduce((sum, stat) => sum + stat.cpuTicks, 0),
    });
  }

  /** Takes a sample now (the edge of a window) and returns it. */
  mark(): Sample {
    this.#sample();
    return this.#samples.at(-1)!;
  }

  /** The highest RSS sampled between `from` and `to` (performance.now() times). */
  peakRss(from: number, to: number): number {
    return Math.max(0, ...this.#samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rssBytes));
  }

  /** CPU seconds the processes used between the samples nearest `from` and `to`. */
  cpuSeconds(from: number, to: number): number {
    const inside = this.#samples.filter((s) => s.at >= from && s.at <= to);
    const first = inside[0];
    const last = inside.at(-1);
    return first && last ? (last.cpuTicks - first.cpuTicks) / CLOCK_TICKS_PER_SECOND : Number.NaN;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
