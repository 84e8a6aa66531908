import { decideTagsChanged, evidenceFrozenChange } from '../../../../../connector/src/decide/decide-tags-changed';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { projection, T0 } from '../../../../fixtures/connector-core/projection';

const policy = loadPolicy();
const at = new Date(T0).toISOString();
const complete = {
  customerContacts: 3,
  items: [
    { kind: 'attachment', at },
    { kind: 'order_record', at },
  ],
  reviews: [{ role: 'supervisor', by: 's1', at }],
};

describe('decideTagsChanged', () => {
  it('malicious tag without enough evidence: removes it and lists what is missing', () => {
    const d = decideTagsChanged(projection(policy), { added: ['cd_malicious'], removed: [] }, policy, T0, {
      evidence: { customerContacts: 1, items: [], reviews: [] },
      frozen: false,
    });
    expect(d.change?.removeTags).toEqual(['cd_malicious']);
    expect(d.change?.note?.body).toContain('至少 3 次客户沟通记录');
    expect(d.change?.note?.body).toContain('主管审核');
    expect(d.freeze).toBeUndefined();
    expect(d.projection?.tags).not.toContain('cd_malicious');
    expect(d.change?.note?.body).toContain('至少 3 次客户沟通记录、'); // listed the way the locale writes a list
  });

  it('malicious tag with complete evidence: freeze, then review group + frozen note with the hash', () => {
    const d = decideTagsChanged(projection(policy), { added: ['cd_malicious'], removed: [] }, policy, T0, {
      evidence: complete,
      frozen: false,
      by: 'a1',
    });
    expect(d.change).toBeNull();
    expect(d.freeze).toEqual({ by: 'a1' });
    expect(d.projection?.group).toBe('review');
    const c = evidenceFrozenChange(policy, 'abc123');
    expect(c.group).toBe('review');
    expect(c.note?.body).toContain('abc123');
  });

  it('when the host does not say who tagged, the freeze is recorded as by "unknown", never as a guessed role name', () => {
    const d = decideTagsChanged(projection(policy), { added: ['cd_malicious'], removed: [] }, policy, T0, {
      evidence: complete,
      frozen: false,
    });
    expect(d.freeze).toEqual({ by: 'unknown' });
    expect(Object.keys(policy.remedies.roles)).not.toContain(d.freeze!.by);
  });

  it('other tag changes only update the projection', () => {
    const d = decideTagsChanged(projection(policy), { added: ['x'], removed: [], tags: ['x', 'cd_cat_quality'] }, policy, T0, {
      evidence: complete,
      frozen: false,
    });
    expect(d.change).toBeNull();
    expect(d.projection?.tags).toEqual(['x', 'cd_cat_quality']);
  });
});
