/**
 * Order of test files for `npm test`. With timings from an earlier run on this machine (jest's cache), jest's own
 * order: failed first, then longest first. Without any (a fresh CI clone), jest falls back to file size, which put
 * slow files last (round 17: pattern-indexes, ~84 s, ran as the 212th of 278 and was the last to end while the other
 * worker idled). So on a fresh clone the files named in slow-suites.json start first, longest first, and the rest
 * follow in jest's size order: the two workers then end together.
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const { seconds } = require('./slow-suites.json');

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    if (tests.some((t) => this.time(t) != null)) return super.sort(tests);
    const known = (t) => seconds[path.relative(t.context.config.rootDir, t.path).split(path.sep).join('/')];
    const bySize = super.sort(tests);
    const slow = bySize.filter((t) => known(t) != null).sort((a, b) => known(b) - known(a));
    return [...slow, ...bySize.filter((t) => known(t) == null)];
  }
}

module.exports = SlowFirstSequencer;
