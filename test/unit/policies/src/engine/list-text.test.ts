import { LOCALES } from '../../../../../policies/src/ids';
import { listText } from '../../../../../policies/src/engine/list-text';

describe('listText', () => {
  it('joins exactly as Intl.ListFormat does, for every locale and list length', () => {
    const words = ['"caught fire"', 'smoke', '冒煙', 'a, b', '', 'and'];
    for (const locale of LOCALES) {
      const intl = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
      for (let n = 0; n <= words.length; n++) {
        const items = words.slice(0, n);
        expect(listText(locale, items)).toBe(intl.format(items));
      }
    }
  });

  it('formats languages whose list words depend on the items every time', () => {
    const es = new Intl.ListFormat('es', { style: 'long', type: 'conjunction' });
    expect(listText('es' as never, ['Juan', 'Ignacio'])).toBe(es.format(['Juan', 'Ignacio']));
    expect(listText('es' as never, ['Juan', 'Ignacio'])).toContain(' e ');
  });
});
