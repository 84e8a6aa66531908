/**
 * A fixed CPU allotment per process, as a container's CPU limit gives it (Kubernetes `resources.limits.cpu: 250m`
 * is CFS quota 25 ms per 100 ms period): one Linux cgroup per capped process, on cgroup v2 (`cpu.max`) or v1 (the
 * `cpu` controller's `cpu.cfs_quota_us` / `cpu.cfs_period_us`). For the scale bench's capped runs (fleet.ts
 * `cpuLimit`). Where no cgroup can be made (no cpu controller, not root, read-only cgroupfs) `openCpuCaps` says why
 * and nothing is capped. The pure parts (which version, the quota text, the allotment setting) are exported for tests.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PERIOD_US = 100_000;
/** The kernel refuses a quota under 1 ms. */
const MIN_QUOTA_US = 1_000;
const PREFIX = 'complaint-desk-bench-';

export type CgroupVersion = { version: 2; root: string } | { version: 1; root: string };

/** What `chooseCgroup` needs to know of the file system (the real one in `openCpuCaps`). */
export interface CgroupProbe {
  exists(path: string): boolean;
  read(path: string): string | null;
}

/**
 * v2 when `<base>/cgroup.controllers` lists `cpu` (a unified hierarchy with the controller available), else v1 when
 * `<base>/cpu/cpu.cfs_quota_us` exists (the cpu controller's own hierarchy; also a hybrid system, whose
 * `<base>/unified` v2 tree does not hold the cpu controller), else the reason neither fits.
 */
export function chooseCgroup(probe: CgroupProbe, base = '/sys/fs/cgroup'): CgroupVersion | { skip: string } {
  const controllers = probe.read(join(base, 'cgroup.controllers'));
  if (controllers != null && controllers.split(/\s+/).includes('cpu')) return { version: 2, root: base };
  if (probe.exists(join(base, 'cpu', 'cpu.cfs_quota_us'))) return { version: 1, root: join(base, 'cpu') };
  if (controllers != null)
    return { skip: `cgroup v2 at ${base} does not offer the cpu controller (cgroup.controllers: "${controllers.trim()}")` };
  return { skip: `no cgroup cpu controller found (neither ${base}/cgroup.controllers with cpu nor ${base}/cpu/cpu.cfs_quota_us)` };
}

/** CFS quota for `cores` of CPU per period (0.25 → 25 000 µs of every 100 000 µs). */
export function quotaUs(cores: number, periodUs = PERIOD_US): number {
  if (!Number.isFinite(cores) || cores <= 0) throw new Error(`CPU allotment must be a positive number of cores, got ${cores}`);
  return Math.max(MIN_QUOTA_US, Math.round(cores * periodUs));
}

/** The files to write, in order, to give a group `cores` of CPU: v2 one line in cpu.max, v1 period then quota. */
export function quotaFiles(version: 1 | 2, cores: number, periodUs = PERIOD_US): [file: string, text: string][] {
  const q = quotaUs(cores, periodUs);
  return version === 2
    ? [['cpu.max', `${q} ${periodUs}`]]
    : [
        ['cpu.cfs_period_us', String(periodUs)],
        ['cpu.cfs_quota_us', String(q)],
      ];
}

/** A group's enforcement periods so far and how many of them ran out of quota (the process wanted more CPU). */
export interface Throttling {
  periods: number;
  throttled: number;
}

/** Reads `cpu.stat` (`nr_periods`, `nr_throttled`: the same names on v1 and v2); null when they are missing. */
export function parseCpuStat(text: string): Throttling | null {
  const field = (name: string) => {
    const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  const periods = field('nr_periods');
  const throttled = field('nr_throttled');
  return periods == null || throttled == null ? null : { periods, throttled };
}

/**
 * BENCH_SCALE_REPLICA_CPU: cores per replica (e.g. `0.25`, or `250m` as Kubernetes writes it); unset → `fallback`;
 * `0` or `off` → null (no capped run). Anything else is an error that says what to write.
 */
export function parseCpuAllotment(text: string | undefined, fallback: number): number | null {
  if (text == null || text.trim() === '') return fallback;
  const t = text.trim().toLowerCase();
  if (t === '0' || t === 'off') return null;
  const m = /^(\d+(?:\.\d+)?|\.\d+)(m?)$/.exec(t);
  const cores = m ? Number(m[1]) / (m[2] ? 1000 : 1) : NaN;
  if (!(cores > 0))
    throw new Error(`BENCH_SCALE_REPLICA_CPU="${text}": write cores per replica, e.g. 0.25 or 250m (0 or off: no capped run)`);
  return cores;
}

/** One capped group per process slot; `place` moves a process (and its future children) in; `remove` deletes all. */
export interface CpuCaps {
  cores: number;
  version: 1 | 2;
  /** Moves `pid` into slot `i`'s group (created on first use). */
  place(i: number, pid: number): void;
  /** Slot `i`'s throttling so far (null before it exists or where cpu.stat says nothing). */
  throttling(i: number): Throttling | null;
  /** Removes the groups (their processes must have exited); retries a busy group for up to 5 s. */
  remove(): Promise<void>;
}

const realProbe: CgroupProbe = {
  exists: existsSync,
  read: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return null;
    }
  },
};

let seq = 0;

/**
 * Checks that groups can be made here with `cores` each (it makes and removes one), or says why not. Also removes
 * groups left by an earlier bench process that died before its cleanup (their names carry its pid).
 */
export function openCpuCaps(cores: number, base = '/sys/fs/cgroup'): CpuCaps | { skip: string } {
  const chosen = chooseCgroup(realProbe, base);
  if ('skip' in chosen) return chosen;
  const { version, root } = chosen;
  sweepStale(root);
  const tag = `${PREFIX}${process.pid}-${++seq}`;
  const made: string[] = [];
  const make = (name: string) => {
    const dir = join(root, name);
    mkdirSync(dir);
    made.push(dir);
    for (const [file, text] of quotaFiles(version, cores)) writeFileSync(join(dir, file), text);
    return dir;
  };
  try {
    // v2: a child gets the cpu files only when the parent hands the controller down.
    if (version === 2 && !(realProbe.read(join(root, 'cgroup.subtree_control')) ?? '').split(/\s+/).includes('cpu'))
      writeFileSync(join(root, 'cgroup.subtree_control'), '+cpu');
    make(`${tag}-probe`);
    rmdirSync(made.pop()!);
  } catch (e) {
    for (const d of made) tryRmdir(d);
    return { skip: `cannot make a cgroup with a CPU quota under ${root} (${(e as Error).message})` };
  }
  const groups = new Map<number, string>();
  return {
    cores,
    version,
    place(i, pid) {
      let dir = groups.get(i);
      if (!dir) groups.set(i, (dir = make(`${tag}-${i}`)));
      writeFileSync(join(dir, 'cgroup.procs'), String(pid));
    },
    throttling(i) {
      const dir = groups.get(i);
      const text = dir ? realProbe.read(join(dir, 'cpu.stat')) : null;
      return text == null ? null : parseCpuStat(text);
    },
    async remove() {
      for (const dir of made.splice(0)) {
        const deadline = Date.now() + 5_000;
        while (!tryRmdir(dir) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        // Still busy (a process that never exited): move what is left out to the root group, then remove.
        if (existsSync(dir)) {
          for (const pid of (realProbe.read(join(dir, 'cgroup.procs')) ?? '').split('\n').filter(Boolean))
            tryWrite(join(root, 'cgroup.procs'), pid);
          tryRmdir(dir);
        }
      }
      groups.clear();
    },
  };
}

function tryRmdir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function tryWrite(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch {
    /* gone meanwhile */
  }
}

function sweepStale(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => n.startsWith(PREFIX));
  } catch {
    return;
  }
  for (const n of names) {
    const owner = Number(/^complaint-desk-bench-(\d+)-/.exec(n)?.[1]);
    if (owner && owner !== process.pid && !existsSync(`/proc/${owner}`)) tryRmdir(join(root, n));
  }
}
