import { classify } from '../../../../../policies/src/engine';
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { asciiPrefilterSource, withoutWordBoundaries } from '../../../../../policies/src/engine/pattern-source';
import type { Ticket } from '../../../../../policies/src/types';
import { base, policyWith, inLocale, ticket, expectOffsets, type RuleIn } from './classify-kit';

describe('classify: matching', () => {
  const p = policyWith([
    { id: 'legal_words', phrases: ['sue', 'PO網', 'small claims'], sets: { signals: ['legal'] } },
    { id: 'leak_zh', phrases: ['漏电'], sets: { category: 'quality', severity: 'L1', signals: ['safety'] } },
    { id: 'emoji', phrases: ['🔥'], sets: { category: 'quality' } },
  ]);

  test('Latin phrases match whole words only, case-insensitively', () => {
    expect(classify(ticket('issue with tissue; pursue'), p).matches).toEqual([]);
    const c = classify(ticket('I will SUE you', 'Sue, sue! (sue)'), p);
    expect(c.matches.map((m) => `${m.field}:${m.start}-${m.end}:${m.text}`)).toEqual([
      'subject:7-10:SUE',
      'description:0-3:Sue',
      'description:5-8:sue',
      'description:11-14:sue',
    ]);
    expect(c.signals).toEqual(['legal']);
    expect(classify(ticket('sued', 'suez'), p).matches).toEqual([]);
  });

  test('CJK phrases match as substrings; CJK neighbours do not block a Latin word', () => {
    const t = ticket('怀疑漏电了', '我要sue你们，还要po網');
    const c = classify(t, p);
    expect(c.matches.map((m) => [m.ruleId, m.field, m.start, m.end, m.text])).toEqual([
      ['leak_zh', 'subject', 2, 4, '漏电'],
      ['legal_words', 'description', 2, 5, 'sue'],
      ['legal_words', 'description', 10, 13, 'po網'],
    ]);
    expectOffsets(t, c);
    expect(classify(ticket('xpo網'), p).matches).toEqual([]);
  });

  test('text that only regex case folding relates to a phrase (ſ for s, K for k) still maps back to its rule', () => {
    const t = ticket('ſue', 'SMALL CLAIMS');
    const c = classify(t, p);
    expect(c.matches.map((m) => [m.ruleId, m.text])).toEqual([
      ['legal_words', 'ſue'],
      ['legal_words', 'SMALL CLAIMS'],
    ]);
  });

  test('whitespace inside a phrase matches any whitespace run', () => {
    const c = classify(ticket('going to small\n   claims court'), p);
    expect(c.matches[0]).toMatchObject({ text: 'small\n   claims', start: 9, end: 24 });
  });

  test('offsets are UTF-16 code units after emoji and surrogate pairs; emoji phrases work', () => {
    const t = ticket('😀😀漏电🔥🔥', '𠀀𠀁 sue 😀');
    const c = classify(t, p);
    expect(c.matches.map((m) => [m.ruleId, m.start, m.end])).toEqual([
      ['leak_zh', 4, 6],
      ['emoji', 6, 8],
      ['emoji', 8, 10],
      ['legal_words', 5, 8],
    ]);
    expectOffsets(t, c);
  });

  test('patterns use flags iu and report their span; a leading \\b is honoured', () => {
    const pp = policyWith([
      { id: 'rep', patterns: ['\\bcalled\\s+\\d+\\s+times\\b', '第[二三四五]次联系'], sets: { signals: ['repeat_contact'] } },
      { id: 'cat', patterns: ['\\p{Script=Han}{2}坏了'], sets: { category: 'quality' } },
    ]);
    const t = ticket('I CALLED 4 TIMES', '这是第三次联系，手机坏了; recalled 3 times');
    const c = classify(t, pp);
    expect(c.matches.map((m) => [m.ruleId, m.text])).toEqual([
      ['rep', 'CALLED 4 TIMES'],
      ['rep', '第三次联系'],
      ['cat', '手机坏了'],
    ]);
    expectOffsets(t, c);
    expect(withoutWordBoundaries('\\bfoo[\\b]\\\\b\\B')).toBe('foo[\\b]\\\\b\\B');
  });

  test('the ASCII prefilter keeps one leading \\b for the patterns that start with it', () => {
    expect(asciiPrefilterSource(['\\bfoo\\b', 'bar|\\bbaz', '\\bqu+x', '\\bone|two'])).toBe(
      '\\b(?:(?:foo)|(?:qu+x))|(?:bar|baz)|(?:one|two)',
    );
    const pp = policyWith([
      { id: 'lead', patterns: ['\\bcall(?:ed)?\\s+twice'], sets: { signals: ['repeat_contact'] } },
      { id: 'free', patterns: ['again\\b', '\\bsmoke|fumes'], sets: { signals: ['safety'] } },
    ]);
    const c = classify(ticket('recalled twice; I called twice and again. Fumes', 'nosmoke'), pp);
    expect(c.matches.map((m) => [m.ruleId, m.text])).toEqual([
      ['lead', 'called twice'],
      ['free', 'again'],
      ['free', 'Fumes'],
    ]);
  });

  test('patterns that cannot share one regex (same group name) are still scanned', () => {
    const pp = policyWith([
      { id: 'a', patterns: ['(?<n>refund)'], sets: { category: 'billing' } },
      { id: 'b', patterns: ['(?<n>lawyer)'], sets: { signals: ['legal'] } },
    ]);
    expect(compileRules(pp).patternGroups.map((g) => g.re)).toEqual([null]);
    const c = classify(ticket('refund or lawyer'), pp);
    expect(c.matches.map((m) => m.ruleId)).toEqual(['a', 'b']);
  });

  test('a shorter phrase at the same start still matches when a longer one (or an unless) covers it', () => {
    const pp = policyWith([
      { id: 'smoke', phrases: ['smoke'], unless: ['no smoke'], sets: { signals: ['safety'] } },
      { id: 'detector', phrases: ['smoke detector'], sets: { category: 'quality' } },
      { id: 'fire', phrases: ['fire'], unless: ['smoke detector'], sets: { category: 'quality', severity: 'L1' } },
    ]);
    const c = classify(ticket('the smoke detector beeps'), pp);
    expect(c.matches.map((m) => [m.ruleId, m.text])).toEqual([
      ['detector', 'smoke detector'],
      ['smoke', 'smoke'],
    ]);
    expect(c.signals).toEqual(['safety']);
  });

  test('when the longest phrase at a position fails the end-of-word check, a shorter one there still counts', () => {
    const pp = policyWith([
      { id: 'sue', phrases: ['sue'], sets: { signals: ['legal'] } },
      { id: 'sue_them', phrases: ['sue them'], sets: { category: 'service' } },
    ]);
    const c = classify(ticket('I will sue themselves', 'sue them'), pp);
    expect(c.matches.map((m) => [m.ruleId, m.field, m.text])).toEqual([
      ['sue', 'subject', 'sue'],
      ['sue_them', 'description', 'sue them'],
      ['sue', 'description', 'sue'],
    ]);
  });

  test('customer comments are scanned as comment:<id>; agent and system comments are not', () => {
    const t = ticket('hello', '', [
      { id: 'c1', author: 'customer', public: true, body: 'my lawyer says sue', createdAt: '2026-11-22T10:00:00Z' },
      { id: 'a1', author: 'agent', public: true, body: 'please do not sue us', createdAt: '2026-11-22T10:05:00Z' },
      { id: 's1', author: 'system', public: false, body: 'sue', createdAt: '2026-11-22T10:06:00Z' },
    ]);
    const c = classify(t, p);
    expect(c.matches.map((m) => [m.field, m.start])).toEqual([['comment:c1', 15]]);
    expect(c.signals).toEqual(['legal']);
  });

  test('empty and missing fields: default category and severity, nothing matched', () => {
    const c = classify({ id: 'e', subject: '', description: '' }, p);
    expect(c).toMatchObject({ category: 'other', severity: base.categories.other.defaultSeverity, signals: [], matches: [], scores: {} });
    const d = classify({ id: 'e' } as unknown as Ticket, p);
    expect(d.matches).toEqual([]);
    expect(d.why.category).toBe(
      `${base.categories.other.label['zh-CN']}：最高得分 0 低于最低分 ${base.classification.minCategoryScore}，故采用默认类别。`,
    );
  });

  test('1 MB of text: still exact, matches at the far end found', () => {
    const filler = 'lorem ipsum dolor sit amet 数据 😀 '.repeat(Math.ceil(1_000_000 / 32));
    const t = ticket('big', `${filler}漏电 then sue`);
    const c = classify(t, p);
    expect(t.description.length).toBeGreaterThan(1_000_000);
    expect(c.matches.map((m) => m.ruleId)).toEqual(['leak_zh', 'legal_words']);
    expect(c.matches[0].start).toBe(filler.length);
    expectOffsets(t, c);
    expect(c).toMatchObject({ category: 'quality', severity: 'L1', signals: ['safety', 'legal'] });
  });
});

describe('classify: unless, scores, ties, severity', () => {
  test('unless cancels its rule in that field only, and no other rule', () => {
    const p = policyWith([
      {
        id: 'smoke',
        phrases: ['smoke'],
        unless: ['no smoke', 'smoke alarm'],
        sets: { category: 'quality', severity: 'L1', signals: ['safety'] },
      },
      { id: 'noise', phrases: ['noise'], sets: { category: 'quality', severity: 'L2' } },
    ]);
    expect(classify(ticket('noise but no smoke at all'), p)).toMatchObject({ severity: 'L2', signals: [] });
    expect(classify(ticket('noise', 'the smoke alarm chirps'), p).matches.map((m) => m.ruleId)).toEqual(['noise']);
    const c = classify(ticket('no smoke, just noise', 'wait, now there is smoke'), p);
    expect(c).toMatchObject({ severity: 'L1', signals: ['safety'] });
    expect(c.matches.filter((m) => m.ruleId === 'smoke').map((m) => m.field)).toEqual(['description']);
  });

  test('unlessScope "ticket": an unless phrase in any field cancels the rule in every field', () => {
    const rule = (unlessScope?: 'ticket') => ({
      id: 'dead',
      phrases: ['not cooling'],
      unless: ['fan mode'],
      ...(unlessScope ? { unlessScope } : {}),
      sets: { category: 'quality' as const, severity: 'L1' as const },
    });
    const other = { id: 'noise', phrases: ['noise'], sets: { category: 'quality' as const, severity: 'L2' as const } };
    const t = ticket('AC not cooling', 'oh wait, it was on fan mode, some noise though');
    // The default scope is the field: the subject's match stands.
    expect(classify(t, policyWith([rule(), other])).severity).toBe('L1');
    const c = classify(t, policyWith([rule('ticket'), other]));
    expect(c.matches.map((m) => m.ruleId)).toEqual(['noise']);
    expect(c.severity).toBe('L2');
    // Without the unless phrase anywhere the rule still matches in every field.
    const d = classify(ticket('AC not cooling', 'still not cooling'), policyWith([rule('ticket'), other]));
    expect(d.matches.map((m) => m.field)).toEqual(['subject', 'description']);
  });

  test('category = highest summed weight; a rule counts once however often it matches', () => {
    const p = policyWith([
      { id: 'refund', phrases: ['refund'], weight: 2, sets: { category: 'billing' } },
      { id: 'broken', phrases: ['broken'], weight: 1.5, sets: { category: 'quality' } },
      { id: 'defect', phrases: ['defect'], weight: 1, sets: { category: 'quality' } },
    ]);
    const c = classify(ticket('refund refund refund', 'broken, defect'), p);
    expect(c.scores).toEqual({ billing: 2, quality: 2.5 });
    expect(c.category).toBe('quality');
    expect(c.matches.filter((m) => m.ruleId === 'refund')).toHaveLength(3);
  });

  test('ties follow categoryOrder', () => {
    const rules: RuleIn[] = [
      { id: 'refund', phrases: ['refund'], sets: { category: 'billing' } },
      { id: 'rude', phrases: ['rude'], sets: { category: 'service' } },
    ];
    const a = policyWith(rules, { categoryOrder: ['quality', 'logistics', 'billing', 'service', 'usage', 'other'] });
    const b = policyWith(rules, { categoryOrder: ['quality', 'logistics', 'service', 'billing', 'usage', 'other'] });
    expect(classify(ticket('rude refund'), a).category).toBe('billing');
    expect(classify(ticket('rude refund'), b).category).toBe('service');
    expect(classify(ticket('rude refund'), inLocale(b, 'en')).why.category).toMatch(
      /Tied with Billing; the category order puts Service first/,
    );
  });

  test('minCategoryScore: below it the default category applies', () => {
    const p = policyWith([{ id: 'how', phrases: ['how to'], weight: 0.5, sets: { category: 'usage' } }], {
      minCategoryScore: 1,
      defaultCategory: 'other',
    });
    const c = classify(ticket('how to reset'), inLocale(p, 'en'));
    expect(c).toMatchObject({ category: 'other', scores: { usage: 0.5 }, severity: base.categories.other.defaultSeverity });
    expect(c.why.category).toBe('Other: the best score 0.5 is below the minimum 1, so the default category applies.');
  });

  test('severity: most severe sets.severity among matched rules, else the category default', () => {
    const p = policyWith([
      { id: 'scratch', phrases: ['scratch'], sets: { category: 'quality', severity: 'L3' } },
      { id: 'dead', phrases: ['dead'], sets: { severity: 'L1' } },
      { id: 'parcel', phrases: ['parcel'], sets: { category: 'logistics' } },
    ]);
    expect(classify(ticket('scratch'), p).severity).toBe('L3');
    expect(classify(ticket('scratch and dead'), p).severity).toBe('L1');
    const c = classify(ticket('parcel'), inLocale(p, 'en'));
    expect(c.severity).toBe(base.categories.logistics.defaultSeverity);
    expect(c.why.severity).toMatch(/is the default severity of Logistics/);
  });

  test('forcesSeverity: safety forces L1; a forcing signal raises but never lowers', () => {
    const rules: RuleIn[] = [
      { id: 'spark', phrases: ['sparks'], sets: { signals: ['safety'] } },
      { id: 'scratch', phrases: ['scratch'], sets: { category: 'quality', severity: 'L3' } },
      { id: 'dead', phrases: ['dead'], sets: { category: 'quality', severity: 'L1' } },
      { id: 'tweet', phrases: ['twitter'], sets: { signals: ['media'] } },
    ];
    const p = policyWith(rules, {}, { media: { forcesSeverity: 'L2' } });
    const s = classify(ticket('scratch and sparks'), inLocale(p, 'en'));
    expect(s.severity).toBe('L1');
    expect(s.why.severity).toBe(
      'L1 urgent forced by signal Safety hazard; before that: L3 routine set by "scratch" in the subject (L3 routine and Product quality).',
    );
    expect(classify(ticket('scratch, posting on twitter'), p).severity).toBe('L2');
    expect(classify(ticket('dead, posting on twitter'), p).severity).toBe('L1');
    const off = policyWith(rules, {}, { media: { forcesSeverity: null } });
    expect(classify(ticket('scratch, posting on twitter'), off).severity).toBe('L3');
  });
});
