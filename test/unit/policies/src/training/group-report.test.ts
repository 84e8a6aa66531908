import {
  evaluateByGroup,
  familyOf,
  formatGroupReport,
  parseNamedGroups,
  sourceOf,
} from '../../../../../policies/src/training/group-report';
import type { LabelledTicket } from '../../../../../policies/src/training/train-model';
import type { Classification } from '../../../../../policies/src/types';

const ticket = (id: string, category: string, severity: string, signals: string[] = []) =>
  ({ id, subject: '', description: '', expected: { category, severity, signals } }) as unknown as LabelledTicket;
const got = (category: string, severity: string, signals: string[] = []) => ({ category, severity, signals }) as unknown as Classification;

describe('per-group scores of an evaluation', () => {
  it('groups ids by source (trailing number dropped) and by family (letters up to a dash or digits)', () => {
    expect(sourceOf('t-en-0042')).toBe('t-en');
    expect(sourceOf('t-hard-7')).toBe('t-hard');
    expect(sourceOf('r16cn-0007')).toBe('r16cn');
    expect(sourceOf('a1')).toBe('a');
    expect(sourceOf('no-number')).toBe('no-number');
    expect(familyOf('t-en-0042')).toBe('t-');
    expect(familyOf('t-zhtw-0001')).toBe('t-');
    expect(familyOf('r16en-0001')).toBe('r16');
    expect(familyOf('r3tw-0140')).toBe('r3');
    expect(familyOf('e6en-0001')).toBe('e6');
  });

  it('scores each family, source and named group on its own tickets only', () => {
    const items = [
      { ticket: ticket('t-en-1', 'quality', 'L1', ['safety']), got: got('quality', 'L1', ['safety']) },
      { ticket: ticket('t-en-2', 'billing', 'L2'), got: got('billing', 'L2') },
      { ticket: ticket('t-zhcn-1', 'quality', 'L1', ['safety']), got: got('usage', 'L3') }, // safety missed, category wrong
      { ticket: ticket('r16en-1', 'billing', 'L2'), got: got('billing', 'L1', ['safety']) }, // false safety
      { ticket: ticket('r17cn-1', 'logistics', 'L2'), got: got('logistics', 'L2') },
    ];
    const g = evaluateByGroup(items, [{ name: 'round6', pattern: /^r1[6-9]/ }]);
    expect(Object.keys(g.families)).toEqual(['r16', 'r17', 't-']);
    expect(g.families['t-']).toMatchObject({
      n: 3,
      category: 2 / 3,
      severity: 2 / 3,
      l1: { found: 1, total: 2 },
      safetyMissed: 1,
      falseSafety: 0,
    });
    expect(g.sources['t-en']).toMatchObject({ n: 2, category: 1, severity: 1, signalMacroF1: 1, safetyMissed: 0 });
    expect(g.sources['t-zhcn']).toMatchObject({ n: 1, category: 0, l1: { found: 0, total: 1 } });
    expect(g.named.round6).toMatchObject({ n: 2, category: 1, severity: 0.5, falseSafety: 1, l1: { found: 0, total: 0 } });
    const text = formatGroupReport(g);
    expect(text).toMatch(/^ {2}round6 +2 +1\.000 +0\.500 .* 0\/0 +0 +1$/m);
    expect(text).toMatch(/^ {2}t- +3 +0\.667 +0\.667 .* 1\/2 +1 +0$/m);
    expect(text).toMatch(/^ {4}t-zhcn +1 +0\.000/m); // a family with several sources lists them
    expect(text).not.toMatch(/^ {4}r16en/m);
  });

  it('reads --group NAME=REGEX pairs and refuses a missing name or a bad expression', () => {
    const ok = parseNamedGroups('round6=^r1[6-9];orig=^t-');
    expect('groups' in ok && ok.groups.map((g) => [g.name, g.pattern.source])).toEqual([
      ['round6', '^r1[6-9]'],
      ['orig', '^t-'],
    ]);
    expect(parseNamedGroups('=^t-')).toEqual({ error: expect.stringMatching(/is not NAME=REGEX/) });
    expect(parseNamedGroups('bad=(')).toEqual({ error: expect.stringMatching(/--group bad: .*Invalid regular expression/) });
  });
});
