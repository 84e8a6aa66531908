/**
 * Personal-safety hazards outside the electrical and fire family (domain.md §4, §5, §11): food that
 * made someone ill, skin reactions, cuts and crush injuries, a child biting or swallowing something.
 * Each family has its own rule per script (safety_food_*, safety_skin_*, safety_cut_*,
 * safety_swallow_*); every case says whether the safety signal is raised and, when it is, which of
 * those rules must have found it. The traps are the same words in a harmless sense (a price cut, sick
 * of waiting, 割韭菜, a question or a warning label). Tickets are made up for these tests (not taken from
 * any evaluation set). Rules alone, with the phrases widened into both Chinese scripts as the server
 * does (expand-scripts.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../../../../../policies/src/engine';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import { loadPolicy } from '../../../../support/test-policy';

type Case = { id: string; subject: string; description: string; check: { present: boolean; rule?: string } };

const HAZARD_RULE = /^safety_(?:food|skin|cut|swallow)_(?:en|zh)$/;

const cases: Case[] = fs
  .readFileSync(path.resolve(__dirname, '../../../../fixtures/policies/hazard-cases.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

describe('default policy hazards outside electrical and fire (rules alone)', () => {
  const policy = expandScripts(loadPolicy());

  it('checks every hazard rule both ways', () => {
    const ids = policy.classification.rules.map((r) => r.id).filter((id) => HAZARD_RULE.test(id));
    expect(ids).toHaveLength(8);
    for (const id of ids) {
      expect(cases.filter((c) => c.check.rule === id).length).toBeGreaterThan(0);
      const script = id.endsWith('_zh') ? /[\u4e00-\u9fff]/ : /^[\x00-\x7f’]*$/;
      const family = id.replace(/^safety_|_(?:en|zh)$/g, '');
      const traps = cases.filter((c) => !c.check.present && c.id.startsWith(`${family}-`) && script.test(c.description));
      expect(traps.length).toBeGreaterThan(0);
    }
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const got = classify({ id: c.id, subject: c.subject, description: c.description }, policy);
    const hazardRules = [...new Set(got.matches.map((m) => m.ruleId).filter((id) => HAZARD_RULE.test(id)))];
    expect({ id: c.id, safety: got.signals.includes('safety') }).toEqual({ id: c.id, safety: c.check.present });
    if (c.check.present) expect(got.severity).toBe('L1');
    if (c.check.rule) expect(hazardRules).toContain(c.check.rule);
    else expect(hazardRules).toEqual([]);
  });
});
