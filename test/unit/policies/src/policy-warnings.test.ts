/** `policy check` warnings and script rules: placeholders, internal labels, CJK punctuation, remedy ordering. */
import { renderScript } from '../../../../policies/src/engine';
import { ALWAYS_FILLED_VARIABLES, LOCALES, SCRIPT_STAGE_IDS } from '../../../../policies/src/ids';
import { policyWarnings } from '../../../../policies/src/policy-warnings';
import { validatePolicy } from '../../../../policies/src/validate-policy';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy } from '../../../support/test-policy';

const rawPolicy = (): Record<string, any> => JSON.parse(readFileSync(join(__dirname, '../../../../policies/default.json'), 'utf8'));

const policy = loadPolicy();

test('the default policy has no warnings', () => {
  expect(policyWarnings(policy)).toEqual([]);
});

test('every default script renders with nothing known but the always-filled variables: no [placeholder], no intake label', () => {
  const vars = Object.fromEntries(ALWAYS_FILLED_VARIABLES.map((v) => [v, `<${v}>`]));
  for (const id of SCRIPT_STAGE_IDS) {
    for (const locale of LOCALES) {
      const text = renderScript(policy, id, locale, vars);
      expect([id, locale, text.match(/\[[a-z_]+\]/g)]).toEqual([id, locale, null]);
      for (const f of Object.values(policy.intake.fields))
        if (f.ask) expect([id, locale, text.includes(`${f.label[locale]}?`)]).toEqual([id, locale, false]);
    }
  }
});

test('a script that could show a placeholder or an internal label is rejected, with the fix', () => {
  const raw = rawPolicy();
  raw.scripts.guide.template.en = 'Please send us: {{missing_fields}}';
  delete raw.templateFallbacks.product;
  const r = validatePolicy(raw);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  const at = (path: string) =>
    r.problems
      .filter((p) => p.path === path)
      .map((p) => p.message)
      .join(' | ');
  expect(at('scripts.guide.template.en')).toContain('{{missing_fields}} would show the customer an internal label');
  expect(at('scripts.acknowledge.template.en')).toContain('{{product}} can be unknown on a ticket and has no fallback wording');
  expect(r.problems.find((p) => p.path === 'scripts.acknowledge.template.en')!.hint).toContain('templateFallbacks.product');
});

test('ASCII punctuation between Chinese characters is a warning naming the full-width mark', () => {
  const raw = rawPolicy();
  raw.scripts.commit.template['zh-TW'] = '我會親自跟進,並在 {{deadline}} 前給您明確答覆。';
  const r = validatePolicy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const w = policyWarnings(r.policy);
  expect(w).toHaveLength(1);
  expect(w[0]).toMatchObject({ path: 'scripts.commit.template["zh-TW"]', hint: 'use the full-width "，" in Chinese text' });
});

test('remedy options ordered against their amounts are a warning', () => {
  const raw = rawPolicy();
  const opts = raw.remedies.matrix[0].options;
  opts[0].capAmount = 5000; // a first choice dearer than the refund on a CN¥100 order
  const r = validatePolicy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const w = policyWarnings(r.policy);
  expect(w.map((x) => x.path)).toEqual(['remedies.matrix[0].options[0]']);
  expect(w[0].message).toContain('on a 100 CNY order the first option may cost 5000 CNY, more than the second option (100 CNY)');
});

describe('lexicon entries that normalisation makes redundant or dead', () => {
  const warn = (edit: (raw: Record<string, any>) => void) => {
    const raw = rawPolicy();
    edit(raw);
    const r = validatePolicy(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return policyWarnings(r.policy);
  };
  const ruleAt = (raw: Record<string, any>, id: string) => raw.classification.rules.findIndex((r: { id: string }) => r.id === id);

  test('a phrase written again in its normalised form is a warning naming both entries and the fix', () => {
    let i = -1;
    const w = warn((raw) => {
      i = ruleAt(raw, 'defect_zh');
      raw.classification.rules[i].phrases.push('冇得用咗', '没有得用了');
    });
    const n = rawPolicy().classification.rules[i].phrases.length;
    expect(w).toHaveLength(1);
    expect(w[0].path).toBe(`classification.rules[${i}].phrases[${n + 1}]`);
    expect(w[0].message).toContain(`"没有得用了" is the same as classification.rules[${i}].phrases[${n}] "冇得用咗"`);
    expect(w[0].message).toContain('(both become "没有得用了")');
    expect(w[0].hint).toContain('delete one of the two');
  });

  test('duplicates are found in unless lists, cue lists and patterns, and across case and width', () => {
    let i = -1;
    const w = warn((raw) => {
      i = ruleAt(raw, 'defect_zh');
      raw.classification.rules[i].unless = [...(raw.classification.rules[i].unless ?? []), '唔係壞', '不是壞'];
      raw.classification.rules[i].patterns.push('部機(?:壞|坏)咗', '这台机(?:壞|坏)了');
      raw.classification.cues[0].phrases.push('ＰＯ文', 'po文');
    });
    expect(w.map((x) => x.path.replace(/\[\d+\]$/, ''))).toEqual([
      `classification.rules[${i}].unless`,
      `classification.rules[${i}].patterns`,
      'classification.cues[0].phrases',
    ]);
  });

  test('the same wording in two different lists is not a warning', () => {
    const w = warn((raw) => {
      const i = ruleAt(raw, 'defect_zh');
      raw.classification.rules[i].phrases.push('冇得用咗');
      raw.classification.rules[i].unless = [...(raw.classification.rules[i].unless ?? []), '没有得用了'];
    });
    expect(w).toEqual([]);
  });

  test('a pattern that needs a replaced form the normalised text never holds is a warning', () => {
    let i = -1;
    const w = warn((raw) => {
      i = ruleAt(raw, 'defect_zh');
      // The compiler keeps escapes as written; a class gains the normalised member, so it still matches.
      raw.classification.rules[i].patterns.push('\\u5514開機', '[唔不]開機', '唔開機');
    });
    expect(w.map((x) => x.path)).toEqual([`classification.rules[${i}].patterns[${rawPolicy().classification.rules[i].patterns.length}]`]);
    expect(w[0].message).toContain('needs the text "唔"');
    expect(w[0].message).toContain('turns it into "不"');
    expect(w[0].hint).toContain('write "唔" as plain characters in one piece');
  });
});

test("a closing cue set's until, keepWith and footers phrases that normalise to one another are warnings, with their paths", () => {
  const raw = rawPolicy();
  const k = raw.classification.cues.findIndex((c: { id: string }) => c.id === 'signature_not_threat');
  const cue = raw.classification.cues[k];
  cue.until.push('Ｐ.Ｓ'); // full width: NFKC and lower case make it "p.s", already listed
  cue.keepWith.push('OTHERWISE');
  cue.footers.push('Follow  US'); // spaces and case: normalised, it is "follow us", already listed
  const r = validatePolicy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const paths = policyWarnings(r.policy).map((w) => w.path);
  expect(paths).toEqual([
    `classification.cues[${k}].until[${cue.until.length - 1}]`,
    `classification.cues[${k}].keepWith[${cue.keepWith.length - 1}]`,
    `classification.cues[${k}].footers[${cue.footers.length - 1}]`,
  ]);
});
