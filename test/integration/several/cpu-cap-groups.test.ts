/**
 * The scale bench's CPU caps on the real cgroup file system (test/support/cpu-cap.ts): a process placed in a slot is
 * in that group, the group carries the quota, and `remove` deletes every group once the processes have exited.
 * Needs a writable cgroup cpu controller (root, v1 or v2); elsewhere it says so and checks only that the helper
 * reports a reason instead of failing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCpuCaps } from '../../support/cpu-cap';

const caps = openCpuCaps(0.2);
const skip = 'skip' in caps ? caps.skip : null;
if (skip) process.stderr.write(`cpu-cap-groups: no writable cgroup cpu controller here (${skip}); only the skip path is checked\n`);

const groupOf = (pid: number): string | null => {
  // v1: "N:cpu,...:/path" (the line whose controllers include cpu); v2: "0::/path".
  for (const line of readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n')) {
    const [, controllers, path] = line.split(':');
    if (controllers?.split(',').includes('cpu') || (controllers === '' && line.startsWith('0::'))) {
      if (path && path.includes('complaint-desk-bench-')) return path;
    }
  }
  return null;
};

describe('CPU caps on the real cgroup file system', () => {
  // One case either way (no permanently skipped twin): where groups can be made, the real group; elsewhere, the reason.
  const placesInGroup = async (): Promise<void> => {
    if ('skip' in caps) throw new Error('unreachable: chosen only where groups can be made');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      caps.place(1, child.pid!);
      const group = groupOf(child.pid!);
      expect(group).toMatch(new RegExp(`/complaint-desk-bench-${process.pid}-\\d+-1$`));
      const dir = join(caps.version === 2 ? '/sys/fs/cgroup' : '/sys/fs/cgroup/cpu', group!);
      expect(readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n')).toContain(String(child.pid));
      if (caps.version === 2) expect(readFileSync(join(dir, 'cpu.max'), 'utf8').trim()).toBe('20000 100000');
      else expect(readFileSync(join(dir, 'cpu.cfs_quota_us'), 'utf8').trim()).toBe('20000');
      expect(caps.throttling(1)).toEqual({ periods: expect.any(Number), throttled: expect.any(Number) });
      child.kill('SIGKILL');
      await exited;
      await caps.remove();
      expect(existsSync(dir)).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await caps.remove();
    }
  };
  if (skip)
    it('reports why it cannot cap instead of failing (no writable cgroup cpu controller here)', () => {
      expect(skip).toMatch(/cgroup/);
    });
  else it('puts a process in its slot with the quota, and removes the groups after it exits', placesInGroup);

  it('reports a file system without a cgroup cpu controller instead of failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-no-cgroup-'));
    try {
      expect(openCpuCaps(0.25, dir)).toEqual({ skip: expect.stringContaining('no cgroup cpu controller found') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
