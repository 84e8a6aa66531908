import { followUpTicket } from '../../../../../connector/src/decide/follow-up-ticket';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { projection, T0 } from '../../../../fixtures/connector-core/projection';

describe('followUpTicket', () => {
  it('takes its subject from the localised followUp.subject template, in the policy default locale', () => {
    const policy = loadPolicy();
    const t = followUpTicket(projection(policy), policy, T0);
    expect(t.subject).toBe('回访：投诉 #101');
    const en = loadPolicy((raw) => {
      raw.defaultLocale = 'en';
    });
    expect(followUpTicket(projection(en), en, T0).subject).toBe('Follow-up: complaint #101');
  });

  it('a reworded subject template (with other ticket variables) changes the task subject; nothing is built in code', () => {
    const policy = loadPolicy((raw) => {
      raw.followUp.subject['zh-CN'] = '{{customer_name}} 的满意度回访（{{ticket_id}}）';
    });
    const t = followUpTicket(projection(policy), policy, T0);
    expect(t.subject).toBe('王女士 的满意度回访（101）');
    expect(t).toMatchObject({ kind: 'follow_up', relatedTicketId: '101', tags: [policy.followUp.tag], group: policy.followUp.group });
  });

  it('the body asks the CSAT question on the policy scale', () => {
    const policy = loadPolicy((raw) => {
      raw.followUp.csatScale = { min: 1, max: 10 };
    });
    expect(followUpTicket(projection(policy), policy, T0).body).toContain('（1-10 分）');
  });
});
