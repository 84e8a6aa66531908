import { decideCommentAdded } from '../../../../../connector/src/decide/decide-comment-added';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { projection, T0 } from '../../../../fixtures/connector-core/projection';

const policy = loadPolicy();
const facts = { requesterComplaints: () => 1 };
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

describe('decideCommentAdded', () => {
  it('first public agent reply stops respond/acknowledge: only resolve timers remain', () => {
    const d = decideCommentAdded(
      projection(policy),
      { id: 'c1', author: 'agent', public: true, body: '您好', createdAt: at(30) },
      policy,
      T0 + 30 * 60_000,
      facts,
    );
    expect(d.projection?.firstAgentReplyAt).toBe(at(30));
    expect(d.change).toBeNull();
    expect(d.timers!.plans.map((p) => p.data?.clock)).toEqual(['resolve', 'resolve']);
    expect(d.evidence[0]).toMatchObject({ type: 'comment', by: 'agent', data: { id: 'c1', author: 'agent' } });
  });

  it('an internal agent note does not stop the clock', () => {
    const d = decideCommentAdded(
      projection(policy),
      { id: 'c1', author: 'agent', public: false, body: 'x', createdAt: at(5) },
      policy,
      T0 + 5 * 60_000,
      facts,
    );
    expect(d.projection?.firstAgentReplyAt).toBeNull();
    expect(d.timers).toBeNull();
  });

  it('a later "I will call my lawyer" adds the legal signal and escalates with a signal_update note', () => {
    const d = decideCommentAdded(
      projection(policy, { channel: 'phone' }),
      { id: 'c2', author: 'customer', public: true, body: '再不处理我就找律师起诉你们', createdAt: at(60) },
      policy,
      T0 + 3600_000,
      facts,
    );
    expect(d.projection?.signals).toEqual(['legal']);
    expect(d.change?.addTags).toEqual(expect.arrayContaining(['cd_sig_legal', 'cd_escalated', 'cd_tier_specialist']));
    expect(d.change?.removeTags).toEqual(['cd_tier_front_line']);
    expect(d.change?.priority).toBe('high');
    expect(d.change?.note?.body).toContain('律师');
    expect(d.projection?.tier).toBe('specialist');
  });

  it('a customer comment without new signals changes nothing on the host but is evidence, with attachments', () => {
    const d = decideCommentAdded(
      projection(policy),
      {
        id: 'c3',
        author: 'customer',
        public: true,
        body: '还是有杂音',
        createdAt: at(90),
        attachments: [{ name: 'a.jpg', size: 10, url: 'https://x/a.jpg' }],
      },
      policy,
      T0 + 90 * 60_000,
      facts,
    );
    expect(d.change).toBeNull();
    expect(d.evidence.map((e) => e.type)).toEqual(['comment', 'attachment']);
    expect(d.evidence[1].data).toMatchObject({ name: 'a.jpg', size: 10, commentId: 'c3' });
  });
});
