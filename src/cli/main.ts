// consistency-check: the same core engine as the language server, from a terminal and in CI.
// Each subcommand lives in commands/<name>.ts and exports `run(argv): Promise<exitCode>`.
// Exit codes: 0 consistent / success, 1 contradictions found, 2 usage, claims or model error.
// First, before anything can load onnxruntime-node (and for every child process).
import '../core/nli/ort-env';
import { escapeControls } from '../core/text/printable';
import { UsageError, EXIT_ERROR } from './args';
import { runInTunedChild, wantsTunedChild, watchParent } from './memory-launch';

type Command = { run(argv: string[]): Promise<number>; summary: string };

const commands: Record<string, () => Promise<Command>> = {
  sentences: () => import('./commands/sentences'),
  score: () => import('./commands/score'),
  check: () => import('./commands/check'),
  serve: () => import('./commands/serve'),
  model: () => import('./commands/model'),
  eval: () => import('./commands/eval'),
  pairs: () => import('./commands/pairs'),
  'merge-sarif': () => import('./commands/merge-sarif'),
  evidence: () => import('./commands/evidence'),
};

const USAGE = `Usage: consistency-check <command> [options]

Commands:
  sentences <file> [--language ID]          print the sentences of a document as JSON lines
  score --model DIR                         score JSON-line pairs from stdin with the NLI model
  check <files|globs...> --claims FILE --model DIR [--threshold T] [--format text|json]
                                            report sentences that contradict pinned claims
  evidence <files|globs...> --claims FILE   per claim: supporting and contradicting sentences
  serve --stdio                             run the language server (for any LSP editor)
  model list|pull|convert|info|verify       manage NLI models (catalog, download, conversion)
  eval --model M --data FILE.jsonl          accuracy and per-label scores on labelled pairs
  pairs <files...> --claims FILE            print the (sentence, claim) pairs smart pairing would score
  merge-sarif <reports...> [--out FILE]     merge the SARIF (or JSON) reports of check shards into one

Run 'consistency-check <command> --help' for a command's options.
Exit codes: 0 consistent, 1 contradictions found, 2 usage, claims or model error.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : EXIT_ERROR;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`consistency-check: unknown command '${name}'\n\n${USAGE}\n`);
    return EXIT_ERROR;
  }
  // A long check runs in a child started with memory settings a running process cannot take.
  if (wantsTunedChild(argv, { platform: process.platform, env: process.env, execArgv: process.execArgv })) {
    const code = await runInTunedChild(process.argv[1], argv);
    if (code !== undefined) return code;
  }
  const command = await load();
  return command.run(rest);
}

declare const VERSION: string;

watchParent();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof UsageError ? err.message : err instanceof Error ? err.message : String(err);
    process.stderr.write(`consistency-check: ${escapeControls(message)}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
