// `check --cross [document|workspace]`: contradictions between sentences, no claim needed.
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run as check } from '../../src/cli/commands/check';
import { normalizeCrossFlag } from '../../src/cli/cross-run';
import { captureCommand } from '../helpers/cli-capture';

const MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-nli');
/** `check ARGS --model MODEL --format json --quiet`. */
const checkJson = (...args: string[]) =>
  captureCommand(check, [...args, '--model', MODEL, '--format', 'json', '--quiet']);

interface JsonFinding {
  kind: string;
  file: string;
  start: number;
  end: number;
  line: number;
  character: number;
  sentence: string;
  probabilities: Record<string, number>;
  other?: { file: string; start: number; end: number; line: number; character: number; sentence: string };
}

describe('consistency-check check --cross', function () {
  this.timeout(120_000);
  let dir: string;
  let cwd: string;
  const overview =
    '# Overview\n\nThe service supports two factor authentication.\n\nThe museum includes audio recordings.\n';
  const faq = '# FAQ\n\nSome notes first.\n\nThe service does not support two factor authentication.\n';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cc-cross-'));
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs', 'overview.md'), overview);
    writeFileSync(path.join(dir, 'docs', 'faq.md'), faq);
    cwd = process.cwd();
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes an optional scope', () => {
    assert.deepEqual(normalizeCrossFlag(['--cross', 'a.md']), ['--cross=workspace', 'a.md']);
    assert.deepEqual(normalizeCrossFlag(['a.md', '--cross', 'document']), ['a.md', '--cross=document']);
    assert.deepEqual(normalizeCrossFlag(['--cross=document', '--', '--cross']), ['--cross=document', '--', '--cross']);
  });

  it('finds a contradiction between two documents without a claims file, JSON names both places', async () => {
    const { code, out, err } = await checkJson('docs', '--cross');
    assert.equal(code, 1, err);
    assert.doesNotMatch(err, /no enabled claims/);
    const findings = JSON.parse(out).findings as JsonFinding[];
    assert.equal(findings.length, 1, out);
    const [f] = findings;
    assert.equal(f.kind, 'cross');
    // Files are in the order they were found; each side's offsets point into its own file.
    const texts: Record<string, string> = { 'docs/overview.md': overview, 'docs/faq.md': faq };
    assert.equal(texts[f.file].slice(f.start, f.end), f.sentence);
    assert.equal(texts[f.other!.file].slice(f.other!.start, f.other!.end), f.other!.sentence);
    assert.deepEqual(
      new Set([f.sentence, f.other!.sentence]),
      new Set([
        'The service supports two factor authentication.',
        'The service does not support two factor authentication.',
      ]),
    );
    assert.deepEqual(Object.keys(f.other!), ['file', 'start', 'end', 'line', 'character', 'sentence']);
    assert.equal(f.other!.line, texts[f.other!.file].slice(0, f.other!.start).split('\n').length);
    assert.ok(f.probabilities.contradiction >= 0.5);
  });

  it('prints both places in the text format', async () => {
    const { code, out } = await captureCommand(check, ['docs', '--cross', 'workspace', '--model', MODEL, '--quiet']);
    assert.equal(code, 1);
    assert.match(
      out,
      /^docs\/\w+\.md:\d+:1: warning: Contradicts docs\/\w+\.md:\d+:1 \(\d+%\) \[cross\]\n {4}The service .*\n {4}docs\/\w+\.md:\d+:1: The service .*\n$/,
    );
  });

  it('keeps to each document with --cross document', async () => {
    const apart = await captureCommand(check, ['docs', '--cross', 'document', '--model', MODEL, '--quiet']);
    assert.equal(apart.code, 0, apart.out);
    writeFileSync(path.join(dir, 'docs', 'all.md'), overview + '\n' + faq);
    const together = await checkJson('docs/all.md', '--cross=document');
    assert.equal(together.code, 1);
    const [f] = JSON.parse(together.out).findings as JsonFinding[];
    assert.equal(f.file, 'docs/all.md');
    assert.equal(f.other!.file, 'docs/all.md');
  });

  it('still reports claim findings as kind "claim", and rejects an unknown scope', async () => {
    mkdirSync(path.join(dir, '.consistency'));
    writeFileSync(
      path.join(dir, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The service supports two factor authentication.' }] }),
    );
    const { out } = await checkJson('docs', '--cross');
    const kinds = (JSON.parse(out).findings as JsonFinding[]).map((f) => f.kind);
    // The sentence that states the claim is left to the claim check: no cross duplicate.
    assert.deepEqual(kinds, ['claim']);
    const bad = await captureCommand(check, ['docs', '--cross=everything', '--model', MODEL]).catch((e: Error) => ({
      code: 2,
      out: '',
      err: e.message,
    }));
    assert.equal(bad.code, 2);
  });

  it('no claims: two sentences that state different rates of the same thing, with no other shared wording', async () => {
    writeFileSync(
      path.join(dir, 'docs', 'api.md'),
      '# API\n\nThe API allows 100 requests per second.\n\n## Clients\n\nClients may send up to 50 requests per second.\n',
    );
    const { code, out } = await checkJson('docs/api.md', '--cross=document');
    assert.equal(code, 1, out);
    const quantities = (JSON.parse(out).findings as Array<JsonFinding & { message: string }>).filter(
      (f) => f.kind === 'quantity',
    );
    assert.equal(quantities.length, 1, out);
    assert.match(
      quantities[0].message,
      /^Says (up to 50|100) requests per second; docs\/api\.md:\d+:1 says (100|up to 50) requests per second$/,
    );
  });

  it('reports quantities that disagree (kind "quantity"), between files and against a claim; --no-quantities turns it off', async () => {
    writeFileSync(path.join(dir, 'docs', 'limits.md'), '# Limits\n\nThe session timeout is 30 seconds.\n');
    writeFileSync(
      path.join(dir, 'docs', 'faq.md'),
      '# FAQ\n\nThe session timeout is two minutes.\n\nClients may send up to 50 requests per second.\n',
    );
    mkdirSync(path.join(dir, '.consistency'));
    writeFileSync(
      path.join(dir, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The API allows 100 requests per second.' }] }),
    );
    const { code, out } = await checkJson('docs', '--cross');
    assert.equal(code, 1);
    const quantities = (JSON.parse(out).findings as Array<JsonFinding & { message: string; claimId: string }>).filter(
      (f) => f.kind === 'quantity',
    );
    assert.equal(quantities.length, 2, out);
    const between = quantities.find((f) => f.other)!;
    assert.match(between.message, /^Says (30 seconds|two minutes); docs\/\w+\.md:3:1 says (two minutes|30 seconds)$/);
    const claim = quantities.find((f) => !f.other)!;
    assert.equal(claim.claimId, 'c1');
    assert.equal(claim.message, 'Says up to 50 requests per second; the claim says 100 requests per second');
    const text = await captureCommand(check, ['docs', '--cross', '--model', MODEL, '--quiet']);
    assert.match(
      text.out,
      /: warning: Says up to 50 requests per second; the claim says 100 requests per second \[quantity:c1\]\n/,
    );
    const off = await checkJson('docs', '--cross', '--no-quantities');
    assert.ok(!(JSON.parse(off.out).findings as JsonFinding[]).some((f) => f.kind === 'quantity'));
    const claimsOnly = await checkJson('docs');
    assert.ok(
      !(JSON.parse(claimsOnly.out).findings as JsonFinding[]).some((f) => f.kind === 'quantity'),
      'without --cross or --quantities nothing changes',
    );
  });
});
