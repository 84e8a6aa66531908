/**
 * `model-load` bench: what the learned layer adds to a fresh process's start, from process start to the first
 * classification: `complaint-desk classify` of one ticket read from stdin with the default policy (its model read,
 * checked against its SHA-256 and attached), against the same command with the same policy without a model, in the
 * same run. Each child reports its own CPU time and peak resident memory (report-usage.cjs). Cold: an empty
 * preparation cache (the artifact parsed and compiled); warm: the cache the cold run left (what every later CLI call,
 * connector start and test process pays). Warm runs alternate with the baseline; the median of BENCH_LOAD_RUNS (5).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from './print-table';
import { repoRoot } from './repo-root';

const TICKET = {
  id: 'load-1',
  subject: 'Kettle smoking',
  description: 'My new kettle started smoking and the cord got hot. I want a refund.',
};

interface Usage {
  cpuMs: number;
  maxRssKb: number;
}

/** One `classify` child with `policy` and the cache folder `cache`; its usage. */
function classifyOnce(root: string, policy: string, cache: string, tmp: string): Usage {
  const usageFile = path.join(tmp, 'usage.json');
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      path.join(root, 'bench', 'report-usage.cjs'),
      path.join(root, 'bin', 'complaint-desk.js'),
      'classify',
      '--policy',
      policy,
    ],
    {
      input: `${JSON.stringify(TICKET)}\n`,
      env: { ...process.env, COMPLAINT_DESK_CACHE_DIR: cache, USAGE_FILE: usageFile },
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`classify exited with ${r.status}: ${r.stderr}`);
  if (!r.stdout.includes('"category"')) throw new Error(`classify printed no classification: ${r.stdout.slice(0, 200)}`);
  return JSON.parse(fs.readFileSync(usageFile, 'utf8')) as Usage;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function rows(label: string, withModel: Usage[], without: Usage[]): BenchRow[] {
  const base = `${label}, the same policy without a model`;
  const cpu = median(withModel.map((u) => u.cpuMs)) / 1000;
  const cpuBase = median(without.map((u) => u.cpuMs)) / 1000;
  const rss = median(withModel.map((u) => u.maxRssKb)) / 1024;
  const rssBase = median(without.map((u) => u.maxRssKb)) / 1024;
  return [
    { bench: 'model-load', subject: base, metric: 'CPU to first classification', value: cpuBase, unit: 's' },
    {
      bench: 'model-load',
      subject: `${label}, default policy and model`,
      metric: 'CPU to first classification',
      value: cpu,
      unit: 's',
      baseline: base,
      ratio: cpu / cpuBase,
    },
    { bench: 'model-load', subject: `${label}: the model's share`, metric: 'CPU', value: cpu - cpuBase, unit: 's' },
    { bench: 'model-load', subject: base, metric: 'peak resident memory', value: rssBase, unit: 'MB' },
    {
      bench: 'model-load',
      subject: `${label}, default policy and model`,
      metric: 'peak resident memory',
      value: rss,
      unit: 'MB',
      baseline: base,
      ratio: rss / rssBase,
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const root = repoRoot();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-load-'));
  try {
    const withModel = path.join(root, 'policies', 'default.json');
    const policy = JSON.parse(fs.readFileSync(withModel, 'utf8')) as { classification: Record<string, unknown> };
    delete policy.classification.model;
    const without = path.join(tmp, 'no-model.json');
    fs.writeFileSync(without, JSON.stringify(policy));
    const runs = Number(process.env.BENCH_LOAD_RUNS ?? 5);
    const cache = path.join(tmp, 'cache');
    const cacheBase = path.join(tmp, 'cache-base');
    const cold = [classifyOnce(root, withModel, cache, tmp)];
    const coldBase = [classifyOnce(root, without, cacheBase, tmp)];
    const warm: Usage[] = [];
    const warmBase: Usage[] = [];
    for (let i = 0; i < runs; i++) {
      warm.push(classifyOnce(root, withModel, cache, tmp));
      warmBase.push(classifyOnce(root, without, cacheBase, tmp));
    }
    return [
      ...rows('one-ticket classify, cold cache', cold, coldBase),
      ...rows(`one-ticket classify, warm cache (median of ${runs})`, warm, warmBase),
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
