// Loading and saving .consistency/claims.json on a real file system: never overwrite a file we
// could not read, never leave half a file or a temp file behind, never lose a concurrent edit.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import {
  ClaimsError,
  addClaim,
  claimsPath,
  loadClaims,
  parseClaims,
  serializeClaims,
  updateClaimsFile,
  type ClaimsDocument,
} from '../../src/core/claims';
import { FileWriteError, writeFileAtomic } from '../../src/core/util/atomic-write';

const MINIMAL = '{"version":1,"claims":[{"id":"c1","text":"The API is versioned."}]}\n';

let workspace: string;
let file: string;

function hashOf(p: string): string {
  return createHash('sha256').update(fs.readFileSync(p)).digest('hex');
}

function folderListing(): string[] {
  return fs.readdirSync(path.dirname(file)).sort();
}

function writeClaims(text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Re-lays out text written with the defaults (2 spaces, \n, final newline, no BOM). */
function restyle(text: string, style: { indent: string; eol: string; finalNewline: boolean; bom: boolean }): string {
  const lines = text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => {
      const leading = /^ */.exec(line)![0].length;
      return style.indent.repeat(leading / 2) + line.slice(leading);
    });
  return (style.bom ? '\uFEFF' : '') + lines.join(style.eol) + (style.finalNewline ? style.eol : '');
}

async function rejection(promise: Promise<unknown>): Promise<ClaimsError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ClaimsError, `expected ClaimsError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a ClaimsError');
}

async function writeRejection(promise: Promise<unknown>): Promise<FileWriteError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof FileWriteError, `expected FileWriteError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a FileWriteError');
}

beforeEach(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-claims-'));
  file = claimsPath(workspace);
});

afterEach(() => {
  // Undo any chmod a test made, so the folder can be removed.
  for (const dir of [workspace, path.join(workspace, '.consistency')]) if (fs.existsSync(dir)) fs.chmodSync(dir, 0o755);
  fs.rmSync(workspace, { recursive: true, force: true });
});

describe('claims file: loadClaims', () => {
  it('treats a missing file as no claims, and creates nothing', async () => {
    assert.deepEqual(await loadClaims(file), { version: 1, claims: [] });
    assert.equal(fs.existsSync(path.dirname(file)), false);
  });

  it('loads the minimal file', async () => {
    writeClaims(MINIMAL);
    assert.deepEqual(await loadClaims(file), {
      version: 1,
      claims: [{ id: 'c1', text: 'The API is versioned.', enabled: true }],
    });
  });

  it('names the file as given in its messages', async () => {
    writeClaims('{"version": 1, "claims": [}');
    assert.equal((await rejection(loadClaims(file))).message, `${file}:1:27: unexpected '}', expected a value`);
  });

  it('reports a folder where the file should be as a read error, with the cause', async () => {
    fs.mkdirSync(file, { recursive: true });
    const e = await rejection(loadClaims(file));
    assert.equal(e.message, `${file}: cannot read: the path is a folder, not a file (EISDIR)`);
    assert.equal((e.cause as NodeJS.ErrnoException).code, 'EISDIR');
  });
});

describe('claims file: a file that fails to load is never modified', () => {
  // Each with the line:column its error must point at.
  const invalid: Record<string, [string | Buffer, string]> = {
    'trailing comma': ['{\n  "version": 1,\n  "claims": [],\n}\n', '3:15'],
    'truncated file': ['{\n  "version": 1,\n  "claims": [\n    {"id": "c1", "te', '4:21'],
    'binary garbage': [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]), '1:1'],
    'empty file': ['', '1:1'],
    'schema error': ['{"version": 1, "claims": [{"id": "c1", "text": "  "}]}', '1:48'],
    'duplicate ids': ['{"version": 1, "claims": [{"id": "c1", "text": "a"}, {"id": "c1", "text": "b"}]}', '1:61'],
    'newer version': ['{"version": 2, "claims": []}', '1:13'],
  };
  for (const [name, [content, position]] of Object.entries(invalid)) {
    it(`${name}: load and update both refuse; bytes and mtime unchanged; no temp file`, async () => {
      writeClaims(content);
      const past = new Date(Date.now() - 60_000);
      fs.utimesSync(file, past, past);
      const before = { hash: hashOf(file), mtime: fs.statSync(file).mtimeMs };

      await rejection(loadClaims(file));
      let mutated = false;
      const e = await rejection(
        updateClaimsFile(file, (doc) => {
          mutated = true;
          addClaim(doc, { text: 'new' });
        }),
      );

      assert.ok(e.message.startsWith(`${file}:${position}: `), e.message);
      assert.equal(mutated, false);
      assert.deepEqual({ hash: hashOf(file), mtime: fs.statSync(file).mtimeMs }, before);
      assert.deepEqual(folderListing(), ['claims.json']);
    });
  }
});

describe('claims file: updateClaimsFile', () => {
  it('creates .consistency/ and the file on the first pin', async () => {
    const saved = await updateClaimsFile(file, (doc) => {
      addClaim(doc, {
        text: 'Tokens expire after 1 hour.',
        source: { file: 'docs/auth.md', start: 10, end: 37, line: 2 },
      });
    });
    assert.equal(saved.claims[0]!.id, 'c1');
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      '{\n  "version": 1,\n  "claims": [\n    {\n      "id": "c1",\n      "text": "Tokens expire after 1 hour.",\n      "enabled": true,\n' +
        '      "source": {\n        "file": "docs/auth.md",\n        "start": 10,\n        "end": 37,\n        "line": 2\n      }\n    }\n  ]\n}\n',
    );
  });

  it('accepts a mutate that returns a new document', async () => {
    writeClaims(MINIMAL);
    await updateClaimsFile(file, (doc): ClaimsDocument => ({
      version: 1,
      claims: doc.claims.map((c) => ({ ...c, enabled: false })),
    }));
    assert.equal((await loadClaims(file)).claims[0]!.enabled, false);
  });

  it('keeps the file’s indentation, line endings, final newline and BOM', async () => {
    const oneClaim = serializeClaims({ version: 1, claims: [{ id: 'c1', text: 'x', enabled: true }] });
    const styles: [string, { indent: string; eol: string; finalNewline: boolean; bom: boolean }][] = [
      ['{\n    "version": 1,\n    "claims": []\n}\n', { indent: '    ', eol: '\n', finalNewline: true, bom: false }],
      ['{\n\t"version": 1,\n\t"claims": []\n}\n', { indent: '\t', eol: '\n', finalNewline: true, bom: false }],
      [
        '{\r\n  "version": 1,\r\n  "claims": []\r\n}\r\n',
        { indent: '  ', eol: '\r\n', finalNewline: true, bom: false },
      ],
      ['{\n  "version": 1,\n  "claims": []\n}', { indent: '  ', eol: '\n', finalNewline: false, bom: false }],
      ['\uFEFF{\n  "version": 1,\n  "claims": []\n}\n', { indent: '  ', eol: '\n', finalNewline: true, bom: true }],
    ];
    for (const [original, style] of styles) {
      writeClaims(original);
      await updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'x' }));
      assert.equal(fs.readFileSync(file, 'utf8'), restyle(oneClaim, style), JSON.stringify(original));
    }
  });

  it('writes nothing when mutate changes nothing: no new file, no reformatting, same mtime', async () => {
    await updateClaimsFile(file, () => undefined);
    assert.equal(fs.existsSync(path.dirname(file)), false);

    const handMade = '{ "version": 1, "claims": [ { "id": "c1", "text": "a", "scope": ["docs/**"] } ] }\n';
    writeClaims(handMade);
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(file, past, past);
    const mtime = fs.statSync(file).mtimeMs;
    await updateClaimsFile(file, (doc) => {
      doc.claims[0]!.text = 'a';
    });
    assert.equal(fs.readFileSync(file, 'utf8'), handMade);
    assert.equal(fs.statSync(file).mtimeMs, mtime);
  });

  it('refuses to save an invalid result, leaving the file as it was', async () => {
    writeClaims(MINIMAL);
    const hash = hashOf(file);
    const e = await rejection(updateClaimsFile(file, (doc) => void (doc.claims[0]!.text = '   ')));
    assert.equal(e.message, `${file}: claims[0].text must be a non-empty string`);
    assert.equal(e.line, undefined);
    const dup = await rejection(
      updateClaimsFile(file, (doc) => void doc.claims.push({ id: 'c1', text: 'again', enabled: true })),
    );
    assert.equal(dup.message, `${file}: duplicate claim id "c1" in claims[1]; claims[0] already uses it`);
    assert.equal(hashOf(file), hash);
    assert.deepEqual(folderListing(), ['claims.json']);
  });

  it('passes errors thrown by mutate through, writing nothing', async () => {
    writeClaims(MINIMAL);
    const hash = hashOf(file);
    await assert.rejects(
      updateClaimsFile(file, () => {
        throw new Error('No claim with id "c9".');
      }),
      { message: 'No claim with id "c9".' },
    );
    assert.equal(hashOf(file), hash);
  });

  it('keeps a teammate’s unknown fields through an update', async () => {
    writeClaims('{"version": 1, "generator": "cc 2.0", "claims": [{"id": "c1", "text": "a", "severity": "error"}]}');
    await updateClaimsFile(file, (doc) => {
      doc.claims = doc.claims.map((c) => ({ ...c, note: 'checked' }));
      addClaim(doc, { text: 'b' });
    });
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { generator: string; claims: Record<string, unknown>[] };
    assert.equal(saved.generator, 'cc 2.0');
    assert.deepEqual(saved.claims[0], { id: 'c1', text: 'a', enabled: true, note: 'checked', severity: 'error' });
  });

  it('leaves no temp file behind after many saves', async () => {
    for (let i = 0; i < 10; i++) await updateClaimsFile(file, (doc) => void addClaim(doc, { text: `claim ${i}` }));
    assert.deepEqual(folderListing(), ['claims.json']);
    assert.equal((await loadClaims(file)).claims.length, 10);
  });
});

describe('claims file: concurrent edits are merged, never lost', () => {
  const teammate =
    '{\n  "version": 1,\n  "claims": [\n    {"id": "c1", "text": "a"},\n    {"id": "c2", "text": "teammate"}\n  ]\n}\n';

  it('re-applies mutate when the file changed on disk during the update', async () => {
    writeClaims('{\n  "version": 1,\n  "claims": [\n    {"id": "c1", "text": "a"}\n  ]\n}\n');
    let calls = 0;
    const saved = await updateClaimsFile(file, (doc) => {
      calls++;
      // Another editor saves while this update is in flight (after our read, before our rename).
      if (calls === 1) fs.writeFileSync(file, teammate);
      addClaim(doc, { text: 'mine' });
    });
    assert.equal(calls, 2);
    assert.deepEqual(
      saved.claims.map((c) => [c.id, c.text]),
      [
        ['c1', 'a'],
        ['c2', 'teammate'],
        ['c3', 'mine'],
      ],
    );
    assert.deepEqual(
      (await loadClaims(file)).claims.map((c) => c.text),
      ['a', 'teammate', 'mine'],
    );
    assert.deepEqual(folderListing(), ['claims.json']);
  });

  it('notices a file created meanwhile (the first pin racing another)', async () => {
    let calls = 0;
    await updateClaimsFile(file, (doc) => {
      if (++calls === 1) writeClaims(teammate);
      addClaim(doc, { text: 'mine' });
    });
    assert.deepEqual(
      (await loadClaims(file)).claims.map((c) => c.text),
      ['a', 'teammate', 'mine'],
    );
  });

  it('gives up after a few attempts without clobbering a file that keeps changing', async () => {
    writeClaims(MINIMAL);
    let calls = 0;
    const e = await rejection(
      updateClaimsFile(file, (doc) => {
        calls++;
        fs.writeFileSync(file, teammate.replace('teammate', `teammate ${calls}`));
        addClaim(doc, { text: 'mine' });
      }),
    );
    assert.equal(e.message, `${file}: the file changed on disk 10 times while saving; nothing was saved, try again`);
    // One planning pass before taking the lock (does the save change anything?), then 10 attempts.
    assert.equal(calls, 11);
    assert.equal(fs.readFileSync(file, 'utf8'), teammate.replace('teammate', 'teammate 11'));
    assert.deepEqual(folderListing(), ['claims.json']);
  });

  it('refuses, without overwriting, when the concurrent edit left the file invalid', async () => {
    writeClaims(MINIMAL);
    const halfTyped = '{\n  "version": 1,\n  "claims": [\n    {"id": "c1", "text": "a"},\n    {"id": "c2", "te\n';
    let calls = 0;
    const e = await rejection(
      updateClaimsFile(file, (doc) => {
        if (++calls === 1) fs.writeFileSync(file, halfTyped);
        addClaim(doc, { text: 'mine' });
      }),
    );
    assert.match(e.message, /claims\.json:5:21: line break inside a string/);
    assert.equal(fs.readFileSync(file, 'utf8'), halfTyped);
    assert.deepEqual(folderListing(), ['claims.json']);
  });

  it('queues simultaneous updates from this process so none is lost', async () => {
    writeClaims(MINIMAL);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        updateClaimsFile(file, (doc) => void addClaim(doc, { text: `parallel ${i}` })),
      ),
    );
    const claims = (await loadClaims(file)).claims;
    assert.equal(claims.length, 9);
    assert.equal(new Set(claims.map((c) => c.id)).size, 9);
  });
});

describe('claims file: writeFileAtomic', () => {
  it('replaces the content and keeps the file’s permissions', async function () {
    if (process.platform === 'win32') this.skip(); // POSIX permissions only
    writeClaims(MINIMAL);
    fs.chmodSync(file, 0o600);
    await writeFileAtomic(file, 'new\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(folderListing(), ['claims.json']);
  });

  it('refuses to replace a read-only file (mode without write bits, whoever runs it)', async function () {
    if (process.platform === 'win32') this.skip(); // chmod only toggles the read-only attribute there; same check, other setup
    writeClaims(MINIMAL);
    fs.chmodSync(file, 0o444);
    const e = await rejection(updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'x' })));
    assert.equal(e.message, `${file}: cannot save: the file is read-only (the previous file is unchanged)`);
    assert.equal(fs.readFileSync(file, 'utf8'), MINIMAL);
    assert.deepEqual(folderListing(), ['claims.json']);
  });

  it('writes through a symlink, keeping the link', async function () {
    if (process.platform === 'win32') this.skip(); // symlinks need privileges there
    const shared = path.join(workspace, 'shared-claims.json');
    fs.writeFileSync(shared, MINIMAL);
    fs.mkdirSync(path.dirname(file));
    fs.symlinkSync(shared, file);
    await updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'via link' }));
    assert.ok(fs.lstatSync(file).isSymbolicLink());
    assert.equal(parseClaims(fs.readFileSync(shared, 'utf8'), shared).claims.length, 2);
  });
});

describe('claims file: write failures leave the old file and no temp file', () => {
  let bundle: string;

  before(async function () {
    if (process.platform === 'win32') return;
    // The RLIMIT_FSIZE faults need a child process, which runs the module bundled to plain JS:
    // running TypeScript through tsx there would make tsx's own cache writes hit the limit too.
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-claims-bundle-'));
    bundle = path.join(dir, 'claims.cjs');
    await build({
      entryPoints: [path.join(__dirname, '../../src/core/claims/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
  });

  after(() => {
    if (bundle) fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
  });

  /**
   * Runs updateClaimsFile (adding a 64 KiB claim) in a child whose file-size limit is `blocks`
   * 512- or 1024-byte blocks (the shell's unit): a kernel-enforced write failure, EFBIG, that
   * root cannot bypass. 0 means no byte can be written; 16 lets the write fail midway, the way
   * a disk that fills up does.
   */
  function updateUnderFileSizeLimit(blocks: number): { ok: boolean; name?: string; message?: string; cause?: string } {
    const script = `
      const { updateClaimsFile, addClaim } = require(process.env.CC_BUNDLE);
      updateClaimsFile(process.env.CC_FILE, (doc) => void addClaim(doc, { text: 'x'.repeat(65536) })).then(
        () => console.log(JSON.stringify({ ok: true })),
        (e) => console.log(JSON.stringify({ ok: false, name: e.name, message: e.message, cause: e.cause && e.cause.code })));`;
    const child = spawnSync('/bin/sh', ['-c', `ulimit -f ${blocks} && exec "$0" -e "$1"`, process.execPath, script], {
      env: { ...process.env, CC_BUNDLE: bundle, CC_FILE: file },
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout) as { ok: boolean; name?: string; message?: string; cause?: string };
  }

  function assertCleanFailure(
    result: { ok: boolean; name?: string; message?: string; cause?: string },
    code: string,
    hash: string,
  ): void {
    assert.equal(result.ok, false, 'the save should have failed');
    assert.equal(result.name, 'ClaimsError');
    assert.ok(result.message!.startsWith(`${file}: cannot save (the previous file is unchanged): `), result.message);
    assert.equal(result.cause, code);
    assert.equal(hashOf(file), hash);
    assert.deepEqual(folderListing(), ['claims.json']);
  }

  it('read-only folder: ClaimsError with cause, old file intact, temp file removed', async function () {
    if (process.platform === 'win32') this.skip(); // chmod cannot make a Windows folder read-only
    writeClaims(MINIMAL);
    const hash = hashOf(file);
    const folder = path.dirname(file);
    fs.chmodSync(folder, 0o555);
    if (!folderIgnoresChmod(folder)) {
      const e = await rejection(updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'new' })));
      assert.ok(
        e.message.startsWith(`${file}: cannot save (the previous file is unchanged): permission denied (EACCES)`),
        e.message,
      );
      assert.equal((e.cause as NodeJS.ErrnoException).code, 'EACCES');
      assert.equal(hashOf(file), hash);
      assert.deepEqual(folderListing(), ['claims.json']);
      return;
    }
    // Running as root (as in CI containers): chmod 0555 does not stop root from writing, so
    // this test would prove nothing. Use a fault root cannot override instead: a file-size
    // limit of 0, so no byte can be written anywhere - the temp file is created, its first
    // write fails with EFBIG, and the contract must hold just the same.
    fs.chmodSync(folder, 0o755);
    assertCleanFailure(updateUnderFileSizeLimit(0), 'EFBIG', hash);
  });

  it('disk full midway through the write (file-size limit): old file intact, partial temp file removed', function () {
    if (process.platform === 'win32') this.skip(); // needs a POSIX shell's ulimit
    writeClaims(MINIMAL);
    assertCleanFailure(updateUnderFileSizeLimit(16), 'EFBIG', hashOf(file));
  });

  it('a file where the folder should be: FileWriteError with cause, that file untouched', async () => {
    fs.writeFileSync(path.join(workspace, '.consistency'), 'not a folder\n');
    const blocker = hashOf(path.join(workspace, '.consistency'));
    const e = await writeRejection(writeFileAtomic(file, MINIMAL));
    assert.equal(
      e.message,
      `${file}: cannot save (the previous file is unchanged): a part of the path is a file, not a folder (ENOTDIR)`,
    );
    assert.equal((e.cause as NodeJS.ErrnoException).code, 'ENOTDIR');
    assert.equal(hashOf(path.join(workspace, '.consistency')), blocker);
    // updateClaimsFile stops at reading the same path.
    assert.equal(
      (await rejection(updateClaimsFile(file, (doc) => void addClaim(doc, { text: 'x' })))).message,
      `${file}: cannot read: a part of the path is a file, not a folder (ENOTDIR)`,
    );
  });

  it('a folder where the file should be: the rename fails after the temp file is written, and the temp file is removed', async () => {
    fs.mkdirSync(path.join(file, 'keep'), { recursive: true });
    const e = await writeRejection(writeFileAtomic(file, MINIMAL));
    assert.match(e.message, /cannot save \(the previous file is unchanged\): .*\((EISDIR|ENOTEMPTY|EEXIST)\)$/);
    assert.deepEqual(folderListing(), ['claims.json']);
    assert.deepEqual(fs.readdirSync(file), ['keep']);
  });
});

/** True when writing into a 0555 folder still works (root, or CAP_DAC_OVERRIDE). */
function folderIgnoresChmod(folder: string): boolean {
  const probe = path.join(folder, '.write-probe');
  try {
    fs.writeFileSync(probe, '');
  } catch {
    return false;
  }
  fs.rmSync(probe);
  return true;
}
