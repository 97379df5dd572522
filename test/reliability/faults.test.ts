// Faults, each produced for real: the server SIGKILLed mid-check, the claims file rewritten on disk
// while the server writes it, a full and a read-only disk (tmpfs mounts; EFBIG through prlimit
// where mounting is not allowed), corrupt and truncated model files, a model folder replaced while
// in use. (The CLI interrupted while downloading is in pull-interrupt.test.ts.)
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseClaims, parseDismissed } from '../../src/core/claims';
import { SEED, measure, problem, runs, tried } from './figures';
import { CLI, FIXTURE_MODEL, prng, sleep } from './helpers';
import {
  CLAIMS,
  CONTRADICTIONS,
  NEUTRAL,
  comparable,
  makeWorkspace,
  startTracked,
  waitReady,
  type TrackedServer,
} from './server-util';

const claimsFileOf = (root: string) => path.join(root, '.consistency', 'claims.json');
const dismissedFileOf = (root: string) => path.join(root, '.consistency', 'dismissed.json');
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A writable copy of the fixture model (the fixture's own files are read-only). */
function copyModel(to: string): string {
  fs.mkdirSync(path.join(to, 'onnx'), { recursive: true });
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'])
    fs.copyFileSync(path.join(FIXTURE_MODEL, f), path.join(to, f));
  return to;
}

/** Findings of the CLI on `file` as sorted "start-end claimId" strings: the oracle for the server. */
function cliFindings(root: string, file: string, model = FIXTURE_MODEL): string[] {
  const result = spawnSync(
    process.execPath,
    [CLI, 'check', file, '--claims', claimsFileOf(root), '--model', model, '--format', 'json', '--threads', '1'],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
  assert.ok(result.status === 0 || result.status === 1, `CLI check failed: ${result.status} ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { findings: Array<{ start: number; end: number; claimId: string }> };
  return report.findings.map((f) => `${f.start}-${f.end} ${f.claimId}`).sort();
}

function serverFindings(
  text: string,
  diagnostics: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    code?: unknown;
  }>,
): string[] {
  const doc = TextDocument.create('file:///x', 'markdown', 1, text);
  return diagnostics.map((d) => `${doc.offsetAt(d.range.start)}-${doc.offsetAt(d.range.end)} ${String(d.code)}`).sort();
}

function tryMount(dir: string, options: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0;
}

describe('reliability: faults', function () {
  this.timeout(0);
  let root: string | undefined;
  const servers: TrackedServer[] = [];
  const mounts: string[] = [];
  const temps: string[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop();
    for (const m of mounts.splice(0)) spawnSync('umount', ['-l', m]);
    if (root) fs.rmSync(root, { recursive: true, force: true });
    root = undefined;
    for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
  });

  it('server SIGKILLed during a check and during saves: files intact, acknowledged writes kept, a new server agrees with the CLI', async () => {
    const area = 'fault/sigkill';
    const random = prng(SEED + 600);
    const rounds = runs(3);
    for (let round = 0; round < rounds; round++) {
      root = makeWorkspace();
      const server = await startTracked(root, { debounceMs: 0, maxProblems: 100_000 });
      servers.push(server);
      await waitReady(server);
      const text =
        Array.from({ length: 300 }, (_, i) =>
          (i % 7 === 0 ? CONTRADICTIONS[i % CONTRADICTIONS.length] : NEUTRAL[i % NEUTRAL.length]).replace(
            '.',
            ` ${i}.`,
          ),
        ).join(' ') + '\n';
      const file = path.join(root, 'doc.md');
      fs.writeFileSync(file, text);
      const uri = server.open(file, text);
      const first = await server.settled(uri, 1, 500);
      assert.ok(first.length > 0);
      // Acknowledged writes: a dismissal and pins, some of them still in flight when the kill comes.
      const acked: string[] = [];
      await server.connection.sendRequest('consistency/dismissFinding', {
        uri,
        claimId: String(first[0].code),
        sentence: (first[0].data as { sentence: string }).sentence,
      });
      const pins = Array.from({ length: 12 }, (_, i) =>
        server.connection
          .sendRequest('consistency/pinClaim', { text: `Round ${round} pin ${i} says the garden is open.` })
          .then(
            () => acked.push(`Round ${round} pin ${i} says the garden is open.`),
            () => undefined,
          ),
      );
      // A re-check of a changed document is running when the process dies.
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: text + 'The museum is closed on Mondays again.\n' }],
      });
      await server.waitForStatus((s) => s.state === 'checking', 30_000).catch(() => undefined);
      await sleep(random.int(150));
      server.process.kill('SIGKILL');
      await Promise.race([Promise.allSettled(pins), sleep(2000)]);
      tried(area, 'faults');
      servers.splice(servers.indexOf(server), 1);
      server.connection.dispose();

      // The files parse, and hold every write the server acknowledged.
      let claims;
      try {
        claims = parseClaims(fs.readFileSync(claimsFileOf(root), 'utf8'), claimsFileOf(root));
        parseDismissed(fs.readFileSync(dismissedFileOf(root), 'utf8'), dismissedFileOf(root));
      } catch (error) {
        problem(area, 'lostWrites', `a file does not parse after SIGKILL: ${(error as Error).message}`);
        throw error;
      }
      const texts = claims.claims.map((c) => c.text);
      for (const a of acked) {
        if (!texts.includes(a)) {
          problem(area, 'lostWrites', `acknowledged pin lost: ${a}`);
          assert.fail(`acknowledged pin lost: ${a}`);
        }
      }
      const leftovers = fs.readdirSync(path.join(root, '.consistency')).filter((n) => n.endsWith('.tmp'));
      measure(
        `${area}: round ${round}: pins acknowledged before the kill / temp files left`,
        `${acked.length} / ${leftovers.length}`,
      );

      // A new server on the same workspace gives what the CLI gives for the persisted state.
      const finalText = text + 'The museum is closed on Mondays again.\n';
      fs.writeFileSync(file, finalText);
      const again = await startTracked(root, { debounceMs: 0, maxProblems: 100_000 });
      servers.push(again);
      await waitReady(again);
      const againUri = again.open(file, finalText);
      const diagnostics = await again.settled(againUri, 1, 1000);
      const got = serverFindings(finalText, diagnostics);
      const want = cliFindings(root, 'doc.md');
      if (JSON.stringify(got) !== JSON.stringify(want))
        problem(area, 'failures', `new server and CLI disagree: ${got.length} vs ${want.length} findings`);
      assert.deepEqual(got, want);
      await again.stop();
      servers.splice(servers.indexOf(again), 1);
      fs.rmSync(root, { recursive: true, force: true });
      root = undefined;
    }
  });

  it('claims file rewritten on disk while the server saves: every acknowledged pin and every outside edit survives, or the pin is refused with a message', async () => {
    const area = 'fault/concurrent-edit';
    root = makeWorkspace();
    const server = await startTracked(root, { debounceMs: 0 });
    servers.push(server);
    await waitReady(server);
    const file = claimsFileOf(root);
    const random = prng(SEED + 601);
    const count = runs(40);
    const acked: string[] = [];
    const refused: string[] = [];
    const external: string[] = [];
    const pins = Array.from({ length: count }, async (_, i) => {
      await sleep(random.int(count * 15));
      const text = `Server pin ${i} says the park is green.`;
      try {
        await server.connection.sendRequest('consistency/pinClaim', { text });
        acked.push(text);
      } catch (error) {
        refused.push(`${text}: ${(error as Error).message}`);
      }
    });
    // Another program edits the file meanwhile: read, add a claim, write in place (not atomic,
    // the way many editors save), at random moments.
    const outside = (async () => {
      for (let i = 0; i < count; i++) {
        await sleep(random.int(30));
        const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { claims: Array<{ id: string; text: string }> };
        const text = `Outside edit ${i} says the lake is blue.`;
        doc.claims.push({ id: `ext${i}`, text });
        fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
        external.push(text);
      }
    })();
    await Promise.all([...pins, outside]);
    tried(area, 'faults', count * 2);
    // Let the server's last save land.
    await sleep(500);
    const texts = parseClaims(fs.readFileSync(file, 'utf8'), file).claims.map((c) => c.text);
    const lostPins = acked.filter((t) => !texts.includes(t));
    const lostOutside = external.filter((t) => !texts.includes(t));
    measure(
      `${area}: pins acknowledged / refused with a message / outside edits`,
      `${acked.length} / ${refused.length} / ${external.length}`,
    );
    for (const t of [...lostPins, ...lostOutside]) problem(area, 'lostWrites', `lost: ${t}`);
    for (const r of refused) assert.match(r, /claims\.json|changed on disk|invalid/, `a refusal must say why: ${r}`);
    assert.deepEqual({ lostPins, lostOutside }, { lostPins: [], lostOutside: [] });
    for (const c of CLAIMS) assert.ok(texts.includes(c.text));
  });

  it('disk full (ENOSPC), read-only file system (EROFS), file size limit (EFBIG) and a read-only file: clear error, old file intact, server keeps answering', async () => {
    const area = 'fault/disk';
    const cases: Array<{ name: string; setup: (ws: string, pid: number) => boolean; expect: RegExp }> = [];
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-rel-disk-'));
    temps.push(base);
    cases.push({
      name: 'disk full',
      expect: /no space left on device \(ENOSPC\)/,
      setup: (ws) => {
        // Fill the small file system to the last byte.
        const filler = path.join(ws, 'filler');
        const fd = fs.openSync(filler, 'w');
        try {
          for (;;) fs.writeSync(fd, Buffer.alloc(4096));
        } catch {
          // ENOSPC: full
        } finally {
          fs.closeSync(fd);
        }
        return true;
      },
    });
    cases.push({
      name: 'read-only file system',
      expect: /read-only file system \(EROFS\)/,
      setup: (ws) => spawnSync('mount', ['-o', 'remount,ro', ws]).status === 0,
    });
    cases.push({
      name: 'file size limit',
      expect: /file too large.*\(EFBIG\)/,
      setup: (_ws, pid) => spawnSync('prlimit', [`--pid=${pid}`, '--fsize=2048']).status === 0,
    });
    cases.push({
      name: 'read-only claims file',
      expect: /read-only/,
      setup: (ws) => {
        fs.chmodSync(claimsFileOf(ws), 0o444);
        return true;
      },
    });
    for (const c of cases) {
      const mount = path.join(base, c.name.replace(/\W+/g, '-'));
      const mounted = tryMount(mount, 'size=256k');
      if (mounted) mounts.push(mount);
      else fs.mkdirSync(mount, { recursive: true });
      if (!mounted && (c.name === 'disk full' || c.name === 'read-only file system')) {
        measure(`${area}: ${c.name}`, 'skipped (cannot mount tmpfs here)');
        continue;
      }
      fs.mkdirSync(path.join(mount, '.consistency'), { recursive: true });
      fs.writeFileSync(claimsFileOf(mount), JSON.stringify({ version: 1, claims: CLAIMS }, null, 2) + '\n');
      const before = sha(claimsFileOf(mount));
      const server = await startTracked(mount, { debounceMs: 0 });
      servers.push(server);
      await waitReady(server);
      if (!c.setup(mount, server.process.pid!)) {
        measure(`${area}: ${c.name}`, 'skipped (setup not possible here)');
        continue;
      }
      tried(area, 'faults');
      const error = await server.connection
        .sendRequest('consistency/pinClaim', { text: 'A long claim. '.repeat(400) })
        .then(
          () => undefined,
          (e: Error) => e,
        );
      const message = error?.message ?? '(the pin succeeded)';
      measure(`${area}: ${c.name}: message`, message.split('\n')[0]);
      const intact = sha(claimsFileOf(mount)) === before;
      const leftovers = fs.readdirSync(path.join(mount, '.consistency')).filter((n) => n !== 'claims.json');
      const answers = await Promise.race([
        server.connection.sendRequest('consistency/listClaims').then(() => true),
        sleep(5000).then(() => false),
      ]);
      if (!intact) problem(area, 'lostWrites', `${c.name}: the claims file changed`);
      if (!answers || server.process.exitCode !== null)
        problem(area, 'crashes', `${c.name}: the server stopped answering (exit ${server.process.exitCode})`);
      if (!error || !c.expect.test(message)) problem(area, 'failures', `${c.name}: unexpected outcome: ${message}`);
      assert.ok(error, `${c.name}: the pin should fail`);
      assert.match(message, c.expect);
      assert.match(message, /claims\.json/);
      assert.ok(intact, `${c.name}: old file changed`);
      assert.deepEqual(leftovers, [], `${c.name}: temp files left`);
      assert.ok(answers, `${c.name}: server does not answer`);
      await server.stop();
      servers.splice(servers.indexOf(server), 1);
    }
  });

  const CORRUPTIONS: Array<{ name: string; file: string; damage: (p: string, r: ReturnType<typeof prng>) => void }> = [
    {
      name: 'truncated ONNX file',
      file: 'onnx/model.onnx',
      damage: (p) => fs.truncateSync(p, Math.floor(fs.statSync(p).size / 2)),
    },
    { name: 'empty ONNX file', file: 'onnx/model.onnx', damage: (p) => fs.truncateSync(p, 0) },
    {
      name: 'ONNX file of random bytes',
      file: 'onnx/model.onnx',
      damage: (p, r) => fs.writeFileSync(p, Buffer.from(Array.from({ length: 50_000 }, () => r.int(256)))),
    },
    { name: 'truncated config.json', file: 'config.json', damage: (p) => fs.truncateSync(p, 40) },
    {
      name: 'truncated tokenizer.json',
      file: 'tokenizer.json',
      damage: (p) => fs.truncateSync(p, Math.floor(fs.statSync(p).size / 2)),
    },
    {
      name: 'tokenizer.json that is valid JSON but not a tokenizer',
      file: 'tokenizer.json',
      damage: (p) => fs.writeFileSync(p, '{"model": 42}'),
    },
    {
      name: 'config.json without labels',
      file: 'config.json',
      damage: (p) => fs.writeFileSync(p, '{"model_type": "bert"}'),
    },
    { name: 'ONNX file replaced by a folder', file: 'onnx/model.onnx', damage: (p) => (fs.rmSync(p), fs.mkdirSync(p)) },
  ];

  it('corrupt or truncated model files: one clear error naming the file, no crash loop, the server keeps answering', async () => {
    const area = 'fault/model-corrupt';
    const random = prng(SEED + 602);
    const flips = runs(4);
    const all = [
      ...CORRUPTIONS,
      ...Array.from({ length: flips }, (_, i) => ({
        name: `ONNX file with 64 random bytes overwritten (${i + 1})`,
        file: 'onnx/model.onnx',
        damage: (p: string, r: ReturnType<typeof prng>) => {
          const bytes = fs.readFileSync(p);
          for (let k = 0; k < 64; k++) bytes[r.int(bytes.length)] = r.int(256);
          fs.writeFileSync(p, bytes);
        },
      })),
    ];
    const outcomes: string[] = [];
    for (const c of all) {
      root = makeWorkspace();
      const model = copyModel(path.join(root, 'model'));
      c.damage(path.join(model, c.file), random);
      const server = await startTracked(root, { model, debounceMs: 0 });
      servers.push(server);
      tried(area, 'faults');
      const status = await server
        .waitForStatus((s) => s.state === 'ready' || s.state === 'error', 60_000)
        .catch(() => undefined);
      const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTIONS[0]} ${NEUTRAL[0]}\n`);
      // Things that could trigger a reload or a re-report: edits, a configuration change, a check request.
      for (let v = 2; v < 6; v++) {
        await server.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: v },
          contentChanges: [{ text: `${CONTRADICTIONS[v % 4]}\n` }],
        });
      }
      await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await server.connection.sendRequest('consistency/checkDocument', { uri }).catch(() => undefined);
      await sleep(1500);
      const answers = await Promise.race([
        server.connection
          .sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } })
          .then(() => true),
        sleep(5000).then(() => false),
      ]);
      const alive = server.process.exitCode === null && server.process.signalCode === null;
      const errors = server.messages.filter((m) => m.type === 1);
      const errorStatuses = server.statuses.filter((s) => s.state === 'error');
      const detail = status?.state === 'error' ? `${status.detail ?? ''}` : '';
      outcomes.push(`${c.name}: ${status?.state ?? 'no status'}`);
      if (!alive)
        problem(
          area,
          'crashes',
          `${c.name}: server died (exit ${server.process.exitCode}, signal ${server.process.signalCode}); stderr ${server.stderr().slice(-500)}`,
        );
      if (!answers) problem(area, 'hangs', `${c.name}: no hover answer`);
      if (errors.length > 1 || errorStatuses.length > 1)
        problem(
          area,
          'failures',
          `${c.name}: reported ${errors.length} times (statuses ${errorStatuses.length}): a crash loop?`,
        );
      if (
        status?.state === 'error' &&
        !detail.includes(path.join(model, c.file)) &&
        !(detail.includes(model) && detail.includes(c.file))
      )
        problem(area, 'failures', `${c.name}: error does not name the file: ${detail}`);
      if (!status) problem(area, 'hangs', `${c.name}: the model neither loaded nor failed`);
      assert.ok(alive && answers, `${c.name}: server alive ${alive}, answers ${answers}`);
      assert.ok(errors.length <= 1 && errorStatuses.length <= 1, `${c.name}: reported ${errors.length} times`);
      if (!c.name.startsWith('ONNX file with')) {
        assert.equal(status?.state, 'error', `${c.name}: should fail to load`);
        // The broken file by its full path, or the folder and the file's name in it.
        assert.ok(
          detail.includes(path.join(model, c.file)) || (detail.includes(model) && detail.includes(c.file)),
          `${c.name}: the error should name ${c.file}: ${detail}`,
        );
      }
      await server.stop();
      servers.splice(servers.indexOf(server), 1);
      fs.rmSync(root, { recursive: true, force: true });
      root = undefined;
    }
    measure(`${area}: outcomes`, outcomes.join('; '));
  });

  it('model folder replaced or deleted while in use: the server keeps checking, and a reload picks the new folder cleanly', async () => {
    const area = 'fault/model-replaced';
    root = makeWorkspace();
    const model = copyModel(path.join(root, 'model'));
    const server = await startTracked(root, { model, debounceMs: 0 });
    servers.push(server);
    await waitReady(server);
    const file = path.join(root, 'doc.md');
    const text = `${CONTRADICTIONS[0]} ${NEUTRAL[0]}\n`;
    const uri = server.open(file, text);
    const before = comparable(await server.settled(uri, 1, 500));
    assert.equal(before.length, 1);

    // 1. Replaced under the running server: moved away and a broken copy put in its place.
    fs.renameSync(model, `${model}.old`);
    copyModel(model);
    fs.truncateSync(path.join(model, 'onnx/model.onnx'), 100);
    tried(area, 'faults');
    const text2 = `${NEUTRAL[1]} ${CONTRADICTIONS[3]} ${CONTRADICTIONS[2]}\n`;
    fs.writeFileSync(file, text2);
    const want2 = cliFindings(root, 'doc.md');
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: text2 }],
    });
    assert.deepEqual(
      serverFindings(text2, await server.settled(uri, 2, 500)),
      want2,
      'the loaded model keeps working after its folder was replaced',
    );

    // 2. Deleted outright.
    fs.rmSync(model, { recursive: true, force: true });
    fs.rmSync(`${model}.old`, { recursive: true, force: true });
    tried(area, 'faults');
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text }],
    });
    assert.deepEqual(
      comparable(await server.settled(uri, 3, 500)),
      before,
      'the loaded model keeps working after its folder was deleted',
    );

    // 3. The setting now names a new, good folder: a clean reload.
    const next = copyModel(path.join(root, 'model2'));
    server.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
      p.items.map(() => ({ model: next, debounceMs: 0, threads: 1 })),
    );
    const readyCount = server.statuses.filter((s) => s.state === 'ready').length;
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    tried(area, 'faults');
    await server.waitForStatus(() => server.statuses.filter((s) => s.state === 'ready').length > readyCount, 60_000);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 4 },
      contentChanges: [{ text }],
    });
    assert.deepEqual(comparable(await server.settled(uri, 4, 500)), before);
    if (server.process.exitCode !== null) problem(area, 'crashes', 'server exited');
    assert.equal(server.process.exitCode, null);
  });
});
