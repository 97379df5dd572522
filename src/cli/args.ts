// The CLI's one option layer: node:util's parseArgs underneath, with the project's rules on top:
// unknown flags are errors, not silently ignored, because CI scripts that misspell a flag must fail
// loudly; a flag given twice is an error unless it may repeat; `-h` is --help; other arguments that
// start with a single dash are operands, as they always were (a file may be called `-notes.md`).
// Typed values (numbers with the settings schema's bounds) come from ./option-values.
import { parseArgs as parseNodeArgs } from 'node:util';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** A mistake in how the command was called: its message is shown and the CLI exits 2. */
export class UsageError extends Error {}

export interface FlagSpec {
  /** Flags that take a value, e.g. `model` for `--model DIR` or `--model=DIR`. */
  values?: string[];
  /** Boolean flags, e.g. `stdio`. */
  booleans?: string[];
  /** Value flags that may repeat; their values are collected in order. */
  repeatable?: string[];
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
  has(name: string): boolean;
  get(name: string): string | undefined;
  all(name: string): string[];
}

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const repeatable = new Set(spec.repeatable ?? []);
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = { help: { type: 'boolean' } };
  for (const name of [...(spec.values ?? []), ...repeatable]) options[name] = { type: 'string' };
  for (const name of spec.booleans ?? []) options[name] = { type: 'boolean' };
  // Not strict: the checks below give this CLI's own messages (and its rules for single dashes).
  const { tokens } = parseNodeArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const shortArgs = new Set<number>();
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
    } else if (token.kind === 'option-terminator') {
      continue;
    } else if (!token.rawName.startsWith('--')) {
      // A single-dash argument (node splits `-ab` into -a and -b): `-h` asks for help, anything
      // else is an operand, once per argument.
      if (token.rawName === '-h' && argv[token.index] === '-h') flags.set('help', ['true']);
      else if (!shortArgs.has(token.index)) {
        shortArgs.add(token.index);
        positionals.push(argv[token.index]);
      }
    } else {
      const { name } = token;
      const type = Object.hasOwn(options, name) ? options[name].type : undefined;
      if (type === undefined) throw new UsageError(`unknown option --${name}`);
      if (type === 'boolean') {
        if (token.inlineValue) throw new UsageError(`--${name} takes no value`);
        flags.set(name, ['true']);
        continue;
      }
      if (token.value === undefined) throw new UsageError(`--${name} needs a value`);
      const prior = flags.get(name);
      if (prior && !repeatable.has(name)) throw new UsageError(`--${name} given more than once`);
      flags.set(name, [...(prior ?? []), token.value]);
    }
  }
  return {
    positionals,
    flags,
    has: (name) => flags.has(name),
    get: (name) => flags.get(name)?.[0],
    all: (name) => flags.get(name) ?? [],
  };
}
