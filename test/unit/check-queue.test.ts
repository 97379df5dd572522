import { strict as assert } from 'node:assert';
import { abortError } from '../../src/core/util/abort';
import { CheckQueue } from '../../src/server/check-queue';

/** A check per call that the test finishes by hand. */
class Runs {
  readonly started: Array<{
    uri: string;
    signal: AbortSignal;
    finish: (value: string) => void;
    fail: (error: unknown) => void;
  }> = [];
  run = (uri: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
      this.started.push({ uri, signal, finish: resolve, fail: reject });
    });
}

const tick = () => new Promise((r) => setImmediate(r));

describe('CheckQueue', () => {
  it('runs one check at a time, the highest priority first', async () => {
    const runs = new Runs();
    const priority: Record<string, number> = { low: 0, high: 2, mid: 1 };
    const queue = new CheckQueue(runs.run, (uri) => priority[uri]);
    const first = queue.enqueue('low');
    const rest = [queue.enqueue('mid'), queue.enqueue('high')];
    await tick();
    assert.deepEqual(
      runs.started.map((r) => r.uri),
      ['low'],
    );
    runs.started[0].finish('low done');
    assert.equal(await first, 'low done');
    await tick();
    assert.deepEqual(
      runs.started.map((r) => r.uri),
      ['low', 'high'],
    );
    runs.started[1].finish('high done');
    await tick();
    runs.started[2].finish('mid done');
    assert.deepEqual(await Promise.all(rest), ['mid done', 'high done']);
  });

  it('a newer request for a running document aborts it; every caller gets the next result', async () => {
    const runs = new Runs();
    const queue = new CheckQueue(runs.run, () => 0);
    const older = queue.enqueue('a');
    await tick();
    const newer = queue.enqueue('a');
    assert.equal(runs.started[0].signal.aborted, true);
    await tick();
    assert.equal(runs.started.length, 2);
    runs.started[1].finish('v2');
    assert.deepEqual(await Promise.all([older, newer]), ['v2', 'v2']);
  });

  it('cancel answers undefined and aborts the running check', async () => {
    const runs = new Runs();
    const queue = new CheckQueue(runs.run, () => 0);
    const running = queue.enqueue('a');
    const pending = queue.enqueue('b');
    await tick();
    queue.cancel('a');
    queue.cancel('b');
    assert.equal(await running, undefined);
    assert.equal(await pending, undefined);
    assert.equal(runs.started[0].signal.aborted, true);
    await tick();
    assert.equal(runs.started.length, 1, 'the cancelled pending check never ran');
  });

  it("a caller's signal withdraws only that caller; the check stops when no caller is left", async () => {
    const runs = new Runs();
    const queue = new CheckQueue(runs.run, () => 0);
    const busy = queue.enqueue('x');
    // Queued behind another document, both callers share the next run of 'a'.
    const automatic = queue.enqueue('a');
    const request = new AbortController();
    const asked = queue.enqueue('a', request.signal);
    await tick();
    runs.started[0].finish('x done');
    await busy;
    await tick();
    assert.deepEqual(
      runs.started.map((r) => r.uri),
      ['x', 'a'],
    );
    request.abort();
    assert.equal(await asked, undefined);
    assert.equal(runs.started[1].signal.aborted, false, 'the automatic caller still waits');
    runs.started[1].finish('done');
    assert.equal(await automatic, 'done');

    const alone = new AbortController();
    const only = queue.enqueue('b', alone.signal);
    await tick();
    alone.abort();
    assert.equal(await only, undefined);
    assert.equal(runs.started[2].signal.aborted, true, 'nobody waits: the run is aborted');
    assert.equal(await queue.enqueue('c', AbortSignal.abort()), undefined, 'an aborted signal never queues');
    await tick();
    assert.equal(runs.started.length, 3);
  });

  it('a withdrawn pending caller does not run; a failing check rejects its callers', async () => {
    const runs = new Runs();
    const queue = new CheckQueue(runs.run, () => 0);
    const first = queue.enqueue('a');
    const controller = new AbortController();
    const withdrawn = queue.enqueue('b', controller.signal);
    controller.abort();
    assert.equal(await withdrawn, undefined);
    await tick();
    runs.started[0].fail(new Error('segmenter bug'));
    await assert.rejects(first, /segmenter bug/);
    await tick();
    assert.deepEqual(
      runs.started.map((r) => r.uri),
      ['a'],
    );
  });
});
