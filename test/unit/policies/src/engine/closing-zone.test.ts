import { classify } from '../../../../../policies/src/engine';
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { scanField } from '../../../../../policies/src/engine/scan-field';
import { cueSetProblemPaths, policyWith, signatureCue, ticket, type RuleIn } from './classify-kit';

// A closing cue: the lines after a sign-off are a signature, where a job title or a disclaimer names no threat.
const legal: RuleIn = { id: 'legal', phrases: ['paralegal', 'lawyer', 'attorney', '律师'], sets: { signals: ['legal'] } };
const media: RuleIn = { id: 'media', phrases: ['press office', '媒体'], sets: { signals: ['media'] } };
const policy = policyWith([legal, media], { cues: [signatureCue] as any });
const signals = (description: string) => classify(ticket('Order 4471', description), policy).signals;

describe('closing cues: a signature after a sign-off names no threat', () => {
  it('a job title or an employer after the sign-off raises nothing', () => {
    expect(signals('The desk arrived with a cracked leg.\n\nKind regards,\nRachel Moore\nParalegal | Steinberg & Cole')).toEqual([]);
    expect(signals('桌腿裂了，请换一张。\n\n此致\n集团新闻办公室 Press Office\n媒体联络：press@example.cn')).toEqual([]);
  });

  it('the cue is inert where it does not stand at the start of its own line', () => {
    // Without the cue set the same texts raise the threat, so the cases above test the cue.
    expect(classify(ticket('Order 4471', 'Kind regards,\nRachel Moore\nParalegal'), policyWith([legal, media])).signals).toEqual(['legal']);
    expect(signals('The desk is fine, thanks\nParalegal')).toEqual(['legal']);
    expect(signals('Thanks for nothing at all, really, truly nothing.\nParalegal')).toEqual(['legal']);
  });

  it('a threat in the body, or on the sign-off line itself, stands', () => {
    expect(signals('My lawyer has the photos.\n\nKind regards,\nRachel')).toEqual(['legal']);
    expect(signals('Thanks, my lawyer\nRachel')).toEqual(['legal']);
  });

  it('a P.S., a quote or a forwarded message ends the signature', () => {
    expect(signals('Cracked leg.\n\nThanks,\nTom\n\nP.S. Our attorney has a copy.')).toEqual(['legal']);
    expect(signals('Any news?\n\nThanks,\nTom\n\n> Your attorney can call us.')).toEqual(['legal']);
    expect(signals('请看下面。\n\n此致\n张律所 助理\n\n以下为转发内容\n再不退款，媒体见。')).toEqual(['media']);
  });

  it('the sender speaking again after the sign-off keeps the threat', () => {
    expect(signals('Cracked leg.\n\nThanks,\nTom\nOtherwise the attorney hears about it.')).toEqual(['legal']);
    expect(signals('桌腿裂了。\n\n此致\n王先生\n不解决我会找媒体。')).toEqual(['media']);
  });

  it('"until" and "keepWith" belong to a closing cue only: elsewhere the policy is refused with the path', () => {
    expect(cueSetProblemPaths([{ ...signatureCue, position: 'after' }])).toContain('classification.cues[0]');
  });
});

describe('closing cues on a long text: each signature is looked for once, not once per match', () => {
  // A text of sign-offs and threat words, each alternating (a webhook may carry a megabyte of it). The signature
  // search (the `until` and `keepWith` regexes) must run a bounded number of times per sign-off, not once for every
  // pair of a sign-off and a later match, which made such a ticket take seconds.
  const signOffs = 60;
  const text = 'Order 4471.\n' + 'Thanks,\nParalegal\n'.repeat(signOffs);

  it('the regexes run at most twice per sign-off, and every match in a signature is cancelled', () => {
    const compiled = compileRules(policy);
    const calls = { n: 0 };
    const cue = compiled.cues.find((c) => c.id === 'signature_not_threat')!;
    for (const re of [cue.until!, cue.keepWith!]) {
      const exec = re.exec.bind(re);
      re.exec = (s: string) => {
        calls.n++;
        return exec(s);
      };
    }
    try {
      const scan = scanField(compiled, text);
      expect(scan.hits.filter((h) => compiled.rules[h.rule].id === 'legal')).toEqual([]);
      expect(scan.cued).toHaveLength(signOffs);
    } finally {
      delete (cue.until as { exec?: unknown }).exec;
      delete (cue.keepWith as { exec?: unknown }).exec;
    }
    expect(calls.n).toBeLessThanOrEqual(2 * signOffs);
  });

  it('the last sign-off before a match decides: a keepWith phrase after an earlier one ends that signature only', () => {
    expect(signals('Thanks,\nmy note\nThanks,\nParalegal')).toEqual([]);
    expect(signals('Thanks,\nParalegal\nmy lawyer')).toEqual(['legal']);
  });
});
