// `consistency-check pairs`, the built CLI in a child process: JSON lines of the pairs smart pairing
// would score, every annotated contradiction of bench/corpus among them, and --pairing exhaustive.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { goldSentence, loadCorpus, CORPUS_DIR } from '../../bench/lib/corpus';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function pairs(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'pairs', ...args], {
    cwd: CORPUS_DIR,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = result.stdout.split('\n').filter((l) => l.trim() !== '');
  return {
    code: result.status,
    stderr: result.stderr,
    rows: lines.map((l) => JSON.parse(l) as { file: string; start: number; end: number; claimId: string }),
  };
}

describe('consistency-check pairs', function () {
  this.timeout(60_000);

  it('prints {"file","start","end","claimId"} for each pair smart pairing keeps, including every planted contradiction', () => {
    const { code, rows, stderr } = pairs(['docs']);
    assert.equal(code, 0, stderr);
    assert.ok(rows.length > 0);
    for (const row of rows) assert.deepEqual(Object.keys(row), ['file', 'start', 'end', 'claimId']);
    const corpus = loadCorpus();
    for (const g of corpus.gold) {
      const doc = corpus.documents.find((d) => d.relativePath === g.file)!;
      const sentence = goldSentence(doc, g.phrase);
      assert.ok(
        rows.some(
          (r) => r.file === g.file && r.start === sentence.start && r.end === sentence.end && r.claimId === g.claim,
        ),
        `missing ${g.claim} x ${g.file}:${sentence.start}`,
      );
    }
    const all = pairs(['docs', '--pairing', 'exhaustive']);
    assert.equal(all.code, 0);
    assert.ok(rows.length * 10 < all.rows.length, `${rows.length} of ${all.rows.length}`);
    assert.match(
      stderr,
      /^\d+ of \d+ sentence x claim pairs \([\d.]+%\) would be scored \(smart pairing, 8 files\)\n$/,
    );
  });

  it('rejects an unknown pairing mode', () => {
    const { code, stderr } = pairs(['docs', '--pairing', 'some']);
    assert.equal(code, 2);
    assert.match(stderr, /--pairing must be smart or exhaustive/);
  });
});
