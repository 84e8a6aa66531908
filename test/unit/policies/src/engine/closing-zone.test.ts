import { classify } from '../../../../../policies/src/engine';
import { validatePolicy } from '../../../../../policies/src/validate-policy';
import { base, policyWith, ticket, type RuleIn } from './classify-kit';

// A closing cue: the lines after a sign-off are a signature, where a job title or a disclaimer names no threat.
const legal: RuleIn = { id: 'legal', phrases: ['paralegal', 'lawyer', 'attorney', '律师'], sets: { signals: ['legal'] } };
const media: RuleIn = { id: 'media', phrases: ['press office', '媒体'], sets: { signals: ['media'] } };
const signature = {
  id: 'signature_not_threat',
  kind: 'harmless',
  position: 'closing',
  windowChars: 30,
  phrases: ['kind regards', 'thanks', '此致'],
  until: ['p.s', '>', 'from:', '以下'],
  keepWith: ['i', 'my', 'otherwise', '我会'],
  signals: ['legal', 'media'],
} as const;
const policy = policyWith([legal, media], { cues: [signature] as any });
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
    const doc = JSON.parse(JSON.stringify(base));
    doc.classification.cues = [{ ...signature, position: 'after' }];
    const r = validatePolicy(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toContain('classification.cues[0]');
  });
});
