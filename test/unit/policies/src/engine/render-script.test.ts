import defaultJson from '../../../../../policies/default.json';
import { renderNote, renderScript, renderTemplate, scriptsFor, stageOf } from '../../../../../policies/src/engine/render-script';
import { LOCALES, NOTE_IDS, SCRIPT_STAGE_IDS, TEMPLATE_VARIABLES } from '../../../../../policies/src/ids';
import type { Policy, ScriptStage } from '../../../../../policies/src/types';
import { validatePolicy } from '../../../../../policies/src/validate-policy';
import fs from 'node:fs';
import path from 'node:path';

const r = validatePolicy(defaultJson);
if (!r.ok) throw new Error('default policy invalid');
const policy: Policy = r.policy;
const allVars = Object.fromEntries(TEMPLATE_VARIABLES.map((v) => [v, `<${v}>`]));

describe('renderTemplate', () => {
  test('fills variables with or without spaces inside the braces; numbers become text', () => {
    expect(
      renderTemplate('Hi {{customer_name}}, #{{ ticket_id }} at {{percent}}%', { customer_name: 'Ana', ticket_id: 42, percent: 75 }),
    ).toBe('Hi Ana, #42 at 75%');
  });

  test('a missing, null or empty variable is a visible placeholder, never "undefined"', () => {
    const out = renderTemplate('Hi {{customer_name}}, your {{product}} {{deadline}}', { product: '', deadline: null as unknown as string });
    expect(out).toBe('Hi [customer_name], your [product] [deadline]');
    expect(out).not.toContain('undefined');
  });

  test('prototype names are not read from Object.prototype', () => {
    expect(renderTemplate('{{constructor}} {{toString}} {{__proto__}}', {})).toBe('[constructor] [toString] [__proto__]');
  });

  test('a value containing braces is not rendered again', () => {
    expect(renderTemplate('{{customer_name}}', { customer_name: '{{ticket_id}}' })).toBe('{{ticket_id}}');
  });
});

describe('renderScript / renderNote', () => {
  test('every script and note renders completely in every locale when all variables are given', () => {
    for (const locale of LOCALES) {
      for (const id of SCRIPT_STAGE_IDS) {
        const text = renderScript(policy, id, locale, allVars);
        expect(text).not.toMatch(/\{\{|\}\}|undefined/);
        expect(text.length).toBeGreaterThan(10);
      }
      for (const id of NOTE_IDS) expect(renderNote(policy, id, locale, allVars)).not.toMatch(/\{\{|\}\}|undefined/);
    }
  });

  test('acknowledge in zh-CN', () => {
    const text = renderScript(policy, 'acknowledge', 'zh-CN', {
      customer_name: '王女士',
      product: '电饭煲',
      ticket_id: '1001',
      deadline: '11月22日 18:00',
    });
    expect(text).toBe(
      '王女士您好，感谢您的反馈，给您添麻烦了，非常抱歉。您的电饭煲问题已登记为工单 #1001，我们会在 11月22日 18:00 前给您答复。',
    );
  });

  test('notes use the note template of the locale', () => {
    expect(renderNote(policy, 'sla_warning', 'en', { percent: 75, rule: 'respond', deadline: '12:00' })).toBe(
      'Complaint Desk: 75% of the respond time is used; due 12:00.',
    );
  });

  test('the renderer stays browser-safe: no zod or schema imports', () => {
    const src = fs.readFileSync(path.join(__dirname, '../../../../../policies/src/engine/render-script.ts'), 'utf8');
    expect(src).not.toMatch(/from ['"](zod|node:|.*schema)/);
  });
});

describe('scriptsFor / stageOf', () => {
  test('scripts whose stages include the stage, in policy order, labelled', () => {
    const ids = (stage: ScriptStage) => scriptsFor(stage, policy, 'en', allVars).map((s) => s.id);
    expect(ids('new')).toEqual(['acknowledge', 'empathise', 'guide']);
    expect(ids('working')).toEqual(['empathise', 'guide', 'commit', 'progress', 'propose_remedy']);
    expect(ids('remedy')).toEqual(['propose_remedy']);
    expect(ids('solved')).toEqual(['follow_up']);
    expect(ids('suspect')).toEqual(['malicious_calm']);
    const [first] = scriptsFor('suspect', policy, 'zh-TW', { remedy: 'X' });
    expect(first.label).toBe(policy.scripts.malicious_calm.label['zh-TW']);
    expect(first.text).toContain('X');
  });

  test('stageOf', () => {
    expect(stageOf({ status: 'new', firstAgentReplyAt: null, suspected: false, remedyProposed: false })).toBe('new');
    expect(stageOf({ status: 'open', firstAgentReplyAt: '2026-11-22T10:00:00Z', suspected: false, remedyProposed: false })).toBe('working');
    expect(stageOf({ status: 'pending', firstAgentReplyAt: '2026-11-22T10:00:00Z', suspected: false, remedyProposed: true })).toBe(
      'remedy',
    );
    expect(stageOf({ status: 'open', firstAgentReplyAt: null, suspected: true, remedyProposed: true })).toBe('suspect');
    expect(stageOf({ status: 'solved', firstAgentReplyAt: null, suspected: true, remedyProposed: false })).toBe('solved');
    expect(stageOf({ status: 'closed', firstAgentReplyAt: '2026-11-22T10:00:00Z', suspected: false, remedyProposed: false })).toBe(
      'solved',
    );
  });
});
