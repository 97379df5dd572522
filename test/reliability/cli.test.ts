// The CLI with random arguments and random bytes on stdin: the built dist/cli.js in a child
// process, as users and CI run it. Whatever the input, the exit code is 0, 1 or 2, the process
// ends on its own (no hang), and stderr carries a message, never a stack trace or a crash report.
// Process spawns are slow, so the count is modest; RELIABILITY_SCALE raises it.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { SEED, problem, runs, tried } from './figures';
import { CLI, FIXTURE_MODEL, looksLikeCrash } from './helpers';

const TOKENS = [
  'sentences',
  'score',
  'check',
  'serve',
  'model',
  'eval',
  'help',
  '--help',
  '-h',
  '--version',
  '-V',
  'list',
  'pull',
  'convert',
  'info',
  'verify',
  '--model',
  'model',
  './model',
  'nope/',
  '--claims',
  '.consistency/claims.json',
  'claims.json',
  '--threshold',
  '0.5',
  '2',
  '-1',
  'NaN',
  '1e309',
  '',
  '--format',
  'json',
  'sarif',
  'text',
  'xml',
  '--language',
  'md',
  'tex',
  'rst',
  'adoc',
  'klingon',
  '--root',
  '.',
  '..',
  '--max-file-size',
  '0',
  '10',
  '--threads',
  '1',
  '0',
  '99999',
  '--data',
  'data.jsonl',
  'doc.md',
  '--endpoint',
  'http://example.com',
  'ftp://x',
  'https://',
  '--timeout',
  '1',
  '--retries',
  '0',
  '--cache-dir',
  'cache',
  '--out',
  'out',
  '--int8',
  '--fp32',
  '--no-dismissed',
  '--',
  '-',
  'doc.md',
  'doc.tex',
  'missing.md',
  'bin.dat',
  'big.md',
  '*.md',
  '**/*',
  'dir',
  '/dev/null',
  '--stdio',
  'e5-small-v2-nli',
  'nli-deberta-v3-xsmall',
  '--precision',
  'int8',
  'fp32',
  '--batch-size',
  '--limit',
  '--weight-bits',
  '7',
  '9',
  '--operators',
  'standard',
  '--bogus',
  '--model=',
  '--format=json',
  '--threads=2',
  '-x',
];

const argvArbitrary = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...TOKENS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }).map((s) => s.replace(/\u0000/g, '')) },
  ),
  { maxLength: 7 },
);
const stdinArbitrary = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
  fc
    .array(
      fc.record(
        {
          premise: fc.string({ maxLength: 40 }),
          hypothesis: fc.string({ maxLength: 40 }),
          label: fc.constantFrom('entailment', 'neutral', 'contradiction', 2, '-'),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 5 },
    )
    .map((rows) => Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n'))),
  fc.string({ maxLength: 500 }).map((s) => Buffer.from(`# Title\n\n${s}\n`)),
);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdoutBytes: number;
  timedOut: boolean;
}

function runCli(args: string[], stdin: Buffer, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    let stdoutBytes = 0;
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.on('data', (c: Buffer) => (stdoutBytes += c.length));
    child.stdin.on('error', () => undefined); // the command may not read stdin at all
    child.stdin.end(stdin);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, stdoutBytes, timedOut });
    });
  });
}

describe('reliability: the CLI with random arguments and stdin', function () {
  this.timeout(0);
  let dir: string;
  let hub: http.Server;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-rel-cli-'));
    // A writable copy of the fixture model: `model convert` without --out writes into its input.
    fs.mkdirSync(path.join(dir, 'model', 'onnx'), { recursive: true });
    for (const f of [
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'model.safetensors',
      'onnx/model.onnx',
    ]) {
      if (fs.existsSync(path.join(FIXTURE_MODEL, f)))
        fs.copyFileSync(path.join(FIXTURE_MODEL, f), path.join(dir, 'model', f));
    }
    fs.mkdirSync(path.join(dir, '.consistency'));
    fs.writeFileSync(
      path.join(dir, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }),
    );
    fs.writeFileSync(path.join(dir, 'claims.json'), '{"version": 1, "claims": [');
    fs.writeFileSync(
      path.join(dir, 'doc.md'),
      '# Clinic\n\nThe clinic does not support email alerts. The museum is open.\n',
    );
    fs.writeFileSync(
      path.join(dir, 'doc.tex'),
      '\\section{X} The clinic does not support email alerts. \\begin{itemize}',
    );
    fs.writeFileSync(path.join(dir, 'bin.dat'), Buffer.from([0, 1, 2, 3, 255, 0, 7]));
    fs.writeFileSync(path.join(dir, 'big.md'), 'The clinic sat. '.repeat(20_000));
    fs.writeFileSync(path.join(dir, 'data.jsonl'), '{"premise":"A.","hypothesis":"B.","label":"neutral"}\nnot json\n');
    fs.mkdirSync(path.join(dir, 'dir'));
    // The Hub endpoint of `model pull`: a local server that says 404 at once, so no run waits on the network.
    hub = http.createServer((_req, res) => {
      res.writeHead(404);
      res.end('Entry not found');
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    const { port } = hub.address() as AddressInfo;
    env = {
      PATH: process.env.PATH,
      HOME: dir,
      XDG_CACHE_HOME: path.join(dir, 'xdg'),
      HF_ENDPOINT: `http://127.0.0.1:${port}`,
    };
  });

  after(async () => {
    await new Promise<void>((resolve) => hub.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0, 1 or 2 without a stack trace for random argv and stdin', async () => {
    const area = 'cli/random';
    let count = 0;
    try {
      await fc.assert(
        fc.asyncProperty(argvArbitrary, stdinArbitrary, async (args, stdin) => {
          count++;
          const result = await runCli(args, stdin, dir, env, 60_000);
          const what = `consistency-check ${JSON.stringify(args)} with ${stdin.length} bytes on stdin`;
          if (result.timedOut) {
            problem(area, 'hangs', `${what}: still running after 60 s`);
            throw new Error(`${what}: hang`);
          }
          if (result.signal || looksLikeCrash(result.stderr)) {
            problem(area, 'crashes', `${what}: signal ${result.signal}, stderr ${result.stderr.slice(0, 400)}`);
            throw new Error(`${what}: crash: ${result.stderr.slice(0, 2000)}`);
          }
          if (![0, 1, 2].includes(result.code ?? -1)) {
            problem(area, 'failures', `${what}: exit code ${result.code}`);
            throw new Error(`${what}: exit code ${result.code}; stderr ${result.stderr.slice(0, 1000)}`);
          }
          // An error always says something (usage goes to stdout when no command is given).
          if (result.code === 2 && result.stderr.trim() === '' && result.stdoutBytes === 0) {
            problem(area, 'failures', `${what}: exit 2 without a message`);
            assert.fail(`${what}: exit 2 without a message`);
          }
        }),
        { seed: SEED + 400, numRuns: runs(40), endOnFailure: true },
      );
    } finally {
      tried(area, 'inputs', count);
    }
  });

  it('sentences - reads random bytes from stdin in every language', async () => {
    const area = 'cli/stdin';
    let count = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('md', 'text', 'tex', 'rst', 'adoc'),
          fc.uint8Array({ maxLength: 5000 }),
          async (language, bytes) => {
            count++;
            const result = await runCli(
              ['sentences', '-', '--language', language],
              Buffer.from(bytes),
              dir,
              env,
              30_000,
            );
            if (result.timedOut || result.signal || looksLikeCrash(result.stderr) || result.code !== 0) {
              problem(
                area,
                result.timedOut ? 'hangs' : result.code === 0 ? 'crashes' : 'failures',
                `sentences - --language ${language}: code ${result.code}, ${result.stderr.slice(0, 300)}`,
              );
              throw new Error(`sentences failed: ${result.code} ${result.stderr.slice(0, 1000)}`);
            }
          },
        ),
        { seed: SEED + 401, numRuns: runs(10) },
      );
    } finally {
      tried(area, 'inputs', count);
    }
  });
});
