/**
 * Where the CPU of a benchmark goes: per-process CPU time (user + system,
 * from /proc/<pid>/stat) of the gateway, each subgraph and PostgreSQL (the
 * postmaster and every backend, reaped ones included, read race-free: treeTicks), and the load
 * generator (this process), sampled before and after a run and divided by the
 * requests the run sent. Processes are found by the port they listen on, so
 * this needs nothing from the launcher. Linux only; elsewhere it reports nothing.
 */
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // CLK_TCK on Linux (getconf CLK_TCK)

export interface CpuTarget {
  name: string;
  port: number;
}

/** CPU milliseconds so far, per process name (plus `load`, this process). */
export type CpuSample = Record<string, number>;

export interface Stat {
  ppid: number;
  /** utime + stime, and the same for waited-for children, in ticks. */
  self: number;
  children: number;
}

export function readStat(pid: number): Stat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    return { ppid: Number(f[1]), self: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
  } catch {
    return undefined;
  }
}

/** The children of `pid` (/proc/<pid>/task/<pid>/children; every process otherwise, the caller checks ppid). */
function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return allPids().filter((p) => p !== pid);
  }
}

export interface ProcReader {
  stat(pid: number): Stat | undefined;
  children(pid: number): number[];
}

/**
 * The CPU ticks of a process and all its children so far, counted once each:
 * its own time, its reaped children's (cutime + cstime) and every live
 * child's. A child that exits and is reaped while the children are read
 * moves from "live" to "reaped" in between — missing from both, the sum
 * dropped by its whole lifetime's CPU, and a PostgreSQL backend that
 * exits during a run made the per-request figure negative. So the root is
 * read before and after the children; if its reaped time changed, a child
 * was reaped in between and the reading is taken again. Undefined when the
 * root is gone.
 */
export function treeTicks(root: number, proc: ProcReader, attempts = 10): number | undefined {
  let ticks: number | undefined;
  for (let i = 0; i < attempts; i++) {
    const before = proc.stat(root);
    if (!before) return undefined;
    let live = 0;
    for (const pid of proc.children(root)) {
      const s = proc.stat(pid);
      if (s && s.ppid === root) live += s.self;
    }
    const after = proc.stat(root);
    if (!after) return undefined;
    ticks = after.self + after.children + live;
    if (after.children === before.children) return ticks;
  }
  return ticks; // children kept being reaped: the last reading (may miss the last one reaped)
}

function socketInodes(port: number): Set<string> {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const out = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1].endsWith(`:${hex}`) && cols[3] === '0A') out.add(cols[9]); // 0A = LISTEN
    }
  }
  return out;
}

const allPids = () => fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

/** The process listening on `port` on this machine, if any. */
export function pidListening(port: number): number | undefined {
  const inodes = socketInodes(port);
  if (!inodes.size) return undefined;
  for (const pid of allPids()) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1])) return pid;
      } catch {
        /* gone */
      }
    }
  }
  return undefined;
}

/** Finds the processes once; `sample()` is then cheap enough to call around every run. */
export interface CpuMeter {
  names: string[];
  sample(): CpuSample;
  /** Starts a measurement; `per(requests)` gives CPU ms per request since then. */
  start(): { per(requests: number): CpuSample };
  /**
   * Peak resident memory so far (VmHWM, MiB) per process; `postgres` is the
   * postmaster's plus its largest live backend's (shared buffers are counted
   * in each backend's RSS, so a sum would count them many times).
   */
  peakRss(): Record<string, number>;
  /**
   * Resident memory now (VmRSS, MiB) per process, for the soak's growth and the idle subscribers' cost; `postgres` is
   * the postmaster's and its largest backend's *private* memory (VmRSS − RssShmem): a backend's RSS also counts every
   * page of the shared buffers it has touched, which grows for as long as new data is read and is no leak.
   */
  rss(): Record<string, number>;
}

/** A /proc/<pid>/status figure in MiB (VmHWM: peak resident, VmRSS: resident now). */
function statusMiB(pid: number, key: 'VmHWM' | 'VmRSS' | 'private'): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    const v = key === 'private' ? kb('VmRSS') - kb('RssShmem') : kb(key);
    return Number.isFinite(v) ? v / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function cpuMeter(targets: CpuTarget[], pgPort?: number): CpuMeter {
  const pids = new Map<string, number>();
  for (const t of targets) {
    const pid = pidListening(t.port);
    if (pid) pids.set(t.name, pid);
  }
  const postmaster = pgPort ? pidListening(pgPort) : undefined;
  const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
  const memory = (key: 'VmHWM' | 'VmRSS') => {
    const out: Record<string, number> = {};
    for (const [name, pid] of pids) {
      const v = statusMiB(pid, key);
      if (v !== undefined) out[name] = v;
    }
    if (postmaster) {
      const pgKey = key === 'VmRSS' ? 'private' : key;
      let backend = 0;
      for (const pid of allPids()) if (pid !== postmaster && readStat(pid)?.ppid === postmaster) backend = Math.max(backend, statusMiB(pid, pgKey) ?? 0);
      out.postgres = (statusMiB(postmaster, pgKey) ?? 0) + backend;
    }
    return out;
  };
  const meter: CpuMeter = {
    names: [...pids.keys(), ...(postmaster ? ['postgres'] : []), 'load'],
    peakRss() {
      const out = memory('VmHWM');
      out.load = process.resourceUsage().maxRSS / 1024;
      return out;
    },
    rss() {
      const out = memory('VmRSS');
      out.load = process.memoryUsage().rss / 2 ** 20;
      return out;
    },
    start() {
      const before = meter.sample();
      return { per: (requests: number) => cpuPerRequest(before, meter.sample(), requests) };
    },
    sample() {
      const out: CpuSample = {};
      for (const [name, pid] of pids) {
        const s = readStat(pid);
        if (s) out[name] = ms(s.self);
      }
      if (postmaster) {
        const ticks = treeTicks(postmaster, { stat: readStat, children: childPids });
        if (ticks !== undefined) out.postgres = ms(ticks);
      }
      const u = process.cpuUsage();
      out.load = (u.user + u.system) / 1000;
      return out;
    },
  };
  return meter;
}

/** CPU milliseconds per request, per process, between two samples. */
export function cpuPerRequest(before: CpuSample, after: CpuSample, requests: number): CpuSample {
  const out: CpuSample = {};
  for (const [name, v] of Object.entries(after)) if (before[name] !== undefined && requests > 0) out[name] = (v - before[name]) / requests;
  return out;
}

/** "CPU ms/req: gateway 1.20 · catalog 0.80 · postgres 0.50 · load 0.30 · platform 2.50" (platform = all but the load generator). */
export function formatCpu(perRequest: CpuSample): string {
  const entries = Object.entries(perRequest);
  if (!entries.length) return '';
  const platform = entries.filter(([n]) => n !== 'load').reduce((s, [, v]) => s + v, 0);
  return `CPU ms/req: ${entries.map(([n, v]) => `${n} ${v.toFixed(2)}`).join(' · ')} · platform ${platform.toFixed(2)}`;
}

/** CPU time (ms, user + system) a process has used so far: for a process the meter did not find by port, e.g. a peer gateway. */
export function processCpuMs(pid: number): number | undefined {
  const s = readStat(pid);
  return s ? (s.self * 1000) / TICKS_PER_SECOND : undefined;
}
