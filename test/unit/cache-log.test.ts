// The cache's record log: torn and damaged records are skipped, concurrent appenders lose nothing,
// compaction keeps the most recently used records under the bound; and shard slices partition.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RecordLog } from '../../src/core/cache';
import { shardSlice } from '../../src/cli/shard';

describe('cache record log', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cc-log-'));
    file = path.join(dir, 'sub', 'log');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what it wrote, UTF-8 included, latest record winning', () => {
    const log = RecordLog.open(file, { maxBytes: 1 << 20 });
    log.set('aa', { text: 'Über 🙂' });
    log.set('bb', [1, 2]);
    log.set('aa', { text: 'second' });
    log.close();
    const again = RecordLog.open(file, { maxBytes: 1 << 20 });
    assert.deepEqual(again.get('aa'), { text: 'second' });
    assert.deepEqual(again.get('bb'), [1, 2]);
    assert.equal(again.damaged, 0);
  });

  it('skips a torn tail and a corrupted record, and the next writer does not glue onto the torn line', () => {
    const log = RecordLog.open(file, { maxBytes: 1 << 20 });
    for (let i = 0; i < 5; i++) log.set(`0${i}`, { i });
    log.flush();
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('{"i":2}', '{"i":7}') + text.split('\n')[4].slice(0, 30));
    const reopened = RecordLog.open(file, { maxBytes: 1 << 20 });
    assert.equal(reopened.damaged, 2);
    assert.equal(reopened.get('02'), undefined);
    assert.deepEqual(reopened.get('03'), { i: 3 });
    reopened.set('ff', { i: 99 });
    reopened.flush();
    const third = RecordLog.open(file, { maxBytes: 1 << 20 });
    assert.deepEqual(third.get('ff'), { i: 99 });
    third.close(); // damaged records present: rewritten without them
    assert.equal(RecordLog.open(file, { maxBytes: 1 << 20 }).damaged, 0);
  });

  it('loses no record with four processes appending at once', async () => {
    RecordLog.open(file, { maxBytes: 1 << 30 }).close();
    const script = `
      const { RecordLog } = require(${JSON.stringify(path.resolve(__dirname, '../../src/core/cache'))});
      const log = RecordLog.open(process.argv[1], { maxBytes: 1 << 30 });
      const w = process.argv[2];
      for (let i = 0; i < 2000; i++) log.set(w + i.toString(16).padStart(4, '0'), { w, i, pad: 'x'.repeat(i % 50) });
      log.close();`;
    await Promise.all(
      ['a', 'b', 'c', 'd'].map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, ['-r', 'tsx/cjs', '-e', script, file, w], { stdio: 'inherit' });
            child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${w} exited ${code}`))));
          }),
      ),
    );
    const log = RecordLog.open(file, { maxBytes: 1 << 30 });
    assert.equal(log.damaged, 0);
    assert.equal(log.size, 8000);
  });

  it('compacts to the most recently used records under the bound', () => {
    let now = 1000;
    const options = { maxBytes: 7000, now: () => now++ };
    const first = RecordLog.open(file, options);
    for (let i = 0; i < 40; i++) first.set(`a${i.toString(16).padStart(2, '0')}`, { old: i, pad: 'x'.repeat(20) });
    first.close();
    now = 2000;
    const second = RecordLog.open(file, options);
    assert.deepEqual(second.get('a27'), { old: 39, pad: 'x'.repeat(20) }); // 0x27 = 39, the last one written
    for (let i = 0; i < 40; i++) second.set(`b${i.toString(16).padStart(2, '0')}`, { recent: i, pad: 'y'.repeat(60) });
    second.close();
    assert.ok(statSync(file).size <= 7000 * 0.75, `${statSync(file).size}`);
    const third = RecordLog.open(file, options);
    assert.ok(third.has('a27'), 'used in the last run: kept');
    assert.ok(third.has('b27'), 'written in the last run: kept');
    assert.ok(!third.has('a00'), 'least recently used: evicted');
  });

  it('treats an unusable location as an error to report, not a crash later', () => {
    writeFileSync(path.join(dir, 'plain'), 'x');
    assert.throws(() => RecordLog.open(path.join(dir, 'plain', 'log'), { maxBytes: 4096 }), /EEXIST|ENOTDIR/);
    appendFileSync(path.join(dir, 'x'), '');
  });
});

describe('shard slices', () => {
  it('partition any file list: every file in exactly one shard, in sorted order', () => {
    for (let trial = 0; trial < 200; trial++) {
      const files = Array.from({ length: trial % 23 }, (_, i) => ({
        file: `f${(i * 7919 + trial) % 1000}-${i}`,
        size: ((i * 31 + trial) % 9) * 1000 * (i % 3),
      }));
      for (const count of [1, 2, 3, 5, 8]) {
        const slices = Array.from({ length: count }, (_, k) => shardSlice(files, { index: k + 1, count }));
        assert.deepEqual(slices.flat(), files.map((f) => f.file).sort());
      }
    }
  });

  it('balances by size', () => {
    const files = [{ file: 'a', size: 900 }, ...Array.from({ length: 9 }, (_, i) => ({ file: `b${i}`, size: 100 }))];
    assert.deepEqual(shardSlice(files, { index: 1, count: 2 }), ['a']);
    assert.equal(shardSlice(files, { index: 2, count: 2 }).length, 9);
  });
});
