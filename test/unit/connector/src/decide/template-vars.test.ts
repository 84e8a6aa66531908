import { renderNote, renderScript, renderTemplate } from '../../../../../policies/src/engine';
import { NOTE_IDS, SCRIPT_STAGE_IDS } from '../../../../../policies/src/ids';
import { templateVars } from '../../../../../connector/src/decide/template-vars';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { projection, T0 } from '../../../../fixtures/connector-core/projection';

const policy = loadPolicy();
const M = 60_000;
const placeholders = (text: string) => text.match(/\[[a-z_]+\]/g) ?? [];

describe('templateVars', () => {
  it('fills every ticket variable from the projection and the policy, in the given locale', () => {
    const p = projection(
      policy,
      { fields: { product_model: 'R3 电饭煲', purchase_date: '2026-11-01' } },
      { group: 'specialists', tier: 'specialist' },
    );
    const v = templateVars(p, policy, { locale: 'en', now: T0 + M, agentName: 'Lin' });
    expect(v).toMatchObject({
      customer_name: '王女士',
      agent_name: 'Lin',
      ticket_id: '101',
      product: 'R3 电饭煲',
      category: 'Product quality',
      severity: 'L2 important',
      signals: '-',
      group: 'Specialists',
      tier: 'Specialist team',
      company: policy.company,
      csat_question: 'On a scale of 1 to 5, how satisfied are you with how we handled this?',
      csat_min: 1,
      csat_max: 5,
    });
    // L2, calendar clock in Asia/Shanghai: respond 4 h, resolve 48 h after 10:00 local.
    expect(v.respond_by).toBe('2026-11-23 14:00 (Asia/Shanghai)');
    expect(v.resolve_by).toBe('2026-11-25 10:00 (Asia/Shanghai)');
    expect(v.deadline).toBe(v.respond_by);
    // No remedy chosen: the first choice of the matching matrix entry.
    expect(v.remedy).toBe(
      policy.remedies.matrix.find((e) => e.categories.includes('quality') && e.severities.includes('L2'))!.options[0].label.en,
    );
  });

  it('missing_fields lists the missing intake labels joined the way the locale writes a list', () => {
    const p = projection(policy);
    const en = templateVars(p, policy, { locale: 'en', now: T0 });
    const zh = templateVars(p, policy, { locale: 'zh-CN', now: T0 });
    const f = policy.intake.fields;
    expect(en.missing_fields).toContain(`${f.product_model.label.en}, ${f.product_batch.label.en}`);
    expect(en.missing_fields).toMatch(/, and [^,]+$/);
    expect(zh.missing_fields).toContain(`${f.product_model.label['zh-CN']}、${f.product_batch.label['zh-CN']}`);
    expect(zh.missing_fields).not.toContain(f.customer_name.label['zh-CN']); // the name is on the ticket
  });

  it('deadline is the first-response deadline until the agent replied, then the resolution deadline', () => {
    const replied = projection(policy, {}, { firstAgentReplyAt: new Date(T0 + 30 * M).toISOString() });
    const v = templateVars(replied, policy, { locale: 'zh-CN', now: T0 + 31 * M });
    expect(v.deadline).toBe(v.resolve_by);
  });

  it('product comes from the field the policy names (intake.productField), not from a fixed key', () => {
    const renamed = loadPolicy((raw) => {
      raw.intake.fields.model_no = {
        label: { en: 'Model', 'zh-CN': '型号', 'zh-TW': '型號' },
        source: { kind: 'field', field: 'model_no' },
      };
      raw.intake.productField = 'model_no';
    });
    const p = projection(renamed, { fields: { model_no: 'K-200', product_model: 'ignored' } });
    expect(templateVars(p, renamed, { locale: 'en', now: T0 }).product).toBe('K-200');
    const none = loadPolicy((raw) => {
      delete raw.intake.productField;
    });
    expect(templateVars(projection(none, { fields: { product_model: 'R3' } }), none, { locale: 'en', now: T0 }).product).toBeUndefined();
  });

  it('csat_question states the policy scale (followUp.csatScale fills {{csat_min}} / {{csat_max}})', () => {
    const ten = loadPolicy((raw) => {
      raw.followUp.csatScale = { min: 0, max: 10 };
    });
    const v = templateVars(projection(ten), ten, { locale: 'zh-CN', now: T0 });
    expect(v.csat_question).toBe('请问您对本次处理的满意度是几分（0-10 分）？');
    expect(v).toMatchObject({ csat_min: 0, csat_max: 10 });
  });

  it('a chosen remedy is the remedy the scripts propose', () => {
    const p = projection(policy, {}, { remedy: { rejections: 0, chosen: { rank: 'second', at: '', by: 'a1', approval: 'not_needed' } } });
    const v = templateVars(p, policy, { locale: 'en', now: T0 });
    const entry = policy.remedies.matrix.find((e) => e.categories.includes('quality') && e.severities.includes('L2'))!;
    expect(v.remedy).toBe(entry.options[1].label.en);
  });

  it('every script renders without a placeholder when the ticket has its data; notes only lack their own facts', () => {
    const p = projection(policy, { fields: { product_model: 'R3' } }, { group: 'front_line' });
    for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
      const v = templateVars(p, policy, { locale, now: T0, agentName: 'Lin' });
      for (const id of SCRIPT_STAGE_IDS) expect([id, placeholders(renderScript(policy, id, locale, v))]).toEqual([id, []]);
      // Note-specific variables are added by each note's caller; everything else is known here.
      const own = new Set([
        '[matches]',
        '[rule]',
        '[reason]',
        '[batch]',
        '[count]',
        '[days]',
        '[percent]',
        '[evidence_hash]',
        '[decision]',
        '[script]',
      ]);
      for (const id of NOTE_IDS) expect([id, placeholders(renderNote(policy, id, locale, v)).filter((x) => !own.has(x))]).toEqual([id, []]);
    }
    expect(renderTemplate('{{unknown_one}}', templateVars(p, policy, { locale: 'en', now: T0 }))).toBe('[unknown_one]');
  });
});

describe('one time zone per reader', () => {
  const zoned = { ...policy, timeZones: { agents: 'Asia/Taipei', customers: 'America/New_York', notes: 'Europe/London' } };

  it("scripts carry deadlines in the customers' zone, notes in the notes' zone; each says which", () => {
    const p = projection(zoned);
    const forCustomer = templateVars(p, zoned, { locale: 'en', now: T0, reader: 'customers' });
    const forNote = templateVars(p, zoned, { locale: 'en', now: T0 });
    // L2 respond deadline 14:00 in Asia/Shanghai = 06:00 UTC = 01:00 in New York, 06:00 in London (November).
    expect(forCustomer.respond_by).toBe('2026-11-23 01:00 (Eastern Standard Time)');
    expect(forNote.respond_by).toBe('2026-11-23 06:00 (Europe/London)');
    expect(renderScript(zoned, 'acknowledge', 'en', forCustomer)).toContain('(Eastern Standard Time)');
    expect(renderScript(zoned, 'acknowledge', 'en', forCustomer)).not.toContain('America/New_York');
  });

  it("a policy that names no zones uses the calendar of the ticket's severity", () => {
    const { timeZones: _omit, ...rest } = policy;
    const bare = { ...rest, timeZones: {} } as typeof policy;
    const v = templateVars(projection(bare), bare, { locale: 'en', now: T0, reader: 'customers' });
    expect(v.respond_by).toBe('2026-11-23 14:00 (China Standard Time)');
  });

  it('customer-facing deadlines name the zone in words of the ticket locale, never the IANA id', () => {
    const p = projection(policy);
    const by = (locale: 'en' | 'zh-CN' | 'zh-TW') => templateVars(p, policy, { locale, now: T0, reader: 'customers' }).respond_by as string;
    expect(by('en')).toMatch(/ \(China Standard Time\)$/);
    expect(by('zh-CN')).toMatch(/ \(中国标准时间\)$/);
    expect(by('zh-TW')).toMatch(/ \(中國標準時間\)$/);
    // Notes (agents) keep the IANA id.
    expect(templateVars(p, policy, { locale: 'zh-CN', now: T0 }).respond_by).toMatch(/\((?:Asia\/Shanghai)\)$/);
  });
});
