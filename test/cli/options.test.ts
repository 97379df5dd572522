// The CLI contract of every command's options, pinned: which flags each command takes (and says in
// --help), how a value is given, and that a mistake is a usage error (exit 2) with a message that
// names the flag. Parsing errors happen before any model or file is touched, so most cases run
// in process; the exit codes themselves are checked through the built CLI.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, UsageError } from '../../src/cli/args';
import { captureCommand } from '../helpers/cli-capture';
import * as check from '../../src/cli/commands/check';
import * as evaluate from '../../src/cli/commands/eval';
import * as evidence from '../../src/cli/commands/evidence';
import * as mergeSarif from '../../src/cli/commands/merge-sarif';
import * as model from '../../src/cli/commands/model';
import * as pairs from '../../src/cli/commands/pairs';
import * as score from '../../src/cli/commands/score';
import * as sentences from '../../src/cli/commands/sentences';
import * as serve from '../../src/cli/commands/serve';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-nli');

type Run = (argv: string[]) => Promise<number>;

/** Every command's flags, from the code, its --help and README/docs: [flag, takes a value, shown in --help]. */
const COMMANDS: Record<
  string,
  { run: Run; flags: Array<[string, 'value' | 'optional value' | 'boolean', 'documented' | 'accepted']> }
> = {
  sentences: { run: sentences.run, flags: [['language', 'value', 'documented']] },
  score: {
    run: score.run,
    flags: [
      ['model', 'value', 'documented'],
      ['labels', 'value', 'documented'],
      ['threads', 'value', 'documented'],
      ['batch-size', 'value', 'documented'],
      ['precision', 'value', 'documented'],
    ],
  },
  check: {
    run: check.run,
    flags: [
      ['claims', 'value', 'documented'],
      ['model', 'value', 'documented'],
      ['cache-dir', 'value', 'accepted'],
      ['labels', 'value', 'documented'],
      ['threshold', 'value', 'documented'],
      ['error-threshold', 'value', 'documented'],
      ['margin', 'value', 'documented'],
      ['direction', 'value', 'documented'],
      ['combine', 'value', 'documented'],
      ['support-threshold', 'value', 'documented'],
      ['format', 'value', 'documented'],
      ['root', 'value', 'documented'],
      ['language', 'value', 'documented'],
      ['max-file-size', 'value', 'documented'],
      ['threads', 'value', 'documented'],
      ['pairing', 'value', 'documented'],
      ['cache-location', 'value', 'documented'],
      ['cache-max-size', 'value', 'documented'],
      ['files-from', 'value', 'documented'],
      ['changed-since', 'value', 'documented'],
      ['shard', 'value', 'documented'],
      ['baseline', 'value', 'documented'],
      ['write-baseline', 'value', 'documented'],
      ['cross', 'optional value', 'documented'],
      ['no-dismissed', 'boolean', 'documented'],
      ['evidence', 'boolean', 'documented'],
      ['cache', 'boolean', 'documented'],
      ['quantities', 'boolean', 'documented'],
      ['no-quantities', 'boolean', 'documented'],
      ['quiet', 'boolean', 'documented'],
    ],
  },
  evidence: {
    run: evidence.run,
    flags: [
      ['claims', 'value', 'documented'],
      ['model', 'value', 'documented'],
      ['format', 'value', 'documented'],
      ['support-threshold', 'value', 'documented'],
      ['threads', 'value', 'accepted'],
      ['quiet', 'boolean', 'accepted'],
    ],
  },
  serve: {
    run: serve.run,
    flags: [
      ['stdio', 'boolean', 'documented'],
      ['node-ipc', 'boolean', 'accepted'],
    ],
  },
  model: {
    run: model.run,
    flags: [
      ['cache-dir', 'value', 'documented'],
      ['format', 'value', 'documented'],
      ['endpoint', 'value', 'documented'],
      ['timeout', 'value', 'documented'],
      ['retries', 'value', 'documented'],
      ['out', 'value', 'documented'],
      ['operators', 'value', 'documented'],
      ['weight-bits', 'value', 'documented'],
      ['threads', 'value', 'documented'],
      ['labels', 'value', 'documented'],
      ['int8', 'boolean', 'documented'],
      ['fp32', 'boolean', 'documented'],
    ],
  },
  eval: {
    run: evaluate.run,
    flags: [
      ['model', 'value', 'documented'],
      ['labels', 'value', 'documented'],
      ['data', 'value', 'documented'],
      ['precision', 'value', 'documented'],
      ['threads', 'value', 'documented'],
      ['limit', 'value', 'documented'],
      ['format', 'value', 'documented'],
      ['cache-dir', 'value', 'documented'],
      ['threshold', 'value', 'documented'],
      ['error-threshold', 'value', 'documented'],
      ['margin', 'value', 'documented'],
      ['direction', 'value', 'documented'],
      ['combine', 'value', 'documented'],
      ['sweep', 'boolean', 'documented'],
    ],
  },
  pairs: {
    run: pairs.run,
    flags: [
      ['claims', 'value', 'documented'],
      ['pairing', 'value', 'documented'],
      ['root', 'value', 'documented'],
      ['language', 'value', 'documented'],
      ['max-file-size', 'value', 'documented'],
    ],
  },
  'merge-sarif': {
    run: mergeSarif.run,
    flags: [
      ['out', 'value', 'documented'],
      ['id', 'value', 'documented'],
    ],
  },
};

function cli(args: string[], cwd: string) {
  const env = { ...process.env, XDG_CACHE_HOME: path.join(os.tmpdir(), 'cc-cli-empty-cache') };
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function usageError(run: Run, argv: string[]): Promise<string> {
  try {
    await captureCommand(run, argv);
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a usage error, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`expected a usage error for ${argv.join(' ')}`);
}

describe('CLI options: the contract of every command', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cc-options-'));
    mkdirSync(path.join(dir, '.consistency'));
    writeFileSync(
      path.join(dir, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }),
    );
    writeFileSync(path.join(dir, 'a.md'), 'The clinic does not support email alerts.\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, { run, flags }] of Object.entries(COMMANDS)) {
    it(`${name}: takes exactly its flags, and --help names the documented ones`, async () => {
      const help = await captureCommand(run, ['--help']);
      assert.equal(help.code, 0);
      assert.equal((await captureCommand(run, ['-h'])).out, help.out, '-h is --help');
      for (const [flag, kind, shown] of flags) {
        // Parsing happens before --help is looked at, so an unknown flag would fail here.
        const given = kind === 'value' ? [`--${flag}`, 'x', '--help'] : [`--${flag}`, '--help'];
        assert.equal((await captureCommand(run, given)).code, 0, `${name} --${flag}`);
        if (kind === 'optional value') {
          assert.equal((await captureCommand(run, [`--${flag}=x`, '--help'])).code, 0, `${name} --${flag}=x`);
        } else if (kind === 'value') {
          assert.equal((await captureCommand(run, [`--${flag}=x`, '--help'])).code, 0, `${name} --${flag}=x`);
          assert.equal(await usageError(run, [`--${flag}`]), `--${flag} needs a value`);
        } else {
          assert.equal(await usageError(run, [`--${flag}=yes`]), `--${flag} takes no value`);
        }
        if (shown === 'documented') assert.ok(help.out.includes(`--${flag}`), `${name} --help names --${flag}`);
      }
      assert.equal(await usageError(run, ['--no-such-flag', '--help']), 'unknown option --no-such-flag');
    });
  }

  it('a value flag given twice is an error; a value may start with a dash; -- ends the flags', () => {
    assert.throws(
      () => parseArgs(['--model', 'a', '--model', 'b'], { values: ['model'] }),
      /--model given more than once/,
    );
    const args = parseArgs(['--threshold', '-1', 'a.md', '--', '--model', 'b.md'], { values: ['threshold', 'model'] });
    assert.equal(args.get('threshold'), '-1');
    assert.deepEqual(args.positionals, ['a.md', '--model', 'b.md']);
    assert.equal(args.has('model'), false);
  });

  it('a single-dash argument other than -h is an operand, as before (a file may be called -notes.md)', () => {
    const args = parseArgs(['-notes.md', '-', 'b.md', '-h'], { values: ['model'] });
    assert.deepEqual(args.positionals, ['-notes.md', '-', 'b.md']);
    assert.equal(args.has('help'), true);
  });

  it('repeatable flags collect their values in order', () => {
    const args = parseArgs(['--x', '1', '--x=2', 'a'], { repeatable: ['x'] });
    assert.deepEqual(args.all('x'), ['1', '2']);
    assert.equal(args.get('x'), '1');
  });

  describe('numbers and choices: one rule per flag, on every command', () => {
    const cases: Array<[string, Run, string[], RegExp]> = [
      [
        'check',
        check.run,
        ['a.md', '--threads', '2.5'],
        /^--threads must be an integer from 0 to 64 \(0 = all cores\), not '2\.5'$/,
      ],
      ['check', check.run, ['a.md', '--threads', '-1'], /^--threads must be an integer from 0 to 64/],
      ['check', check.run, ['a.md', '--threads', '65'], /^--threads must be an integer from 0 to 64/],
      ['check', check.run, ['a.md', '--threads', ''], /^--threads must be an integer/],
      ['score', score.run, ['--threads', '2.5'], /^--threads must be an integer from 0 to 64/],
      ['eval', evaluate.run, ['--data', 'x.jsonl', '--threads', '2.5'], /^--threads must be an integer from 0 to 64/],
      ['model verify', model.run, ['verify', MODEL, '--threads', '2.5'], /^--threads must be an integer from 0 to 64/],
      ['check', check.run, ['a.md', '--threshold', '2'], /^--threshold must be a number from 0 to 1, not '2'$/],
      ['check', check.run, ['a.md', '--margin', 'x'], /^--margin must be a number from 0 to 1/],
      ['check', check.run, ['a.md', '--error-threshold', '1.5'], /^--error-threshold must be a number from 0 to 1/],
      [
        'check',
        check.run,
        ['a.md', '--support-threshold', '-0.1'],
        /^--support-threshold must be a number from 0 to 1/,
      ],
      [
        'check',
        check.run,
        ['a.md', '--max-file-size', '-1'],
        /^--max-file-size must be a number of 0 or more \(0 = no limit\), not '-1'$/,
      ],
      [
        'pairs',
        pairs.run,
        ['a.md', '--max-file-size', 'big'],
        /^--max-file-size must be a number of 0 or more \(0 = no limit\)/,
      ],
      ['eval', evaluate.run, ['--data', 'x.jsonl', '--threshold', '7'], /^--threshold must be a number from 0 to 1/],
      ['eval', evaluate.run, ['--data', 'x.jsonl', '--limit', '0'], /^--limit must be a positive integer, not '0'$/],
      ['score', score.run, ['--batch-size', '1.5'], /^--batch-size must be a positive integer/],
      ['model pull', model.run, ['pull', 'x', '--timeout', '0'], /^--timeout must be a number above 0, not '0'$/],
      [
        'model pull',
        model.run,
        ['pull', 'x', '--retries', '-1'],
        /^--retries must be an integer of 0 or more, not '-1'$/,
      ],
      ['score', score.run, ['--precision', 'fp16'], /^--precision must be auto, int8 or fp32, not 'fp16'$/],
      [
        'eval',
        evaluate.run,
        ['--data', 'x.jsonl', '--precision', 'fp16'],
        /^--precision must be auto, int8 or fp32, not 'fp16'$/,
      ],
      [
        'eval',
        evaluate.run,
        ['--data', 'x.jsonl', '--format', 'sarif'],
        /^--format must be text or json, not 'sarif'$/,
      ],
      ['model list', model.run, ['list', '--format', 'yaml'], /^--format must be text or json, not 'yaml'$/],
      ['evidence', evidence.run, ['a.md', '--format', 'sarif'], /^--format must be text or json, not 'sarif'$/],
      [
        'check',
        check.run,
        ['a.md', '--direction', 'sideways'],
        /^--direction must be claim-premise or both, not 'sideways'$/,
      ],
      ['check', check.run, ['a.md', '--combine', 'min'], /^--combine must be max or mean, not 'min'$/],
      ['pairs', pairs.run, ['a.md', '--pairing', 'all'], /^--pairing must be smart or exhaustive, not 'all'$/],
      ['pairs', pairs.run, ['a.md', '--language', 'klingon'], /^unknown language 'klingon'$/],
      [
        'check',
        check.run,
        ['a.md', '--model', MODEL, '--cache', '--cache-max-size', '64Q'],
        /^--cache-max-size must be a size of at least 4K, such as 64M, not '64Q'$/,
      ],
    ];
    for (const [name, run, argv, message] of cases) {
      it(`${name} ${argv.join(' ')}`, async () => {
        const cwd = process.cwd();
        process.chdir(dir);
        try {
          assert.match(await usageError(run, argv), message);
        } finally {
          process.chdir(cwd);
        }
      });
    }
  });

  describe('the built CLI: usage errors exit 2 and say why', () => {
    const cases: Array<[string[], RegExp]> = [
      [['check', 'a.md', '--shard', '0/3'], /--shard must be K\/N with 1 <= K <= N \(e\.g\. 2\/3\), not '0\/3'/],
      [['check', 'a.md', '--shard', '4/3'], /--shard must be K\/N with 1 <= K <= N \(e\.g\. 2\/3\), not '4\/3'/],
      [['check', 'a.md', '--shard', 'a/b'], /--shard must be K\/N with 1 <= K <= N \(e\.g\. 2\/3\), not 'a\/b'/],
      [
        ['check', 'a.md', '--threads', '2.5'],
        /--threads must be an integer from 0 to 64 \(0 = all cores\), not '2\.5'/,
      ],
      [['check', 'a.md', '--format', 'xml'], /--format must be text, json or sarif, not 'xml'/],
      [['check', 'a.md', '--pairing', 'all'], /--pairing must be smart or exhaustive, not 'all'/],
      [['check', 'a.md', '--cross=everywhere'], /--cross must be document or workspace, not 'everywhere'/],
      [
        ['check', 'a.md', '--model', MODEL, '--cache', '--cache-max-size', '1K'],
        /--cache-max-size must be a size of at least 4K, such as 64M, not '1K'/,
      ],
      [['check', 'a.md', '--language', 'klingon'], /unknown language 'klingon'/],
      [['check', 'a.md', '--bogus'], /unknown option --bogus/],
      [['check'], /check needs at least one file, folder or glob/],
      [['model', 'convert', 'x', '--weight-bits', '9'], /--weight-bits must be 7 or 8/],
      [['model', 'convert', 'x', '--operators', 'fast'], /--operators must be fused or standard/],
      [['model', 'frobnicate'], /unknown model subcommand 'frobnicate'/],
      [['eval', '--model', MODEL], /eval needs --data/],
      [['serve'], /serve needs --stdio/],
      [['sentences', 'a.md', '--language', 'klingon'], /unknown language 'klingon'/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [argv, message] of cases) {
      it(`consistency-check ${argv.join(' ')}`, () => {
        const result = cli(argv, dir);
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, message);
        assert.equal(result.stdout.includes('warning:'), false);
      });
    }

    it('--version, -V, --help, -h and help exit 0; no command prints the usage and exits 2', () => {
      for (const flag of ['--version', '-V']) assert.match(cli([flag], dir).stdout, /^\d+\.\d+\.\d+/);
      for (const flag of ['--help', '-h', 'help']) {
        const r = cli([flag], dir);
        assert.equal(r.code, 0);
        assert.match(r.stdout, /^Usage: consistency-check <command> \[options\]/);
      }
      const none = cli([], dir);
      assert.equal(none.code, 2);
      assert.match(none.stdout, /^Usage: consistency-check <command>/);
    });

    it('valid numbers are accepted: --threads 2, --threads 0 (all cores), --threshold=0.4, --max-file-size 0', () => {
      const result = cli(
        [
          'check',
          'a.md',
          '--model',
          MODEL,
          '--threads',
          '2',
          '--threshold=0.4',
          '--max-file-size',
          '0',
          '--format',
          'json',
        ],
        dir,
      );
      assert.equal(result.code, 1, result.stderr);
      assert.equal((JSON.parse(result.stdout) as { findings: unknown[] }).findings.length, 1);
      const allCores = cli(['check', 'a.md', '--model', MODEL, '--threads', '0', '--quiet'], dir);
      assert.equal(allCores.code, 1, allCores.stderr);
    });
  });
});
