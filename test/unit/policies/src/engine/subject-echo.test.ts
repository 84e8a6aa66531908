/**
 * A subject that only echoes words a cue cancelled in the body is cancelled too, for rules that set
 * only signals forcing no severity; a hazard named in the subject stands. Rules alone (no model), the
 * default policy widened into both Chinese scripts as the server does.
 */
import { classify } from '../../../../../policies/src/engine';
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { echoKey, echoKeys, echoRules } from '../../../../../policies/src/engine/subject-echo';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import { loadPolicy } from '../../../../support/test-policy';

const policy = expandScripts(loadPolicy());
const signalsOf = (subject: string, description: string) => classify({ id: 't', subject, description }, policy).signals;

describe('subject echo', () => {
  it('cancels a platform in the subject that the body names as a source', () => {
    expect(signalsOf('Reddit thread', 'Saw on Reddit that the 2.3 update fixes the echo. How do I install it?')).not.toContain('media');
    expect(signalsOf('PTT討論', '在PTT看到有人說這款耳機會斷線，我的也是，要怎麼處理？')).not.toContain('media');
  });

  it('cancels a regulator in the subject that the body only cites', () => {
    expect(
      signalsOf('Trading Standards question', 'Under Trading Standards rules I can reject it within 30 days, so please refund me.'),
    ).not.toContain('regulator');
  });

  it('keeps a subject threat in other words than the cued body match', () => {
    expect(signalsOf('Posting on Twitter tonight', 'Saw on Reddit that this update breaks the echo fix. Mine is broken too.')).toContain(
      'media',
    );
  });

  it('keeps the subject when the body match is not cued', () => {
    expect(signalsOf('Reddit', 'Fix the earbuds by Friday or the whole story goes on Reddit.')).toContain('media');
  });

  it('never cancels a hazard named in the subject', () => {
    const body = 'Is that normal? I read online that new toasters smoke a bit the first time.';
    expect(classify({ id: 't', subject: 'Toaster', description: body }, policy).signals).not.toContain('safety');
    expect(signalsOf('Smoke from the toaster', body)).toContain('safety');
  });

  it('selects only rules that set signals forcing no severity', () => {
    const c = compileRules(policy);
    const rules = echoRules(policy, c);
    const ids = [...rules].map((i) => c.rules[i].id);
    expect(ids).toEqual(expect.arrayContaining(['legal', 'media', 'regulator', 'repeat_contact']));
    expect(ids.some((id) => id.startsWith('safety_'))).toBe(false);
    const media = c.rules.findIndex((r) => r.id === 'media');
    expect(echoKeys(rules, [{ rule: media, text: 'ＲＥＤＤＩＴ' }])).toEqual(new Set([echoKey(media, 'reddit')]));
  });
});
