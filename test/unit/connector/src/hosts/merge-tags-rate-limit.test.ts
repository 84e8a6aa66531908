import { mergeTags } from '../../../../../connector/src/hosts/merge-tags';
import { rateLimitQueueOptions } from '../../../../../connector/src/hosts/rate-limit-options';

describe('mergeTags', () => {
  it('keeps the agent tags, adds without duplicates, removal wins', () => {
    expect(mergeTags(['agent_tag', 'cd_sev_l3'], ['cd_sev_l1', 'agent_tag'], ['cd_sev_l3'])).toEqual(['agent_tag', 'cd_sev_l1']);
    expect(mergeTags(['a'], ['b'], ['b'])).toEqual(['a']);
  });
});

describe('rateLimitQueueOptions', () => {
  it('turns a per-minute limit into p-queue options and rejects nonsense', () => {
    expect(rateLimitQueueOptions(160)).toEqual({ intervalCap: 160, interval: 60_000, concurrency: 4 });
    expect(() => rateLimitQueueOptions(0)).toThrow(/whole number/);
  });

  it('counts the limit in the configured window (HOST_RATE_LIMIT_WINDOW_MS)', () => {
    expect(rateLimitQueueOptions(30, 11_000)).toEqual({ intervalCap: 30, interval: 11_000, concurrency: 4 });
    expect(() => rateLimitQueueOptions(30, 0)).toThrow(/window/);
  });
});
