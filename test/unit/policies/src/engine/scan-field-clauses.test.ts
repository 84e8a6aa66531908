/**
 * Where a cue's reach ends: a negation belongs to its own clause, and the words and punctuation that start a new
 * clause are policy data per locale (classification.clauseStarts). The rest of scanning is in scan-field.test.ts.
 */
import { classify } from '../../../../../policies/src/engine';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import { validatePolicy } from '../../../../../policies/src/validate-policy';
import { loadPolicy } from '../../../../support/test-policy';
import { base, policyWith, safetyRule, ticket } from './classify-kit';

const widenedPolicy = expandScripts(loadPolicy());
const smoke = safetyRule('smoke', ['smoke', 'smoking', '冒烟']);
const spark = safetyRule('spark', ['sparked']);

const negation = {
  id: 'negation',
  kind: 'negation',
  position: 'before',
  windowChars: 30,
  phrases: ['no', "didn't"],
  signals: ['safety'],
} as const;

describe('negation cues end at a new clause', () => {
  const hypothetical = { ...negation, id: 'hypothetical', kind: 'hypothetical', phrases: ['if'] } as const;
  const policy = policyWith([smoke, spark], { cues: [negation, hypothetical] as any });

  it('"it didn\'t stop, it sparked" keeps the spark: the negation belongs to the first clause', () => {
    expect(classify(ticket('Heater', "The fan didn't stop, it sparked at the back."), policy).signals).toContain('safety');
  });

  it('a list after one negation stays negated: "no smell, smoke or noise"', () => {
    expect(classify(ticket('Dead kettle', 'No smell, smoke or noise, it is just dead.'), policy).signals).not.toContain('safety');
  });

  it('only negations stop there: a condition reaches into its main clause ("if it fails, it sparked")', () => {
    expect(classify(ticket('Question', 'If the fuse blows, it sparked before?'), policy).signals).not.toContain('safety');
  });
});

describe('clause starts are policy data, per locale (classification.clauseStarts)', () => {
  const burn = safetyRule('burn', ['冒烟', '焦味']);
  const negZh = {
    id: 'neg_zh',
    locale: 'zh-CN',
    kind: 'negation',
    position: 'before',
    windowChars: 8,
    phrases: ['没有', '不'],
    signals: ['safety'],
  } as const;
  const negEn = { ...negation, id: 'neg_en', locale: 'en' } as const;
  const zhStarts = { id: 'zh', locales: ['zh-CN', 'zh-TW'], after: ['，', '：'], starters: ['但是', '可是', '結果'] };
  const enStarts = { id: 'en', locales: ['en'], after: [',', ':'], starters: ['but', 'it', 'and then'] };
  const withStarts = (clauseStarts: unknown[]) => policyWith([smoke, spark, burn], { cues: [negZh, negEn] as any, clauseStarts } as any);

  it('a Chinese negation stops at a new clause after a Chinese comma: "没有，但是冒烟了" keeps the smoke', () => {
    const policy = withStarts([zhStarts, enStarts]);
    expect(classify(ticket('插头', '没有，但是冒烟了'), policy).signals).toContain('safety');
    expect(classify(ticket('插頭', '沒有，可是有焦味'), policy).signals).toContain('safety');
  });

  it('within its own clause a Chinese negation still cancels: "不冒烟了", "没有，焦味" (a list)', () => {
    const policy = withStarts([zhStarts, enStarts]);
    expect(classify(ticket('插头', '不冒烟了'), policy).signals).not.toContain('safety');
    expect(classify(ticket('插头', '没有，焦味'), policy).signals).not.toContain('safety');
  });

  it('without clause starts in the policy a negation reaches into the next clause (the engine knows no words)', () => {
    const policy = withStarts([]);
    expect(classify(ticket('Heater', "The fan didn't stop, it sparked at the back."), policy).signals).not.toContain('safety');
    expect(classify(ticket('插头', '没有，但是冒烟了'), policy).signals).not.toContain('safety');
  });

  it("a cue uses the starters of its own locale: a Chinese starter does not end an English cue's clause", () => {
    const policy = withStarts([zhStarts, enStarts]);
    expect(classify(ticket('Heater', "The fan didn't stop, it sparked at the back."), policy).signals).toContain('safety');
    expect(classify(ticket('Heater', "It didn't stop，但是 sparked."), policy).signals).not.toContain('safety');
  });

  it('a cue without a locale uses the clause starts of the script its phrase is written in', () => {
    const anyLocale = { ...negEn, locale: undefined, phrases: ['no', '没有'] };
    const zhBreaks = { ...zhStarts, breaks: ['，'] };
    const policy = policyWith([smoke, burn], { cues: [anyLocale] as any, clauseStarts: [zhBreaks, enStarts] } as any);
    expect(classify(ticket('插头', '没有，冒烟'), policy).signals).toContain('safety');
    expect(classify(ticket('Kettle', 'No smell, smoke or noise.'), policy).signals).not.toContain('safety');
    expect(classify(ticket('Kettle', 'No smell, but smoke.'), policy).signals).toContain('safety');
  });

  it('starters and punctuation are normalised like the text (full-width comma, Cantonese replacement)', () => {
    const policy = policyWith([burn], {
      cues: [negZh] as any,
      normalize: { replace: [['跟住', '然后']] },
      clauseStarts: [{ id: 'zh', locales: ['zh-CN'], after: ['，'], starters: ['跟住'] }],
    } as any);
    expect(classify(ticket('插头', '没有，跟住冒烟'), policy).signals).toContain('safety');
    expect(classify(ticket('插头', '没有，然后冒烟'), policy).signals).toContain('safety');
  });

  it('`breaks`: punctuation that starts a clause on its own ("没有，冒烟了"); a "、" list stays negated', () => {
    const policy = withStarts([{ ...zhStarts, after: ['、'], breaks: ['，', '：'] }, enStarts]);
    expect(classify(ticket('插头', '没有，冒烟了'), policy).signals).toContain('safety');
    expect(classify(ticket('插头', '没有：有焦味'), policy).signals).toContain('safety');
    expect(classify(ticket('插头', '没有异味、冒烟'), policy).signals).not.toContain('safety');
    expect(classify(ticket('插头', '没有异味、但是冒烟'), policy).signals).toContain('safety');
  });

  it('a clause-start set is checked like the rest of the policy: strict, with readable paths', () => {
    const paths = (clauseStarts: unknown[]) => {
      const doc = JSON.parse(JSON.stringify(base));
      doc.classification.clauseStarts = clauseStarts;
      const r = validatePolicy(doc);
      return r.ok ? [] : r.problems.map((p) => p.path);
    };
    expect(
      paths([
        { id: 'zh', locales: ['zh-CN'], after: ['，'], starters: [] },
        { id: 'en', locales: ['fr'], after: [','], starters: ['but'], extra: 1 },
      ]),
    ).toEqual([
      'classification.clauseStarts[0].starters',
      'classification.clauseStarts[1].locales[0]',
      'classification.clauseStarts[1].extra',
    ]);
    expect(
      paths([
        { id: 'zh', locales: ['zh-CN', 'zh-TW'], after: ['，'], starters: ['但'] },
        { id: 'tw', locales: ['zh-TW'], after: ['，'], starters: ['但'] },
      ]),
    ).toEqual(['classification.clauseStarts[1].locales[0]']);
    expect(paths([{ id: 'zh', locales: ['zh-CN'], after: ['、'] }])).toEqual(['classification.clauseStarts[0].starters']);
    expect(paths([{ id: 'zh', locales: ['zh-CN'], breaks: ['，'] }])).toEqual([]);
    expect(paths([{ id: 'zh', locales: ['zh-CN'] }])).toEqual(['classification.clauseStarts[0]']);
  });
});

describe('default policy: a Chinese negation ends at the comma that ends its clause', () => {
  const policy = widenedPolicy;

  it.each([
    ['插头', '没有，但是冒烟了'],
    ['插頭', '冇，跟住冒煙'],
    ['插座', '盖子没有盖好，电线露在外面'],
    ['插頭', '沒有，插頭燒焦了'],
    ['插头', '没有冒烟，但是插头烧黑了'],
  ])('%s / %s: safety', (subject, body) => {
    expect(classify(ticket(subject, body), policy).signals).toContain('safety');
  });

  it.each([
    ['插头', '不冒烟了'],
    ['插头', '没有冒烟、火花'],
    ['插頭', '沒有冒煙、也沒有焦味'],
  ])('%s / %s: still negated', (subject, body) => {
    expect(classify(ticket(subject, body), policy).signals).not.toContain('safety');
  });
});
