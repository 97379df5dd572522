// A small, strict argument parser: unknown flags are errors, not silently ignored,
// because CI scripts that misspell a flag must fail loudly.
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

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
  const values = new Set([...(spec.values ?? []), ...(spec.repeatable ?? [])]);
  const booleans = new Set([...(spec.booleans ?? []), 'help']);
  const repeatable = new Set(spec.repeatable ?? []);
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg === '-h') flags.set('help', ['true']);
      else positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (booleans.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, ['true']);
    } else if (values.has(name)) {
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      const prior = flags.get(name);
      if (prior && !repeatable.has(name)) throw new UsageError(`--${name} given more than once`);
      flags.set(name, [...(prior ?? []), value]);
    } else {
      throw new UsageError(`unknown option --${name}`);
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

/** A number flag within [min, max], or `fallback` when absent; anything else is a usage error. */
export function numberOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${name} must be a number from ${min} to ${max}`);
  return n;
}
