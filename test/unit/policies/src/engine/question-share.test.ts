import { countQuestions, questionShareFeatures } from '../../../../../policies/src/engine/question-share';

const features = (text: string, subject = '', shares = [0.5, 1]) => {
  const out: string[] = [];
  questionShareFeatures(text, subject, shares, out);
  return out;
};

describe('question-share', () => {
  it('counts the sentences that hold content and those that end with a question mark', () => {
    expect(countQuestions('Hi,\nMy kettle leaks. Is that normal? Thanks!\n')).toEqual({ sentences: 4, questions: 1 });
    expect(countQuestions('能单独寄一副吗？鞋带断了。\n')).toEqual({ sentences: 2, questions: 1 });
    // Punctuation runs and emoji alone are no sentence; a dot inside a number or a name ends none.
    expect(countQuestions('Why £36.40 now?? 🙈 ... v2.1 too?\n')).toEqual({ sentences: 2, questions: 2 });
  });

  it('a ticket of questions only reaches every threshold; a report with one question does not', () => {
    expect(
      features('subscription price\nwhy has my subscription gone up? is that the new price for everyone?\n', 'subscription price'),
    ).toEqual(['text:questions:50', 'text:questions:100']);
    expect(features('my kettle leaks. it trips the fuse. is that normal?\n')).toEqual([]);
    expect(features('my kettle leaks. is that normal?\n')).toEqual(['text:questions:50']);
  });

  it('reads the body without its subject line, which is a title and no sentence', () => {
    const text = '鞋带断了\n运动鞋鞋带穿了一个月就断了一根，能单独寄一副吗？\n';
    expect(features(text, '鞋带断了')).toEqual(['text:questions:50', 'text:questions:100']);
    expect(features(text)).toEqual(['text:questions:50']);
  });

  it('adds nothing without thresholds or without a question', () => {
    expect(features('is it normal?\n', '', [])).toEqual([]);
    expect(features('it is broken.\n')).toEqual([]);
  });
});
