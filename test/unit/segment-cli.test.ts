// `consistency-check sentences`: the CLI subcommand, called in-process with captured output.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/commands/sentences';
import { UsageError } from '../../src/cli/args';

async function capture(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => (
    out.push(String(chunk)),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (
    err.push(String(chunk)),
    true
  )) as typeof process.stderr.write;
  try {
    const code = await run(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
}

const lines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { start: number; end: number; text: string });

describe('cli: sentences', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'segment-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one {start,end,text} object per sentence', async () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'I live in the U.S. How about you?\n\nHello!! Long time no see.');
    const { code, stdout } = await capture([file]);
    assert.equal(code, 0);
    const objects = lines(stdout);
    assert.deepEqual(objects, [
      { start: 0, end: 18, text: 'I live in the U.S.' },
      { start: 19, end: 33, text: 'How about you?' },
      { start: 35, end: 42, text: 'Hello!!' },
      { start: 43, end: 60, text: 'Long time no see.' },
    ]);
    for (const o of objects) assert.deepEqual(Object.keys(o), ['start', 'end', 'text']);
  });

  it('strips a UTF-8 BOM and reports offsets into the text after it', async () => {
    const file = join(dir, 'bom.txt');
    writeFileSync(file, '\ufeffHi there. Bye.');
    const { stdout } = await capture([file]);
    assert.deepEqual(lines(stdout), [
      { start: 0, end: 9, text: 'Hi there.' },
      { start: 10, end: 14, text: 'Bye.' },
    ]);
  });

  it('takes the language from the extension, --language, or defaults to plain text', async () => {
    const md = join(dir, 'doc.md');
    writeFileSync(md, '# Title\n\n```\ncode. here.\n```\n\nText `x.y` here.');
    assert.deepEqual(
      lines((await capture([md])).stdout).map((o) => o.text),
      ['Title', 'Text `x.y` here.'],
    );
    assert.deepEqual(
      lines((await capture([md, '--language', 'text'])).stdout).map((o) => o.text),
      ['# Title', 'code. here.', 'Text `x.y` here.'],
    );
    const unknown = join(dir, 'notes.unknownext');
    writeFileSync(unknown, '# Not a heading.\nSecond line.');
    assert.deepEqual(
      lines((await capture([unknown])).stdout).map((o) => o.text),
      ['# Not a heading.', 'Second line.'],
    );
    const tex = join(dir, 'x.dat');
    writeFileSync(tex, 'Text \\cite{a}. More.');
    assert.deepEqual(
      lines((await capture([tex, '--language=tex'])).stdout).map((o) => o.text),
      ['Text \\cite{a}.', 'More.'],
    );
  });

  it('exits 2 with a message for a missing file', async () => {
    const { code, stdout, stderr } = await capture([join(dir, 'missing.txt')]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /missing\.txt/);
  });

  it('prints usage for --help and rejects bad usage', async () => {
    const help = await capture(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: consistency-check sentences <file>/);
    await assert.rejects(run([]), UsageError);
    await assert.rejects(run(['a.txt', 'b.txt']), UsageError);
    await assert.rejects(run(['a.txt', '--language', 'klingon']), UsageError);
    await assert.rejects(run(['a.txt', '--bogus']), UsageError);
  });

  it('reproduces the golden rules through .txt files', async () => {
    const cases: Array<[string, string[]]> = [
      [
        'At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.',
        ['At 5 a.m. Mr. Smith went to the bank.', 'He left the bank at 6 P.M.', 'Mr. Smith then went to the store.'],
      ],
      [
        'One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .',
        [
          'One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds.',
          '. . . The practice was not abandoned. . . .',
        ],
      ],
      ['⁃9. The first item ⁃10. The second item', ['⁃9. The first item', '⁃10. The second item']],
    ];
    for (const [i, [text, expected]] of cases.entries()) {
      const file = join(dir, `golden-${i}.txt`);
      writeFileSync(file, text);
      const { code, stdout } = await capture([file]);
      assert.equal(code, 0);
      const got = lines(stdout);
      assert.deepEqual(
        got.map((o) => o.text),
        expected,
      );
      for (const o of got) assert.equal(o.text, text.slice(o.start, o.end));
    }
  });
});
