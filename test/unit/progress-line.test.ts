// The progress line of `check`: drawn in place on a terminal, throttled, cleared at the end; silent
// when disabled (not a TTY, or --quiet).
import { strict as assert } from 'node:assert';
import { ProgressLine } from '../../src/cli/progress';

describe('check progress line', () => {
  it('draws files, pairs, elapsed time and an ETA, then clears the line', () => {
    let out = '';
    const line = new ProgressLine(10, true, (t) => (out += t));
    line.update(0, 0);
    line.update(5, 120);
    line.update(10, 240); // the last update is always drawn
    line.done();
    assert.match(out, /^\r\x1b\[K0\/10 files, 0 pairs, 0:00 elapsed/);
    assert.match(out, /\r\x1b\[K10\/10 files, 240 pairs, 0:00 elapsed, ETA 0:00/);
    assert.ok(!out.includes('5/10'), 'updates within 200 ms are not drawn');
    assert.ok(out.endsWith('\r\x1b[K'));
  });

  it('writes nothing when disabled', () => {
    let out = '';
    const line = new ProgressLine(3, false, (t) => (out += t));
    line.update(1, 1);
    line.done();
    assert.equal(out, '');
  });
});
