import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readConnectorTags } from '../../../../../connector/src/sandbox/read-connector-tags';
import { validatePolicy } from '../../../../../policies/src/validate-policy';

const r = validatePolicy(JSON.parse(readFileSync(path.join(__dirname, '../../../../../policies/default.json'), 'utf8')));
if (!r.ok) throw new Error('default policy invalid');
const policy = r.policy;

describe('readConnectorTags', () => {
  it('reads category, severity, signals, the highest tier and SLA state from the policy tag prefixes', () => {
    const p = policy.tags;
    const tags = [
      'agent_tag',
      `${p.categoryPrefix}quality`,
      `${p.severityPrefix}l1`,
      `${p.signalPrefix}safety`,
      `${p.signalPrefix}legal`,
      `${p.tierPrefix}specialist`,
      `${p.tierPrefix}supervisor`,
      p.slaWarning,
      p.slaBreached,
    ];
    expect(readConnectorTags(tags, policy)).toEqual({
      category: 'quality',
      severity: 'L1',
      signals: ['safety', 'legal'],
      tier: 'supervisor',
      sla: 'breached',
    });
  });

  it('returns nulls for an unprocessed ticket and ignores unknown ids', () => {
    expect(readConnectorTags(['x', `${policy.tags.categoryPrefix}nonsense`], policy)).toEqual({
      category: null,
      severity: null,
      signals: [],
      tier: null,
      sla: null,
    });
  });
});
