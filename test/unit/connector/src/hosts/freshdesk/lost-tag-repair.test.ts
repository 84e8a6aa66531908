import { createTagWriteLog } from '../../../../../../connector/src/hosts/freshdesk/lost-tag-repair';

describe('lost tag detection', () => {
  const log = createTagWriteLog();
  log.record('1', { read: ['a', 'cd_old'], wrote: ['a', 'cd_new'], removed: ['cd_old'], at: '2026-11-21T09:00:05Z' });
  it('a tag shown by an event not after our write, that we neither read, wrote nor removed, was dropped by us', () => {
    expect(log.lostTags('1', ['a', 'cd_old', 'agent_x'], '2026-11-21T09:00:04Z')).toEqual(['agent_x']);
    expect(log.lostTags('1', ['a', 'agent_x'], '2026-11-21T09:00:05Z')).toEqual(['agent_x']);
  });
  it('an event after our write, a ticket we never wrote, or no tags: nothing', () => {
    expect(log.lostTags('1', ['a', 'agent_x'], '2026-11-21T09:00:06Z')).toEqual([]);
    expect(log.lostTags('2', ['agent_x'], '2026-11-21T09:00:00Z')).toEqual([]);
    expect(log.lostTags('1', undefined, '2026-11-21T09:00:00Z')).toEqual([]);
  });
  it('keeps a bounded number of tickets', () => {
    const small = createTagWriteLog(2);
    for (const id of ['1', '2', '3']) small.record(id, { read: [], wrote: ['x'], removed: [] });
    expect(small.lostTags('1', ['y'], undefined)).toEqual([]);
    expect(small.lostTags('3', ['y'], undefined)).toEqual(['y']);
  });
});
