import { chooseCgroup, parseCpuAllotment, parseCpuStat, quotaFiles, quotaUs, type CgroupProbe } from '../../support/cpu-cap';

/** A file system of the given files (path → content). */
const fsOf = (files: Record<string, string>): CgroupProbe => ({
  exists: (p) => p in files,
  read: (p) => files[p] ?? null,
});

describe('chooseCgroup', () => {
  it('takes cgroup v2 when the unified root offers the cpu controller', () => {
    const fs = fsOf({ '/sys/fs/cgroup/cgroup.controllers': 'cpuset cpu io memory pids\n' });
    expect(chooseCgroup(fs)).toEqual({ version: 2, root: '/sys/fs/cgroup' });
  });

  it('takes v2 over a v1 cpu hierarchy when both exist', () => {
    const fs = fsOf({ '/sys/fs/cgroup/cgroup.controllers': 'cpu memory', '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1' });
    expect(chooseCgroup(fs)).toEqual({ version: 2, root: '/sys/fs/cgroup' });
  });

  it('takes cgroup v1 when the cpu controller has its own hierarchy (also on a hybrid system)', () => {
    const v1 = fsOf({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1\n' });
    expect(chooseCgroup(v1)).toEqual({ version: 1, root: '/sys/fs/cgroup/cpu' });
    // Hybrid: v2 mounted at /sys/fs/cgroup/unified without cpu; the root is a tmpfs without cgroup.controllers.
    const hybrid = fsOf({ '/sys/fs/cgroup/unified/cgroup.controllers': '', '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1' });
    expect(chooseCgroup(hybrid)).toEqual({ version: 1, root: '/sys/fs/cgroup/cpu' });
  });

  it('does not mistake a controller whose name contains "cpu" (cpuset) for cpu', () => {
    const r = chooseCgroup(fsOf({ '/sys/fs/cgroup/cgroup.controllers': 'cpuset io memory' }));
    expect(r).toEqual({ skip: expect.stringContaining('does not offer the cpu controller') });
  });

  it('says why when there is no cpu controller at all', () => {
    expect(chooseCgroup(fsOf({}))).toEqual({ skip: expect.stringContaining('no cgroup cpu controller found') });
  });

  it('looks under the base it is given', () => {
    expect(chooseCgroup(fsOf({ '/x/cpu/cpu.cfs_quota_us': '-1' }), '/x')).toEqual({ version: 1, root: '/x/cpu' });
  });
});

describe('quota text', () => {
  it('gives a container limit of 250m as 25 ms of every 100 ms', () => {
    expect(quotaUs(0.25)).toBe(25_000);
    expect(quotaFiles(2, 0.25)).toEqual([['cpu.max', '25000 100000']]);
    expect(quotaFiles(1, 0.25)).toEqual([
      ['cpu.cfs_period_us', '100000'],
      ['cpu.cfs_quota_us', '25000'],
    ]);
  });

  it('allows more than one core and other periods, and rounds to whole microseconds', () => {
    expect(quotaFiles(2, 1.5)).toEqual([['cpu.max', '150000 100000']]);
    expect(quotaFiles(1, 0.3333, 50_000)).toEqual([
      ['cpu.cfs_period_us', '50000'],
      ['cpu.cfs_quota_us', '16665'],
    ]);
  });

  it('never writes a quota under the kernel minimum of 1 ms', () => {
    expect(quotaUs(0.001)).toBe(1_000);
  });

  it('refuses an allotment that is not a positive number', () => {
    for (const bad of [0, -0.5, NaN, Infinity]) expect(() => quotaUs(bad)).toThrow(/positive number of cores/);
  });
});

describe('parseCpuAllotment (BENCH_SCALE_REPLICA_CPU)', () => {
  it('uses the default when unset or empty', () => {
    expect(parseCpuAllotment(undefined, 0.25)).toBe(0.25);
    expect(parseCpuAllotment('  ', 0.25)).toBe(0.25);
  });

  it('reads cores and Kubernetes millicores', () => {
    expect(parseCpuAllotment('0.5', 0.25)).toBe(0.5);
    expect(parseCpuAllotment('.2', 0.25)).toBe(0.2);
    expect(parseCpuAllotment('250m', 0.25)).toBe(0.25);
    expect(parseCpuAllotment('2', 0.25)).toBe(2);
  });

  it('turns the capped run off with 0 or off', () => {
    expect(parseCpuAllotment('0', 0.25)).toBeNull();
    expect(parseCpuAllotment('OFF', 0.25)).toBeNull();
  });

  it('refuses anything else with what to write', () => {
    for (const bad of ['quarter', '-1', '0m', '1e3', '25%']) expect(() => parseCpuAllotment(bad, 0.25)).toThrow(/e\.g\. 0\.25 or 250m/);
  });
});

describe('parseCpuStat', () => {
  it('reads the throttled periods on v1 and v2', () => {
    const v1 = 'nr_periods 13\nnr_throttled 12\nthrottled_time 481057852\nnr_bursts 0\nburst_time 0\n';
    expect(parseCpuStat(v1)).toEqual({ periods: 13, throttled: 12 });
    const v2 = 'usage_usec 8000\nuser_usec 6000\nsystem_usec 2000\nnr_periods 40\nnr_throttled 3\nthrottled_usec 900\n';
    expect(parseCpuStat(v2)).toEqual({ periods: 40, throttled: 3 });
  });

  it('says nothing rather than a wrong figure when the fields are missing', () => {
    expect(parseCpuStat('usage_usec 8000\n')).toBeNull();
  });
});
