import fs from 'node:fs';
import path from 'node:path';
import { parsePolicy, validatePolicy } from '../../../../policies/src/validate-policy';
import { rawPolicyVariant as variant, rejectedProblems as problems } from '../../../support/test-policy';

const fixtures = path.join(__dirname, '../../../fixtures/policies');
const check = (name: string) => parsePolicy(fs.readFileSync(path.join(fixtures, `${name}.json`), 'utf8'));

describe('validatePolicy: the default policy', () => {
  test('policies/default.json is valid', () => {
    const r = parsePolicy(fs.readFileSync(path.join(__dirname, '../../../../policies/default.json'), 'utf8'));
    expect(r.ok ? [] : r.problems).toEqual([]);
  });
});

describe('validatePolicy: malformed and hostile policies (test/fixtures/policies)', () => {
  // [fixture, exact path, message contains, hint contains]
  const cases: [string, string, string, string][] = [
    ['bad-json', '(line 4, column 3)', "invalid JSON: Expected ','", 'missing comma'],
    ['unknown-key', 'escalaton', 'unknown key "escalaton"', 'did you mean "escalation"?'],
    ['unknown-nested-key', 'severities.L2.respondWithinMinute', 'unknown key', 'did you mean "respondWithinMinutes"?'],
    ['wrong-enum', 'categories.quality.defaultSeverity', 'expected one of', 'use one of: "L1", "L2", "L3"'],
    ['missing-l1', 'severities.L1', 'missing required field "L1"', 'add this object field; it is required'],
    ['safety-not-l1', 'signals.safety.forcesSeverity', 'a safety signal must force "L1"', 'set it to "L1"'],
    [
      'unknown-template-variable',
      'scripts.acknowledge.template.en',
      'unknown variable {{customer_nme}}',
      'did you mean {{customer_name}}?',
    ],
    ['redos-regex', 'classification.rules[0].patterns[0]', 'nested quantifiers', '(a+)+ → a+'],
    ['back-reference', 'classification.rules[0].patterns[0]', 'back-references are not allowed', 'spell out the repeated text'],
    ['overlapping-intervals', 'calendars.office.week.mon[1]', 'interval 11:30-18:00 overlaps', 'merge overlapping ones'],
    ['bad-time-zone', 'calendars.office.timeZone', 'not an IANA time zone', '"Asia/Shanghai"'],
    [
      'deeply-nested-junk',
      'classification.rules[1].junk',
      'unknown key "junk"',
      'allowed here: id, description, phrases, patterns, unless, unlessScope, weight, inflect, sets',
    ],
    ['nested-junk', 'classification.rules[1].junk', 'unknown key "junk"', 'remove it'],
  ];
  test.each(cases)('%s → %s', (name, where, message, hint) => {
    const list = problems(check(name));
    const p = list.find((x) => x.path === where);
    expect(p).toBeDefined();
    expect(p!.message).toContain(message);
    expect(p!.hint).toContain(hint);
    expect(list).toHaveLength(1);
  });

  test('remedy matrix gap: one problem per uncovered combination, each saying what entry to add', () => {
    const list = problems(check('remedy-matrix-gap'));
    expect(list.map((p) => p.path)).toEqual(Array(6).fill('remedies.matrix'));
    expect(list.map((p) => p.message)).toContain('no entry covers category "billing", severity "L2", warranty "out"');
    expect(list[0].hint).toBe(
      'add a remedies.matrix entry whose categories include "billing", severities include "L1" and warranty includes "in", or widen an existing entry',
    );
  });

  test('__proto__ and constructor keys are refused where they stand, not silently dropped', () => {
    const list = problems(check('proto-keys'));
    expect(list.map((p) => p.path)).toEqual(['groups.__proto__', 'remedies.roles.agent.constructor']);
    expect(list[0].hint).toBe('rename or remove this key');
    expect(({} as any).polluted).toBeUndefined();
  });

  test('references to prototype names ("constructor", "toString") are unknown, not inherited', () => {
    const list = problems(check('prototype-name-reference'));
    const byPath = (p: string) => list.filter((x) => x.path === p).map((x) => x.message);
    expect(byPath('severities.L3.group')).toEqual(['unknown group "constructor"']);
    expect(byPath('severities.L2.calendar')).toContain('unknown calendar "toString"');
    expect(list.find((x) => x.path === 'severities.L3.group')!.hint).toContain('front_line, specialists, senior, supervisors, review');
  });
});

describe('validatePolicy: hints inside unions and tuples', () => {
  test('unknown keys in a discriminated-union branch are checked against that branch', () => {
    const list = problems(
      validatePolicy(
        variant((p) => {
          p.escalation.rules[4].when = { type: 'vip', cuont: 2 };
          p.intake.fields.description.source = { kind: 'description', minLenght: 3 };
          p.calendars.office.week.mon[0] = ['09:00', '08:00'];
        }),
      ),
    );
    expect(list).toEqual([
      {
        path: 'calendars.office.week.mon[0]',
        message: 'an interval must end after it starts',
        hint: expect.stringContaining('["22:00", "24:00"]'),
      },
      {
        path: 'escalation.rules[4].when.cuont',
        message: 'unknown key "cuont"',
        hint: 'remove it (not part of the policy language; allowed here: type)',
      },
      {
        path: 'intake.fields.description.source.minLength',
        message: 'missing required field "minLength"',
        hint: 'add this number field; it is required',
      },
      {
        path: 'intake.fields.description.source.minLenght',
        message: 'unknown key "minLenght"',
        hint: 'did you mean "minLength"? Rename it, or remove it',
      },
    ]);
  });
});

describe('validatePolicy: roles, history window, explanations, follow-up subject and CSAT scale', () => {
  const only = (p: unknown) => problems(validatePolicy(p));

  test('every role names the tier its approvals escalate to (remedies.roles.*.escalateTo)', () => {
    const missing = only(
      variant((p) => {
        delete p.remedies.roles.specialist.escalateTo;
      }),
    );
    expect(missing.map((x) => x.path)).toEqual(['remedies.roles.specialist.escalateTo']);
    const wrong = only(
      variant((p) => {
        p.remedies.roles.agent.escalateTo = 'boss';
      }),
    );
    expect(wrong).toHaveLength(1);
    expect(wrong[0].path).toBe('remedies.roles.agent.escalateTo');
    expect(wrong[0].hint).toContain('"supervisor"');
  });

  test('bounds hints say whether the bound itself is allowed (positive minutes: more than 0; percent: at most 99)', () => {
    const zero = only(
      variant((p) => {
        p.severities.L2.respondWithinMinutes = 0;
      }),
    );
    expect(zero.map((x) => [x.path, x.hint])).toEqual([['severities.L2.respondWithinMinutes', 'use more than 0']]);
    const high = only(
      variant((p) => {
        p.sla.warnAtPercent = 100;
      }),
    );
    expect(high.map((x) => [x.path, x.hint])).toEqual([['sla.warnAtPercent', 'use at most 99']]);
  });

  test('a rule\'s unlessScope is "field" or "ticket", said at its path', () => {
    const list = only(
      variant((p) => {
        p.classification.rules[0].unlessScope = 'everywhere';
      }),
    );
    expect(list.map((x) => x.path)).toEqual(['classification.rules[0].unlessScope']);
    expect(list[0].hint).toContain('use one of: "field", "ticket"');
  });

  test('model.capSeverityRules names rules that set a severity, said at its path', () => {
    const list = only(
      variant((p) => {
        p.classification.model.capSeverityRules = ['still_usable_en', 'no_such_rule', 'legal'];
      }),
    );
    expect(list.map((x) => [x.path, x.message])).toEqual([
      ['classification.model.capSeverityRules[1]', 'no classification rule has the id "no_such_rule"'],
      ['classification.model.capSeverityRules[2]', 'rule "legal" sets no severity to cap at'],
    ]);
  });

  test('history.windowDays is a whole number of days, at least 1', () => {
    expect(
      only(
        variant((p) => {
          p.history.windowDays = 0;
        }),
      ).map((x) => x.path),
    ).toEqual(['history.windowDays']);
    expect(
      only(
        variant((p) => {
          delete p.history;
        }),
      ).map((x) => x.path),
    ).toEqual(['history']);
  });

  test('explanation, follow-up subject and CSAT question templates only use known variables', () => {
    const r = only(
      variant((p) => {
        p.explanations.match.en = 'rule {{rul}} matched {{text}}';
        p.followUp.subject['zh-TW'] = '回訪 #{{ticket}}';
        p.followUp.csatQuestion.en = 'From {{csat_min}} to {{csat_maximum}}?';
      }),
    );
    expect(r.map((x) => x.path).sort()).toEqual(['explanations.match.en', 'followUp.csatQuestion.en', 'followUp.subject["zh-TW"]']);
    expect(r.find((x) => x.path === 'explanations.match.en')!.hint).toContain('did you mean {{rule}}?');
    expect(r.find((x) => x.path === 'followUp.csatQuestion.en')!.hint).toContain('did you mean {{csat_max}}?');
  });

  test('followUp.csatScale: whole numbers with max above min', () => {
    const r = only(
      variant((p) => {
        p.followUp.csatScale = { min: 5, max: 5 };
      }),
    );
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ path: 'followUp.csatScale.max', message: 'max must be greater than min' });
    expect(
      only(
        variant((p) => {
          p.followUp.csatScale = { min: 1, max: 4.5 };
        }),
      ).map((x) => x.path),
    ).toEqual(['followUp.csatScale.max']);
    expect(
      validatePolicy(
        variant((p) => {
          p.followUp.csatScale = { min: 0, max: 10 };
        }),
      ).ok,
    ).toBe(true);
  });
});
