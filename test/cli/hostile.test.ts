// The CLI on a hostile repository: unreadable and UTF-16 documents, claims files that
// are devices or links out of the workspace, and claims that carry terminal escape sequences.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-nli');
const CONTRADICTION = 'The clinic does not support email alerts.';

function cli(args: string[], cwd: string, options: { asNobody?: boolean; input?: string } = {}) {
  const env = { ...process.env, XDG_CACHE_HOME: path.join(os.tmpdir(), 'cc-cli-empty-cache') };
  // Root reads a mode-000 file anyway; an unprivileged user does not.
  const asNobody = options.asNobody && process.getuid?.() === 0;
  const [exe, argv] = asNobody
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...args]]
    : [process.execPath, [CLI, ...args]];
  const result = spawnSync(exe, argv as string[], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env,
    input: options.input,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('consistency-check on a hostile repository', function () {
  this.timeout(120_000);
  if (process.platform === 'win32') return;
  let dir: string;
  const claims = (list: unknown[]) =>
    fs.writeFileSync(path.join(dir, '.consistency', 'claims.json'), JSON.stringify({ version: 1, claims: list }));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-cli-hostile-'));
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, '.consistency'));
    claims([{ id: 'c1', text: 'The clinic supports email alerts.' }]);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an unreadable document is skipped with a one-line notice; the others are checked', () => {
    fs.writeFileSync(path.join(dir, 'a.md'), `${CONTRADICTION}\n`);
    fs.writeFileSync(path.join(dir, 'locked.md'), `${CONTRADICTION}\n`);
    fs.chmodSync(path.join(dir, 'locked.md'), 0o000);
    const { code, stdout, stderr } = cli(['check', '.', '--model', MODEL], dir, { asNobody: true });
    assert.equal(code, 1, stderr);
    assert.match(stdout, /^a\.md:1:1: warning: Contradicts claim/m);
    assert.match(stderr, /^locked\.md: skipped: cannot read \(EACCES\)$/m);
  });

  for (const [name, bom, encode] of [
    ['UTF-16 LE', Buffer.from([0xff, 0xfe]), (s: string) => Buffer.from(s, 'utf16le')],
    ['UTF-16 BE', Buffer.from([0xfe, 0xff]), (s: string) => Buffer.from(s, 'utf16le').swap16()],
  ] as const) {
    it(`${name} documents with a byte-order mark are read as text (check and sentences)`, () => {
      const text = `Intro line here.\n\n${CONTRADICTION}\n`;
      fs.writeFileSync(path.join(dir, 'wide.md'), Buffer.concat([bom, encode(text)]));
      const checked = cli(['check', 'wide.md', '--model', MODEL], dir);
      assert.equal(checked.code, 1, checked.stderr);
      assert.match(checked.stdout, /^wide\.md:3:1: warning: Contradicts claim/m);
      const sentences = cli(['sentences', 'wide.md'], dir);
      assert.equal(sentences.code, 0, sentences.stderr);
      assert.ok(!sentences.stdout.includes('\\u0000'), sentences.stdout);
      const lines = sentences.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { start: number; end: number; text: string });
      assert.deepEqual(
        lines.map((l) => l.text),
        ['Intro line here.', CONTRADICTION],
      );
      for (const l of lines) assert.equal(text.slice(l.start, l.end), l.text);
    });
  }

  it('claim texts and ids with terminal escapes are printed escaped in text output, and kept in JSON', () => {
    // (Printable text after the ESC would change what the model reads; the id carries a full sequence.)
    claims([{ id: 'c1\u001b[2J\u001b[H', text: 'The clinic supports email alerts.\u001b\u0007' }]);
    fs.writeFileSync(path.join(dir, 'a.md'), `${CONTRADICTION}\n`);
    const text = cli(['check', 'a.md', '--model', MODEL], dir);
    assert.equal(text.code, 1, text.stderr);
    assert.ok(!/[\u001b\u0007]/.test(text.stdout + text.stderr), JSON.stringify(text.stdout));
    assert.ok(
      text.stdout.includes('alerts.\\u001b\\u0007"') && text.stdout.includes('[c1\\u001b[2J\\u001b[H]'),
      text.stdout,
    );
    const json = cli(['check', 'a.md', '--model', MODEL, '--format', 'json'], dir);
    assert.equal(
      (JSON.parse(json.stdout) as { findings: Array<{ claimId: string }> }).findings[0].claimId,
      'c1\u001b[2J\u001b[H',
    );
    // An error message that quotes a claim id (a duplicate) is escaped too.
    claims([
      { id: 'x\u001b]0;owned\u0007', text: 'a' },
      { id: 'x\u001b]0;owned\u0007', text: 'b' },
    ]);
    const dup = cli(['check', 'a.md', '--model', MODEL], dir);
    assert.equal(dup.code, 2);
    assert.ok(!/[\u001b\u0007]/.test(dup.stderr), dup.stderr);
    assert.match(dup.stderr, /duplicate claim id/);
  });

  it('claims.json linked to /dev/zero, a FIFO, or a file outside the workspace: exit 2 at once with a message', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-cli-outside-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.md'), `${CONTRADICTION}\n`);
      fs.writeFileSync(path.join(outside, 'claims.json'), JSON.stringify({ version: 1, claims: [] }));
      const file = path.join(dir, '.consistency', 'claims.json');
      for (const [make, pattern] of [
        [() => fs.symlinkSync('/dev/zero', file), /outside the workspace/],
        [() => spawnSync('mkfifo', [file]), /FIFO/],
        [() => fs.symlinkSync(path.join(outside, 'claims.json'), file), /outside the workspace/],
      ] as const) {
        fs.rmSync(file, { force: true });
        make();
        const started = Date.now();
        const { code, stderr } = cli(['check', 'a.md', '--model', MODEL], dir);
        assert.equal(code, 2, stderr);
        assert.match(stderr, pattern);
        assert.ok(Date.now() - started < 30_000);
      }
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
