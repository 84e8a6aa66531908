import { z } from 'zod';
import { placeholderText, rendered, requiredId } from '../../../../../connector/src/hosts/placeholder-values';

describe('placeholder values', () => {
  it('reads rendered text; empty, whitespace and unrendered {{…}} are missing; numbers and booleans become text', () => {
    expect(rendered('  Open ')).toBe('Open');
    expect(['', '   ', '{{ticket.latest_comment.id}}', '{{ ticket.foo }}', null, {}, [], Number.NaN].map(rendered)).toEqual(
      Array(8).fill(undefined),
    );
    expect([5158, 0, true, false].map(rendered)).toEqual(['5158', '0', 'true', 'false']);
    expect(rendered('a {{b}} c')).toBe('a {{b}} c');
  });

  it('optional text never fails, also when the key is absent or holds an object', () => {
    const s = z.looseObject({ a: placeholderText, b: placeholderText, c: placeholderText });
    expect(s.parse({ a: 12, c: { x: 1 } })).toEqual({ a: '12', b: undefined, c: undefined });
  });

  it('a required id accepts "123" and 123 and names what is wrong otherwise', () => {
    const s = z.object({ id: requiredId('{{ticket.id}}') });
    expect(s.parse({ id: 123 })).toEqual({ id: '123' });
    expect(s.parse({ id: ' 123 ' })).toEqual({ id: '123' });
    const issues = (v: unknown) => s.safeParse({ id: v }).error?.issues.map((i) => i.message);
    expect(issues('{{ticket.id}}')).toEqual([
      expect.stringContaining('missing: the host sent no value (check that the body uses {{ticket.id}})'),
    ]);
    expect(issues(undefined)).toEqual([expect.stringContaining('missing')]);
    expect(issues('9'.repeat(21))).toEqual([expect.stringContaining('at most 20 digits')]);
    expect(issues(1e300)).toEqual([expect.stringContaining('at most 20 digits')]);
    expect(issues('12a')).toEqual([expect.stringContaining('numeric ticket id')]);
    expect(issues({ id: 1 })).toEqual([expect.stringContaining('missing')]);
  });
});
