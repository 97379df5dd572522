// Limits over LSP: documents above consistency.maxFileSize and binary-looking ones get a one-line
// notice instead of a check, consistency.maxProblems caps the diagnostics of a document, and a
// workspace check streams files with bounded memory (and does not follow links out of the folder).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measure, problem, runs, tried } from './figures';
import { peakRssMiB, rssMiB, sleep } from './helpers';
import { CONTRADICTIONS, NEUTRAL, makeWorkspace, startTracked, waitReady, type TrackedServer } from './server-util';

describe('reliability: limits', function () {
  this.timeout(0);
  let root: string | undefined;
  const servers: TrackedServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it('a document above maxFileSize and a binary-looking one get one one-line notice, not a check', async () => {
    root = makeWorkspace();
    const server = await startTracked(root, { maxFileSize: 5000, debounceMs: 0 });
    servers.push(server);
    await waitReady(server);
    const big = server.open(path.join(root, 'big.md'), `${CONTRADICTIONS[0]} `.repeat(200));
    const binary = server.open(path.join(root, 'bin.md'), `${CONTRADICTIONS[0]}\u0000\u0001\u0002 binary`);
    tried('limits/notice', 'inputs', 2);
    for (const [uri, reason] of [
      [big, /^Not checked: skipped: [\d.]+ kB is above the [\d.]+ kB size limit \(consistency\.maxFileSize\)$/],
      [binary, /^Not checked: skipped: looks like a binary file$/],
    ] as const) {
      const diagnostics = await server.settled(uri, undefined, 500);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].severity, 3);
      assert.match(String(diagnostics[0].message), reason);
      assert.ok(!String(diagnostics[0].message).includes('\n'));
    }
  });

  it('maxProblems caps the diagnostics of a document, keeping the most confident', async () => {
    root = makeWorkspace();
    const text = Array.from(
      { length: 12 },
      (_, i) => `${CONTRADICTIONS[i % 2]}\n\n${NEUTRAL[i % NEUTRAL.length]}\n\n`,
    ).join('');
    const uncapped = await startTracked(root, { maxProblems: 1000, debounceMs: 0 });
    servers.push(uncapped);
    await waitReady(uncapped);
    const all = await uncapped.settled(uncapped.open(path.join(root, 'doc.md'), text), 1, 500);
    assert.ok(all.length >= 6, `expected many findings, got ${all.length}`);
    const capped = await startTracked(root, { maxProblems: 3, debounceMs: 0 });
    servers.push(capped);
    await waitReady(capped);
    const three = await capped.settled(capped.open(path.join(root, 'doc.md'), text), 1, 500);
    tried('limits/max-problems', 'inputs');
    assert.equal(three.length, 3);
    const confidence = (m: string) => Number(/\((\d+)%\)/.exec(m)![1]);
    const floor = Math.min(...three.map((d) => confidence(String(d.message))));
    assert.ok(
      all.filter((d) => confidence(String(d.message)) > floor).length <= 3,
      'the three kept are among the most confident',
    );
    // Document order is kept.
    const lines = three.map((d) => d.range.start.line);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
  });

  it('a workspace check streams the files: bounded memory, skipped files noted, no links followed out of the folder', async () => {
    const area = 'limits/workspace';
    root = makeWorkspace();
    const outside = fs.mkdtempSync(path.join(path.dirname(root), 'cc-rel-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.md'), `${CONTRADICTIONS[0]}\n`);
    const files = runs(150);
    const paragraph = Array.from(
      { length: 40 },
      (_, i) => `${NEUTRAL[i % NEUTRAL.length]} ${i % 10 === 0 ? CONTRADICTIONS[0] : ''}`,
    ).join(' ');
    const body = Array.from({ length: 25 }, () => paragraph).join('\n\n') + '\n';
    for (let i = 0; i < files; i++) {
      fs.mkdirSync(path.join(root, `part${i % 10}`), { recursive: true });
      fs.writeFileSync(path.join(root, `part${i % 10}`, `doc${i}.md`), body);
    }
    fs.writeFileSync(path.join(root, 'huge.md'), 'x'.repeat(3_000_000));
    fs.writeFileSync(path.join(root, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'link.md'));
    fs.symlinkSync(outside, path.join(root, 'linkdir'));
    const server = await startTracked(root, { debounceMs: 0 });
    servers.push(server);
    const logs: string[] = [];
    server.connection.onNotification('window/logMessage', (m: { message: string }) => void logs.push(m.message));
    await waitReady(server);
    await sleep(500);
    const baseline = rssMiB(server.process.pid!);
    const started = Date.now();
    const result = (await server.connection.sendRequest('consistency/checkWorkspace', {})) as {
      documents: number;
      sentences: number;
      findings: number;
      cancelled: boolean;
    };
    const seconds = (Date.now() - started) / 1000;
    tried(area, 'inputs', files + 4);
    const end = rssMiB(server.process.pid!);
    const peak = peakRssMiB(server.process.pid!);
    const totalMb = (files * body.length) / 1e6;
    measure(
      `${area}: ${files} files, ${totalMb.toFixed(1)} MB of text, ${result.sentences} sentences, ${result.findings} findings in ${seconds.toFixed(0)} s`,
      `RSS baseline ${baseline.toFixed(0)} / end ${end.toFixed(0)} / peak ${peak.toFixed(0)} MiB`,
    );
    assert.equal(result.cancelled, false);
    assert.ok(
      logs.some((l) => l.includes('huge.md') && /size limit/.test(l)),
      'the large file is noted as skipped',
    );
    assert.ok(
      logs.some((l) => l.includes('binary.md') && /binary/.test(l)),
      'the binary file is noted as skipped',
    );
    const published = [...server.published.keys()];
    assert.ok(
      !published.some((u) => u.includes('link.md') || u.includes('linkdir') || u.includes('secret.md')),
      'links out of the workspace are not followed',
    );
    // Memory: what stays after the check must not grow with the workspace. Budget: 150 MiB over
    // the baseline for 150 files of 50 KB (the text alone is 7.5 MB; holding every sentence of
    // every file would cost several times that).
    const retained = end - baseline;
    if (retained > 150) problem(area, 'failures', `workspace check retains ${retained.toFixed(0)} MiB`);
    assert.ok(retained < 150, `retained ${retained.toFixed(0)} MiB`);
    fs.rmSync(outside, { recursive: true, force: true });
  });
});
