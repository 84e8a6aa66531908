import { classify } from '../../../../../policies/src/engine';
import { compileAsciiPath } from '../../../../../policies/src/engine/compile-ascii-path';
import { compileRules, usePatternIndexes, type PatternIndexes } from '../../../../../policies/src/engine/compile-rules';
import { buildPhraseRegexes } from '../../../../../policies/src/engine/phrase-regex';
import { scanField } from '../../../../../policies/src/engine/scan-field';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import { fullSweep, sweepTickets } from '../../../../support/corpus-sweep';
import { loadPolicy } from '../../../../support/test-policy';
import { cueSetProblemPaths, policyWith, safetyRule, ticket, type RuleIn } from './classify-kit';

// The default policy as written and widened into both scripts as the server does: one object each for the file,
// so each is validated and compiled once (compileRules keeps its compiled form per policy object).
const defaultPolicy = loadPolicy();
const widenedPolicy = expandScripts(loadPolicy());

const smoke = safetyRule('smoke', ['smoke', 'smoking', '冒烟']);
const spark = safetyRule('spark', ['sparked']);
const steam = {
  id: 'steam_not_smoke',
  kind: 'harmless',
  position: 'ticket',
  phrases: ['just steam', '是蒸汽'],
  unless: ['不是蒸汽'],
  signals: ['safety'],
  rules: ['smoke'],
} as const;

describe('ticket cues: a reading stated anywhere in the ticket governs every field', () => {
  const policy = policyWith([smoke, spark], { cues: [steam] as any });

  it('"smoke" in the subject is cancelled by "just steam" in the body', () => {
    const c = classify(ticket('Kettle smoking when it boils', 'Looked closer, it is just steam. The switch never turns off.'), policy);
    expect(c.signals).not.toContain('safety');
    expect(c.matches.filter((m) => m.ruleId === 'smoke')).toEqual([]);
  });

  it('the cue governs only the rules it names: a spark in the same ticket still raises safety', () => {
    const c = classify(ticket('Kettle smoking', 'It is just steam, but the plug sparked when I unplugged it.'), policy);
    expect(c.signals).toContain('safety');
    expect(c.matches.map((m) => m.ruleId)).toEqual(['spark']);
  });

  it('an unless phrase overlapping the cue voids it: "不是蒸汽" keeps the smoke', () => {
    expect(classify(ticket('水壶冒烟', '不是蒸汽，是黑烟'), policy).signals).toContain('safety');
    expect(classify(ticket('水壶冒烟', '仔细看了，是蒸汽'), policy).signals).not.toContain('safety');
  });

  it('without the cue the subject match stands', () => {
    expect(classify(ticket('Kettle smoking', 'The switch never turns off.'), policy).signals).toContain('safety');
  });

  it('a cue set naming a rule that does not exist is refused with its path', () => {
    expect(cueSetProblemPaths([{ ...steam, rules: ['no_such_rule'] }])).toContain('classification.cues[0].rules[0]');
  });
});

describe('default policy: steam mistaken for smoke, across subject and body', () => {
  const policy = defaultPolicy;

  it.each([
    ['Kettle smoking when boiling', 'Sorry, looking again it is just steam from the spout, but the auto shut-off does not work.'],
    ['Smoke from the rice cooker lid?', 'Turned out to be steam. The lid latch is broken though.'],
    ['电饭煲冒烟', '仔细看了一下其实是蒸汽，不过盖子扣不上。'],
  ])('%s / %s: no safety', (subject, body) => {
    expect(classify(ticket(subject, body), policy).signals).not.toContain('safety');
  });

  it.each([
    ['Kettle smoking', 'It is not steam, it is black smoke and smells of burning plastic.'],
    ['电水壶冒烟', '不是蒸汽，是黑烟，还有焦味。'],
    ['Kettle', 'There was steam and smoke coming from the base, it was steam and smoke together.'],
    ['电水壶', '冒出来的是蒸汽和黑烟。'],
  ])('%s / %s: still safety', (subject, body) => {
    expect(classify(ticket(subject, body), policy).signals).toContain('safety');
  });
});

describe('cue sets without signals govern the rules they name (severity rules)', () => {
  const dead: RuleIn = { id: 'dead', phrases: ['fridge died', '报废'], weight: 2, sets: { category: 'quality', severity: 'L1' } };
  const broken: RuleIn = { id: 'broken', phrases: ['broken'], weight: 2, sets: { category: 'quality', severity: 'L2' } };
  const otherUnit = {
    id: 'another_unit',
    kind: 'harmless',
    position: 'before',
    windowChars: 8,
    phrases: ['our old', '旧冰箱'],
    rules: ['dead'],
  } as const;
  const policy = policyWith([dead, broken], { cues: [otherUnit] as any });

  it('cancels the named rule right after the cue, and only there', () => {
    expect(classify(ticket('', 'Our old fridge died, so we ordered yours. The door hinge is broken.'), policy).severity).toBe('L2');
    expect(classify(ticket('', '家里旧冰箱已经报废了，新的门把手是坏的，broken。'), policy).severity).toBe('L2');
    expect(classify(ticket('', 'The fridge died on Monday, our old one lasted twenty years.'), policy).severity).toBe('L1');
    expect(classify(ticket('', 'Our old kitchen is fine but the new fridge died yesterday.'), policy).severity).toBe('L1');
  });

  it('a cue set that names neither signals nor rules is refused', () => {
    expect(cueSetProblemPaths([{ id: 'nothing_governed', kind: 'harmless', position: 'before', phrases: ['our old'] }])).toContain(
      'classification.cues[0]',
    );
  });
});

describe('after cues: a cue just after the match ("在小红书上看到")', () => {
  const platform: RuleIn = { id: 'platform', phrases: ['小红书'], sets: { signals: ['media'] } };
  const seen = { id: 'seen_on', kind: 'hypothetical', position: 'after', windowChars: 3, phrases: ['上看到'], signals: ['media'] } as const;
  const policy = policyWith([platform], { cues: [seen] as any });

  it('cancels the match it follows within the window, in the same clause', () => {
    expect(classify(ticket('', '在小红书上看到有人这么用'), policy).signals).not.toContain('media');
  });

  it('does not reach past a clause end or beyond the window', () => {
    expect(classify(ticket('', '我要发小红书。上看到的都说你们不行'), policy).signals).toContain('media');
    expect(classify(ticket('', '我要发小红书曝光，网上看到的都说你们不行'), policy).signals).toContain('media');
  });
});

describe('cues across sentences: a story told, then closed ("… the claim was paid out, so that\'s all done")', () => {
  const fire = safetyRule('fire', ['fire', '烫伤']);
  const settled = {
    id: 'settled',
    kind: 'harmless',
    position: 'after',
    windowChars: 80,
    phrases: ["that's all done", '处理好了'],
    signals: ['safety'],
  } as const;
  const across = policyWith([fire], { cues: [{ ...settled, acrossSentences: true }] as any });
  const within = policyWith([fire], { cues: [settled] as any });
  const closed = "There was a small fire in the fuse box in May. The insurer paid, so that's all done. The refund is late.";

  it('an after cue with acrossSentences reaches past a full stop within its window', () => {
    expect(classify(ticket('Refund', closed), across).signals).not.toContain('safety');
    expect(classify(ticket('', '去年被热汤烫伤了。那件事你们处理好了。'), across).signals).not.toContain('safety');
  });

  it('without it, the same cue stops at the sentence end', () => {
    expect(classify(ticket('Refund', closed), within).signals).toContain('safety');
  });

  it('never reaches across a blank line, past its window, or back to a match after it', () => {
    expect(classify(ticket('', "There was a small fire in May.\n\nThe refund is sorted, that's all done."), across).signals).toContain(
      'safety',
    );
    const far = `There was a small fire in May. ${'We talked about the refund for a long while. '.repeat(3)}That's all done.`;
    expect(classify(ticket('', far), across).signals).toContain('safety');
    expect(classify(ticket('', "That's all done. Now the new one caught fire."), across).signals).toContain('safety');
  });

  it('a before cue with acrossSentences reaches forward across sentences the same way', () => {
    const before = policyWith([fire], { cues: [{ ...settled, position: 'before', acrossSentences: true }] as any });
    expect(classify(ticket('', "That's all done. Now the new one caught fire."), before).signals).not.toContain('safety');
    expect(classify(ticket('', "That's all done.\n\nNow the new one caught fire."), before).signals).toContain('safety');
  });

  it('is refused on a cue set when it is not a boolean, with its path', () => {
    expect(cueSetProblemPaths([{ ...settled, acrossSentences: 'yes' }])).toContain('classification.cues[0].acrossSentences');
  });
});

describe('ASCII text is scanned with the non-Unicode regexes (faster) and finds exactly the same', () => {
  it('the English training tickets (FULL_SWEEP=1: all): same hits, cancellations and cues as without the ASCII path', () => {
    const policy = defaultPolicy;
    const unicode = compileRules(policy);
    expect(unicode.asciiPatterns).toBeNull();
    // The ASCII path alone (compile-ascii-path.ts), without the server's indexes: its regexes are what is compared.
    const asciiOnly: PatternIndexes = {
      han: (patterns) => ({ scan: null, rest: [...patterns] }),
      ascii: (patterns) => ({ scan: null, rest: [...patterns], never: [] }),
      plain: () => null,
      asciiPath(patterns, keys) {
        return compileAsciiPath(this, patterns, keys);
      },
    };
    usePatternIndexes(asciiOnly);
    const c = compileRules(loadPolicy());
    usePatternIndexes(null);
    expect(c.asciiPhraseRes.map((r) => r.flags)).toEqual(c.asciiPhraseRes.map(() => 'gi'));
    expect(c.asciiPatternRe?.flags).toBe('gi');
    const replaced = (policy.classification.normalize?.replace ?? []).map(([from]) => from);
    const texts = sweepTickets({ keys: c.byKey.keys(), replaced })
      .flatMap((t) => [t.subject, t.description])
      .filter((t) => /^[\x00-\x7f]*$/.test(t));
    expect(texts.length).toBeGreaterThan(fullSweep() ? 20_000 : 3_500);
    let hits = 0;
    for (const text of texts) {
      const fast = scanField(c, text);
      expect(scanField(unicode, text)).toEqual(fast);
      hits += fast.hits.length;
    }
    expect(hits).toBeGreaterThan(fullSweep() ? 20_000 : 4_000);
  });
});

describe('phrases are normalised like the text they are matched against', () => {
  const roll: RuleIn = { id: 'roll', phrases: ['自己碌咗'], weight: 3, sets: { category: 'quality', severity: 'L1', signals: ['safety'] } };
  const policy = policyWith([roll], { normalize: { replace: [['咗', '了']] } });

  it('a phrase written with a replaced Cantonese form still matches that form in the text', () => {
    const c = classify(ticket('BB車', '架車自己碌咗落斜'), policy);
    expect(c.matches.map((m) => [m.ruleId, m.text])).toEqual([['roll', '自己碌咗']]);
  });

  it('and matches the replacement written directly', () => {
    expect(classify(ticket('BB車', '架車自己碌了落斜'), policy).signals).toContain('safety');
  });
});

describe('phrase regexes stay small enough for V8 to optimise them', () => {
  it('the default policy, widened into both scripts, compiles to regexes under 20 KB of source each', () => {
    const c = compileRules(widenedPolicy);
    expect(c.asciiPhraseRes.length).toBeGreaterThan(1);
    for (const re of [...c.phraseRes, ...c.asciiPhraseRes]) expect(re.source.length).toBeLessThan(20 * 1024);
  });

  it('packs the first-character groups into as few regexes as the limit allows (each is one more scan)', () => {
    const c = compileRules(widenedPolicy);
    for (const res of [c.phraseRes, c.asciiPhraseRes])
      for (let i = 0; i + 1 < res.length; i++) expect(res[i].source.length + res[i + 1].source.length).toBeGreaterThan(18_000);
  });

  it('split or not, a scan finds the same hits and cues', () => {
    const c = compileRules(defaultPolicy);
    const single = {
      ...c,
      phraseRes: buildPhraseRegexes(c.byKey.keys(), 'giu', false, Infinity),
      asciiPhraseRes: buildPhraseRegexes(c.byKey.keys(), 'gi', true, Infinity),
    };
    expect(single.asciiPhraseRes.length).toBe(1);
    for (const text of [
      'The plug sparked, no smoke though. I called twice already.',
      '插头冒烟了，不是蒸汽。我已经联系过你们三次。',
      'It is just steam — the kettle smoking? No sparks.',
    ])
      expect(scanField(c, text)).toEqual(scanField(single, text));
  });
});

describe('shorter phrases at the same start', () => {
  const rule = (id: string, phrases: string[]): RuleIn => ({ id, phrases, sets: { category: 'quality' } });
  const c = compileRules(
    policyWith([rule('a', ['冒烟了吗']), rule('b', ['冒烟']), rule('c', ['冒烟了']), rule('d', ['第2']), rule('e', ['第2次'])]),
  );

  it('are checked as written: every key the text holds there is a hit, with its span', () => {
    expect(c.byKey.get('冒烟')!.asWritten).toBe(true);
    const hits = scanField(c, '插头冒烟了吗？第2次').hits.map((h) => [c.rules[h.rule].id, h.start, h.end, h.text]);
    expect(hits).toEqual([
      ['a', 2, 6, '冒烟了吗'],
      ['c', 2, 5, '冒烟了'],
      ['b', 2, 4, '冒烟'],
      ['e', 7, 10, '第2次'],
      ['d', 7, 9, '第2'],
    ]);
    // No regex was compiled for them.
    expect(c.byKey.get('冒烟')!.sticky).toBeNull();
  });

  it('keep the word boundary after a key that ends in a word character', () => {
    const hits = scanField(c, '第23次').hits.map((h) => c.rules[h.rule].id);
    expect(hits).toEqual([]);
  });
});
