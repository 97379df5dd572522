// A repository is untrusted input: its `.consistency/` files may be links to devices,
// FIFOs or files outside the workspace, huge, or full of ids and numbers chosen to break us.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ClaimsError,
  MAX_CLAIMS_FILE_BYTES,
  addClaim,
  claimsPath,
  dismissedPath,
  loadClaims,
  loadClaimsWithLines,
  loadDismissed,
  parseClaims,
  serializeClaims,
  updateClaimsFile,
  updateDismissedFile,
} from '../../src/core/claims';
import { lockPathFor } from '../../src/core/claims/file-lock';
import { ClaimsStore } from '../../src/server/claims-store';

const MINIMAL = '{"version":1,"claims":[{"id":"c1","text":"The API is versioned."}]}\n';

async function rejection(promise: Promise<unknown>): Promise<ClaimsError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ClaimsError, `expected ClaimsError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a ClaimsError');
}

/** Resolves with the promise's outcome, or rejects when it takes longer than `ms` (a hang). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms)),
  ]);
}

describe('claims files from a hostile repository', function () {
  if (process.platform === 'win32') return; // links, FIFOs and /dev need POSIX
  let workspace: string;
  let outside: string;
  let file: string;
  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-hostile-ws-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-hostile-out-'));
    file = claimsPath(workspace);
    fs.mkdirSync(path.dirname(file));
  });
  afterEach(() => {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  for (const device of ['/dev/zero', '/dev/urandom', '/dev/stdin']) {
    it(`claims.json and dismissed.json linked to ${device}: refused at once, nothing read from it`, async () => {
      fs.symlinkSync(device, file);
      fs.symlinkSync(device, dismissedPath(workspace));
      // Without the workspace (the CLI's --claims outside the root): not a regular file.
      const e = await within(rejection(loadClaims(file)), 2000);
      assert.match(e.message, /not a regular file|outside the workspace/);
      const d = await within(rejection(loadDismissed(dismissedPath(workspace), { workspace })), 2000);
      assert.match(d.message, /outside the workspace/);
      assert.match(
        (
          await within(
            rejection(updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'x' }), { workspace })),
            2000,
          )
        ).message,
        /outside the workspace/,
      );
    });
  }

  it('a FIFO as claims.json: refused without blocking (no writer ever comes)', async () => {
    execFileSync('mkfifo', [file]);
    const e = await within(rejection(loadClaims(file, { workspace })), 2000);
    assert.match(e.message, /a FIFO \(named pipe\), not a regular file/);
    await within(rejection(updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'x' }), { workspace })), 2000);
    assert.ok(fs.lstatSync(file).isFIFO(), 'the FIFO is left alone');
  });

  it(`a claims file larger than ${MAX_CLAIMS_FILE_BYTES / 1024 / 1024} MB is refused, not read into memory`, async () => {
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_CLAIMS_FILE_BYTES + 1);
    assert.match((await rejection(loadClaims(file))).message, /larger than 16 MB/);
  });

  it('a claims.json linked to a file outside the workspace is neither read nor written', async () => {
    const target = path.join(outside, 'claims.json');
    fs.writeFileSync(target, MINIMAL);
    fs.symlinkSync(target, file);
    assert.match((await rejection(loadClaims(file, { workspace }))).message, /link to .*outside the workspace/);
    await rejection(updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'x' }), { workspace }));
    assert.equal(fs.readFileSync(target, 'utf8'), MINIMAL);
    // A link inside the workspace (a shared file of the same repository) still works.
    const shared = path.join(workspace, 'shared.json');
    fs.writeFileSync(shared, MINIMAL);
    fs.rmSync(file);
    fs.symlinkSync(shared, file);
    await updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'via link' }), { workspace });
    assert.equal((await loadClaims(file, { workspace })).claims.length, 2);
  });

  it('a .consistency folder linked out of the workspace: the server neither pins into it nor cleans it', async () => {
    fs.rmdirSync(path.dirname(file));
    fs.symlinkSync(outside, path.join(workspace, '.consistency'));
    const stray = path.join(outside, '.claims.json.123.abc.tmp');
    fs.writeFileSync(stray, 'x');
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(stray, old, old);
    const store = new ClaimsStore(() => undefined);
    store.setRoot(workspace);
    await store.load();
    store.watch();
    await new Promise((resolve) => setTimeout(resolve, 200));
    store.dispose();
    await assert.rejects(store.pin('The API is versioned.', {}), /outside the workspace/);
    assert.deepEqual(fs.readdirSync(outside), ['.claims.json.123.abc.tmp']);
  });
});

describe('claims files: fields we do not own and ids we did not make', () => {
  it('unknown fields keep their source text: big integers, 1e400, 1.0, -0, nested', () => {
    const text =
      '{"version":1,"claims":[{"id":"c1","text":"a","ticket":12345678901234567890,"big":1e400,"ratio":1.0,"zero":-0,"nested":{"xs":[1.50,2E3]}}],"meta":0.1000}\n';
    const out = serializeClaims(parseClaims(text, 'x'));
    for (const raw of ['12345678901234567890', '1e400', '1.0', '-0', '1.50', '2E3', '0.1000'])
      assert.ok(out.includes(raw), `${raw} in ${out}`);
    assert.equal(serializeClaims(parseClaims(out, 'x')), out, 'stable');
  });

  it('a string field cannot forge a kept number', () => {
    const text = '{"version":1,"claims":[{"id":"c1","text":"a","n":1.0,"s":"@cc-number-000000000000-0@"}]}';
    const out = serializeClaims(parseClaims(text, 'x'));
    assert.ok(out.includes('"s": "@cc-number-000000000000-0@"'), out);
  });

  it('pinning works whatever ids the file holds (2^53, 400 digits, gaps)', () => {
    for (const existing of [
      ['c9007199254740992'],
      ['c' + '9'.repeat(400)],
      ['c1', 'c3', 'c2'],
      ['c999999999999999'],
      ['c1', 'c2x', 'C3'],
    ]) {
      const doc = { version: 1 as const, claims: existing.map((id) => ({ id, text: id, enabled: true })) };
      for (let i = 0; i < 3; i++) addClaim(doc, { text: `new ${i}` });
      const ids = doc.claims.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length, ids.join(' '));
      for (const id of ids.slice(existing.length)) assert.match(id, /^c\d{1,16}$/);
    }
  });

  it('claim lines come from one pass over the file, with the right line for each id', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-lines-'));
    try {
      const f = claimsPath(dir);
      fs.mkdirSync(path.dirname(f));
      // c1's text mentions "c2": a text search found the wrong line.
      fs.writeFileSync(
        f,
        '{\n  "version": 1,\n  "claims": [\n    {"id": "c1", "text": "see \\"c2\\""},\n\n    {"id": "c2", "text": "b"}\n  ]\n}\n',
      );
      const { lines } = await loadClaimsWithLines(f);
      assert.deepEqual(
        [...lines],
        [
          ['c1', 3],
          ['c2', 5],
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('claims files: the save lock', function () {
  if (process.platform === 'win32') return;
  let workspace: string;
  let file: string;
  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-lock-'));
    file = claimsPath(workspace);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, MINIMAL);
  });
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('a lock left by a killed process (pid gone) is taken over at once, and no lock is left', async () => {
    const dead = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    fs.writeFileSync(lockPathFor(file), JSON.stringify({ pid: Number(dead), host: os.hostname(), token: 'old' }));
    await within(
      updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'after a crash' })),
      2000,
    );
    assert.equal((await loadClaims(file)).claims.length, 2);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['claims.json']);
  });

  it("a live process's lock is waited for, then the save goes through", async () => {
    fs.writeFileSync(lockPathFor(file), JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'mine' }));
    const save = updateDismissedFile(dismissedPath(workspace), () => undefined); // no change: no lock needed
    await within(save, 1000);
    const pin = updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'waits' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await loadClaims(file)).claims.length, 1, 'not saved while the lock is held');
    fs.rmSync(lockPathFor(file));
    await within(pin, 2000);
    assert.equal((await loadClaims(file)).claims.length, 2);
  });
});
