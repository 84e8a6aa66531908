import { decideCluster, resolveProblemId } from '../../../../../connector/src/decide/decide-cluster';
import { PROBLEM_ID_PLACEHOLDER } from '../../../../../connector/src/decide/decide-cluster';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';

const policy = loadPolicy();

describe('decideCluster', () => {
  it('below the threshold does nothing', () => {
    expect(decideCluster('2', policy, { batch: 'B1', memberIds: ['1', '2'], existing: null })).toEqual({ action: 'none' });
  });

  it('at the threshold opens ONE problem ticket and links every member', () => {
    const c = decideCluster('3', policy, { batch: 'B1', memberIds: ['1', '2', '3'], existing: null });
    if (c.action !== 'open') throw new Error(`expected open, got ${c.action}`);
    expect(c.problem).toMatchObject({ kind: 'problem', tags: ['cd_cluster'], relatedTicketId: '3' });
    expect(c.problem.subject).toBe('批次 B1：14 天内 3 起投诉');
    expect(c.links.map((l) => l.ticketId)).toEqual(['1', '2', '3']);
    expect(c.links[0].change.problemId).toBe(PROBLEM_ID_PLACEHOLDER);
    const resolved = resolveProblemId(c.links[0].change, '900');
    expect(resolved.problemId).toBe('900');
    expect(resolved.note?.body).toContain('#900');
    expect(resolved.note?.body).not.toContain(PROBLEM_ID_PLACEHOLDER);
  });

  it('later members join the existing cluster', () => {
    const existing = { id: 7, host: 'zendesk', batch: 'B1', problemTicketId: '900', members: ['1', '2', '3'], createdAt: '' };
    const c = decideCluster('4', policy, { batch: 'B1', memberIds: ['1', '2', '3', '4'], existing });
    expect(c).toMatchObject({ action: 'join', links: [{ ticketId: '4', change: { problemId: '900' } }] });
    expect(decideCluster('3', policy, { batch: 'B1', memberIds: ['1', '2', '3'], existing })).toEqual({ action: 'none' });
  });

  it("member notes get each member's own ticket variables; {{ticket_id}} there is the problem ticket", () => {
    const custom = loadPolicy((raw) => {
      raw.notes.cluster_member.en = 'Batch {{batch}} ({{count}} in {{days}} d) for {{customer_name}} / {{product}}: see #{{ticket_id}}';
      raw.defaultLocale = 'en';
    });
    const varsOf = (id: string) => ({ customer_name: `C${id}`, product: 'R3', ticket_id: id });
    const c = decideCluster('3', custom, { batch: 'B1', memberIds: ['1', '2', '3'], existing: null, varsOf });
    if (c.action !== 'open') throw new Error(`expected open, got ${c.action}`);
    expect(c.links.map((l) => resolveProblemId(l.change, '900').note?.body)).toEqual([
      'Batch B1 (3 in 14 d) for C1 / R3: see #900',
      'Batch B1 (3 in 14 d) for C2 / R3: see #900',
      'Batch B1 (3 in 14 d) for C3 / R3: see #900',
    ]);
  });
});
