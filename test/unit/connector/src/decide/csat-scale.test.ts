import { csatChoices, parseCsat } from '../../../../../connector/src/decide/csat-scale';

describe('CSAT scale (followUp.csatScale)', () => {
  it('accepts whole numbers inside the scale, from numbers or form strings', () => {
    const five = { min: 1, max: 5 };
    expect(parseCsat(1, five)).toBe(1);
    expect(parseCsat('5', five)).toBe(5);
    expect(parseCsat(' 3 ', five)).toBe(3);
    for (const bad of [0, 6, 4.5, '', ' ', 'x', null, undefined, Number.NaN, '9']) expect(parseCsat(bad, five)).toBeNull();
  });

  it('follows another scale: 0-10 accepts 0 and 9, refuses 11', () => {
    const ten = { min: 0, max: 10 };
    expect(parseCsat(0, ten)).toBe(0);
    expect(parseCsat('9', ten)).toBe(9);
    expect(parseCsat(11, ten)).toBeNull();
    expect(parseCsat('', ten)).toBeNull();
  });

  it('offers every answer on the scale, most satisfied first', () => {
    expect(csatChoices({ min: 1, max: 5 })).toEqual([5, 4, 3, 2, 1]);
    expect(csatChoices({ min: 0, max: 10 })).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });
});
