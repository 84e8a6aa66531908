import { computeKpis, dailySeries, percentile, type TicketFacts } from '../../../../../connector/src/admin/compute-kpis';

const H = 3_600_000;
const base = Date.parse('2026-11-20T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function fact(id: string, o: Partial<TicketFacts> = {}): TicketFacts {
  return {
    host: 'sandbox',
    id,
    subject: `t${id}`,
    createdAt: iso(base),
    category: 'quality',
    severity: 'L2',
    status: 'open',
    tier: 'front_line',
    escalated: false,
    firstAgentReplyAt: null,
    solvedAt: null,
    reopened: false,
    batch: null,
    sla: 'ok',
    breachedEver: false,
    dueAt: null,
    csat: null,
    ...o,
  };
}

const opts = {
  now: base + 2 * 24 * H,
  categories: ['quality', 'logistics'],
  severities: ['L1', 'L2', 'L3'],
  stopStatuses: ['solved', 'closed'],
  csatScale: { min: 1, max: 5 },
};

describe('percentile (nearest rank)', () => {
  it('returns null for no data and the nearest-rank value otherwise', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([7], 90)).toBe(7);
  });
});

describe('computeKpis', () => {
  const facts = [
    fact('1', {
      firstAgentReplyAt: iso(base + 1 * H),
      solvedAt: iso(base + 10 * H),
      status: 'solved',
      severity: 'L1',
      escalated: true,
      batch: 'B1',
      csat: 4,
    }),
    fact('2', { firstAgentReplyAt: iso(base + 3 * H), solvedAt: iso(base + 20 * H), status: 'open', reopened: true, batch: 'B1', csat: 5 }),
    fact('3', {
      firstAgentReplyAt: iso(base + 29 * H),
      createdAt: iso(base + 24 * H),
      category: 'logistics',
      severity: 'L3',
      sla: 'breached',
      breachedEver: true,
      batch: 'B2',
      dueAt: iso(base + 30 * H),
    }),
    fact('4', { sla: 'warning', dueAt: iso(base + 50 * H), createdAt: iso(base + 24 * H) }),
  ];
  const k = computeKpis(facts, opts);

  it('computes response and resolution medians and p90 from creation', () => {
    expect(k.total).toBe(4);
    expect(k.firstResponse).toEqual({ n: 3, medianMs: 3 * H, p90Ms: 5 * H });
    expect(k.resolution).toEqual({ n: 2, medianMs: 10 * H, p90Ms: 20 * H });
  });

  it('computes SLA attainment, escalation, reopen rates and CSAT', () => {
    expect(k.slaAttainmentPercent).toBe(75);
    expect(k.escalationRatePercent).toBe(25);
    expect(k.reopenRatePercent).toBe(50);
    expect(k.csat).toEqual({ n: 2, average: 4.5, min: 1, max: 5 });
    expect(computeKpis(facts, { ...opts, csatScale: { min: 0, max: 10 } }).csat).toEqual({ n: 2, average: 4.5, min: 0, max: 10 });
  });

  it('says "no data" (null) where nothing was recorded', () => {
    const empty = computeKpis([fact('9')], opts);
    expect(empty.csat).toBeNull();
    expect(empty.resolution.medianMs).toBeNull();
    expect(empty.reopenRatePercent).toBeNull();
    expect(computeKpis([], opts).slaAttainmentPercent).toBeNull();
  });

  it('ranks batches and lists breached and at-risk open tickets', () => {
    expect(k.topBatches).toEqual([
      { batch: 'B1', count: 2, open: 1 },
      { batch: 'B2', count: 1, open: 1 },
    ]);
    expect(k.breachedNow.map((b) => b.id)).toEqual(['3']);
    expect(k.atRiskNow.map((b) => b.id)).toEqual(['4']);
  });

  it('counts complaints per day and label up to today', () => {
    // At least 7 days, ending today (base + 2 days).
    expect(k.perCategory.days).toEqual([-4, -3, -2, -1, 0, 1, 2].map((d) => (base + d * 24 * H) / 1000));
    expect(k.perCategory.series).toEqual([
      { label: 'quality', values: [0, 0, 0, 0, 2, 1, 0] },
      { label: 'logistics', values: [0, 0, 0, 0, 0, 1, 0] },
    ]);
    expect(k.perSeverity.series.map((s) => s.values.slice(4))).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 0],
    ]);
    const long = dailySeries([fact('x', { createdAt: iso(base - 20 * 24 * H) })], 'category', ['quality'], opts.now);
    expect(long.days.length).toBe(23);
    expect(long.series[0].values[0]).toBe(1);
    expect(dailySeries([], 'category', ['quality'], opts.now)).toEqual({ days: [], series: [{ label: 'quality', values: [] }] });
  });
});
