/** validatePolicy against policies built to be huge: each is refused with a short, capped answer. */
import { MAX_PROBLEMS, parsePolicy, validatePolicy } from '../../../../policies/src/validate-policy';
import { rawPolicyVariant as variant, rejectedProblems as problems } from '../../../support/test-policy';

describe('validatePolicy: size attacks (built in the test to keep the repository small)', () => {
  test('10 000 classification rules: one problem at the rules array', () => {
    const rules = Array.from({ length: 10_000 }, (_, i) => ({ id: `r${i}`, phrases: ['x'], sets: { signals: ['media'] } }));
    const list = problems(
      validatePolicy(
        variant((p) => {
          p.classification.rules = rules;
        }),
      ),
    );
    expect(list).toEqual([
      { path: 'classification.rules', message: 'at most 2000 classification rules', hint: 'use at most 2000 item(s)' },
    ]);
  });

  test('thousands of broken rules: the list is capped and says how many more there are', () => {
    const rules = Array.from({ length: 1500 }, (_, i) => ({ id: `r${i}`, phrases: [], sets: {} }));
    const list = problems(
      validatePolicy(
        variant((p) => {
          p.classification.rules = rules;
          // Cue sets, the model's capSeverityRules and the review's rule floors name rules of the default policy
          // (checked too); only the rules' problems are counted here.
          p.classification.cues = [];
          delete p.classification.model.capSeverityRules;
          delete p.classification.review.severityHints.L1.modelAtByRule;
        }),
      ),
    );
    expect(list).toHaveLength(MAX_PROBLEMS + 1);
    expect(list[0]).toMatchObject({ path: 'classification.rules[0].sets', hint: 'add "category", "severity" or "signals" under sets' });
    expect(list[MAX_PROBLEMS]).toEqual({
      path: '(document)',
      message: '2900 more problem(s) not shown',
      hint: 'fix the problems above and check again',
    });
  });

  test('huge strings are rejected at their path without echoing them', () => {
    const huge = 'x'.repeat(5_000_000);
    const list = problems(
      parsePolicy(
        JSON.stringify(
          variant((p) => {
            p.company = huge;
            p.classification.rules[0].phrases[0] = huge;
            p[huge] = 1;
          }),
        ),
      ),
    );
    const paths = list.map((x) => x.path);
    expect(paths).toEqual(expect.arrayContaining(['company', 'classification.rules[0].phrases[0]']));
    expect(list.find((x) => x.path === 'company')).toEqual({
      path: 'company',
      message: 'at most 80 characters',
      hint: 'use at most 80 character(s)',
    });
    const unknown = list.find((x) => x.message.startsWith('unknown key'))!;
    expect(unknown.path).toBe(`["${'x'.repeat(100)}…"]`);
    expect(JSON.stringify(list).length).toBeLessThan(5000);
  });

  test('deeply nested junk as a value (no JSON text) is reported, not recursed into', () => {
    let junk: unknown = 1;
    for (let i = 0; i < 100_000; i++) junk = [junk];
    const list = problems(
      validatePolicy(
        variant((p) => {
          p.company = junk;
        }),
      ),
    );
    expect(list).toEqual([
      { path: 'company', message: 'Invalid input: expected string, received array', hint: 'use a value of type string' },
    ]);
  });
});
