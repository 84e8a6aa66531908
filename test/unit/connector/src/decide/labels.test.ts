/** The classification note's "why" is in the policy's language, from its labels, templates and the matched text. */
import { classify } from '../../../../../policies/src/engine';
import { decideTicketCreated } from '../../../../../connector/src/decide/decide-ticket-created';
import { matchesText } from '../../../../../connector/src/decide/labels';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { T0, ticket } from '../../../../fixtures/connector-core/projection';

const facts = (policy: { version: string }) => ({ host: 'zendesk' as const, policyVersion: policy.version, requesterComplaints: () => 1 });
const nothingMatches = ticket({ subject: '你好', description: '请联系我。' });

describe('matchesText and the classification note', () => {
  it('with matches: the distinct matched texts, quoted', () => {
    const policy = loadPolicy();
    const c = classify(ticket({ subject: '电饭煲漏电', description: '怀疑漏电。' }), policy);
    expect(matchesText(c)).toContain('"漏电"');
    expect(matchesText(c).match(/"漏电"/g)).toHaveLength(1);
  });

  it('nothing matched: the note explains the default category in the policy language (zh-CN), with its labels', () => {
    const policy = loadPolicy();
    const c = classify(nothingMatches, policy);
    expect(c.matches).toEqual([]);
    const why = matchesText(c);
    expect(why).toContain(policy.categories[c.category].label['zh-CN']);
    expect(why).toContain('故采用默认类别');
    expect(why).not.toMatch(/[A-Za-z]{3,}/);
    const d = decideTicketCreated(null, nothingMatches, policy, T0, facts(policy));
    expect(d.change?.note?.body).toContain(`依据：${why}`);
  });

  it('the wording follows the policy: an en default locale or reworded template changes the note', () => {
    const en = loadPolicy((raw) => {
      raw.defaultLocale = 'en';
    });
    expect(matchesText(classify(nothingMatches, en))).toMatch(
      /^Other: the best score 0 is below the minimum \d+(\.\d+)?, so the default category applies\.$/,
    );
    const reworded = loadPolicy((raw) => {
      raw.explanations.categoryDefault['zh-CN'] = '无规则命中，默认归入{{category}}。';
    });
    const d = decideTicketCreated(null, nothingMatches, reworded, T0, facts(reworded));
    expect(d.change?.note?.body).toContain(
      `依据：无规则命中，默认归入${reworded.categories[reworded.classification.defaultCategory].label['zh-CN']}。`,
    );
  });
});
