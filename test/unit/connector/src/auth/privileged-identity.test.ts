import { privilegedIdentityProblem } from '../../../../../connector/src/auth/privileged-identity';

describe('privilegedIdentityProblem', () => {
  const signed = { zendesk: 'signed' as const, freshdesk: 'claimed' as const };
  it('on Zendesk with signed: only an id Zendesk vouched for passes', () => {
    expect(privilegedIdentityProblem(signed, 'zendesk', { idVouchedBy: 'zendesk' }, 'approving a remedy')).toBeNull();
    expect(privilegedIdentityProblem(signed, 'zendesk', {}, 'approving a remedy')).toContain('signed mode');
    expect(privilegedIdentityProblem(signed, 'zendesk', undefined, 'exporting evidence')).toMatch(
      /^exporting evidence on a Zendesk ticket/,
    );
    expect(privilegedIdentityProblem({ ...signed, zendesk: 'claimed' }, 'zendesk', {}, 'approving a remedy')).toBeNull();
  });
  it('Freshdesk takes the claimed id unless refused; the sandbox is local', () => {
    expect(privilegedIdentityProblem(signed, 'freshdesk', {}, 'approving a remedy')).toBeNull();
    expect(privilegedIdentityProblem({ ...signed, freshdesk: 'refuse' }, 'freshdesk', {}, 'recording an evidence review')).toContain(
      'FRESHDESK_PRIVILEGED_IDENTITY=refuse',
    );
    expect(privilegedIdentityProblem({ zendesk: 'signed', freshdesk: 'refuse' }, 'sandbox', {}, 'approving a remedy')).toBeNull();
  });
});
