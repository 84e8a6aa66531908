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

describe('footers: a closing cue set whose footer line opens a signature with no sign-off above it', () => {
  const footerCue = { ...signatureCue, footers: ['follow us', 'registered office', '关注我们'] };
  const withFooters = policyWith([legal, media], { cues: [footerCue] as any });
  const footed = (description: string) => classify(ticket('Order 4471', description), withFooters).signals;

  it('the footer line and the lines below it raise nothing', () => {
    const en = 'The desk arrived with a cracked leg.\n\nFollow us: Press Office news at example.com\nCounsel: Paralegal team';
    const zh = '桌腿裂了，请换一张。\n\n关注我们：集团媒体中心\n媒体合作请来信';
    // Without footers (the sign-offs alone) the same texts raise the threats, so these cases test the footers.
    expect(signals(en)).toEqual(['legal', 'media']);
    expect(signals(zh)).toEqual(['media']);
    expect(footed(en)).toEqual([]);
    expect(footed(zh)).toEqual([]);
  });

  it('the company-name lines above a footer in its paragraph belong to it, unless one ends a sentence', () => {
    expect(footed('Cracked leg.\n\nSteinberg & Cole LLP · Paralegal services\nRegistered office: 1 Main St')).toEqual([]);
    expect(footed('Cracked leg.\n\nMy paralegal has the photos.\nRegistered office: 1 Main St')).toEqual(['legal']);
    // The field's first paragraph is the sender's: a footer line there takes nothing above it.
    expect(footed('Paralegal letter coming\nRegistered office: 1 Main St')).toEqual(['legal']);
  });

  it('a footer on the first line opens nothing; a threat above a footer, or the sender speaking again, stands', () => {
    expect(footed('Follow us: our lawyer explains returns')).toEqual(['legal']);
    expect(footed('Our attorney has the photos.\n\nFollow us on Instagram')).toEqual(['legal']);
    expect(footed('Cracked leg.\n\nFollow us or my lawyer calls you')).toEqual(['legal']);
    expect(footed('Cracked leg.\n\nFollow us\n> Your attorney can call us.')).toEqual(['legal']);
  });

  it('a footer reaches no further than its block: a sentence after it, or after a form line, is the sender again', () => {
    expect(footed('Cracked leg.\n\nFollow us on Instagram\nThe attorney letter went out today.')).toEqual(['legal']);
    const form = policyWith([legal, media], { cues: [{ ...footerCue, footers: ['phone:'] }] as any });
    const formSignals = (d: string) => classify(ticket('Order 4471', d), form).signals;
    expect(formSignals('Name: Tom\nPhone: 0770 900123\nAttorney letter sent today.')).toEqual(['legal']);
    expect(formSignals('Cracked leg.\n\nTom Reed | Paralegal\nPhone: 0770 900123')).toEqual([]);
  });

  it('"footers" belong to a closing cue only: elsewhere the policy is refused with the path', () => {
    expect(cueSetProblemPaths([{ ...footerCue, position: 'after', until: undefined, keepWith: undefined }])).toContain(
      'classification.cues[0]',
    );
  });

  it('a text of many footer blocks: every threat word in them is cancelled', () => {
    const blocks = 400;
    const text = 'Order 4471.\n\n' + 'Acme Ltd\nPress Office\nRegistered office: Paralegal desk\n\n'.repeat(blocks);
    const compiled = compileRules(withFooters);
    const scan = scanField(compiled, text);
    expect(scan.hits.filter((h) => ['legal', 'media'].includes(compiled.rules[h.rule].id))).toEqual([]);
    expect(scan.cued).toHaveLength(2 * blocks);
  });
});
