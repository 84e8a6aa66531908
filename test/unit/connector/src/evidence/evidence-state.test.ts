/** The state and bundle derived from entries (any store) agree with the SQLite evidence log's own answers. */
import { commentsInEntries, commentsOnRecord } from '../../../../../connector/src/evidence/comments-on-record';
import { createEvidenceLog } from '../../../../../connector/src/evidence/create-evidence-log';
import { evidenceBundle, evidenceState } from '../../../../../connector/src/evidence/evidence-state';
import { SAMPLE_ENTRIES, tempDb } from './evidence-helpers';

describe('evidenceState / evidenceBundle / commentsInEntries', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  test('before and after a freeze: the same as the log computes from its table', () => {
    const log = createEvidenceLog(t.db, { now: () => Date.parse('2026-11-25T00:00:00.000Z') });
    for (const e of SAMPLE_ENTRIES) log.append('zendesk', '101', { ...e, data: { ...e.data } });
    const check = () => {
      const entries = log.exportBundle('zendesk', '101').entries;
      expect(evidenceState(entries)).toEqual(log.state('zendesk', '101'));
      expect(evidenceBundle('zendesk', '101', entries, '2026-11-25T00:00:00.000Z')).toEqual(log.exportBundle('zendesk', '101'));
      expect(commentsInEntries(entries)).toEqual(commentsOnRecord(t.db, 'zendesk', '101'));
    };
    check();
    expect(log.state('zendesk', '101').frozen).toBe(false);
    log.freeze('zendesk', '101', 'amy', '2026-11-24T10:00:00.000Z');
    check();
    expect(evidenceState(log.exportBundle('zendesk', '101').entries)).toMatchObject({ frozen: true, frozenAt: '2026-11-24T10:00:00.000Z' });
  });

  test('no entries: not frozen, no head, no comments', () => {
    expect(evidenceState([])).toMatchObject({ frozen: false, frozenAt: null, headHash: null, items: [] });
    expect(commentsInEntries([])).toEqual({ ids: new Set(), lastAt: null });
  });
});
