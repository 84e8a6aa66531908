/**
 * CPU time of other processes (Linux /proc): a process's own user+system time, and a PostgreSQL server's whole
 * tree (the postmaster, its live backends, and the backends that already ended, reaped into its cutime/cstime).
 * For the scale bench's "CPU seconds per event per component". Elsewhere (no /proc) every reading is null.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICK_S = 0.01; // USER_HZ is 100 on Linux

interface Stat {
  ppid: number;
  self: number;
  children: number;
}

function stat(pid: number): Stat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), self: (Number(f[11]) + Number(f[12])) * TICK_S, children: (Number(f[13]) + Number(f[14])) * TICK_S };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by `pid` itself (null when it is gone or there is no /proc). */
export function processCpu(pid: number | undefined): number | null {
  return pid == null ? null : (stat(pid)?.self ?? null);
}

/** The postmaster listening on `port` (its command line has `-p PORT`), or null. */
export function postmasterOf(port: number): number | null {
  if (!existsSync('/proc')) return null;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (!/postgres$/.test(argv[0] ?? '')) continue;
      const i = argv.indexOf('-p');
      if (i >= 0 && argv[i + 1] === String(port)) return Number(d);
      if (argv.some((a) => a.includes(`-p ${port} `))) return Number(d);
    } catch {
      /* gone meanwhile */
    }
  }
  return null;
}

/** CPU seconds of the whole server: postmaster, live children, ended children. */
export function treeCpu(root: number | null): number | null {
  if (root == null) return null;
  const r = stat(root);
  if (!r) return null;
  let total = r.self + r.children;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = stat(Number(d));
    if (s && s.ppid === root) total += s.self;
  }
  return total;
}
