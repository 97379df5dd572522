// Typed option values for every command: numbers checked against bounds and words against their
// choices (the settings schema's, where a flag sets the same thing as a `consistency.*` setting),
// with one wording for every mistake, so `--threads` means the same on every subcommand and
// `--threads 2.5` is refused.
import { SETTINGS_SCHEMA } from '../common/settings';
import { normalizeLanguageId, type LanguageId } from '../core/segment';
import { UsageError, type ParsedArgs } from './args';

/** What the helpers read: a flag's (first) value. */
type FlagValues = Pick<ParsedArgs, 'get'>;

/** The flag's value, one of `choices`; `fallback` when it is absent. */
export function choiceFlag<T extends string>(args: FlagValues, name: string, choices: readonly T[], fallback: T): T;
export function choiceFlag<T extends string>(args: FlagValues, name: string, choices: readonly T[]): T | undefined;
export function choiceFlag<T extends string>(
  args: FlagValues,
  name: string,
  choices: readonly T[],
  fallback?: T,
): T | undefined {
  const value = args.get(name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    const list =
      choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}` : choices[0];
    throw new UsageError(`--${name} must be ${list}, not '${value}'`);
  }
  return value as T;
}

/** The `consistency.*` settings that take one of a list of words. */
type ChoiceSettingKey = {
  [K in keyof typeof SETTINGS_SCHEMA]: (typeof SETTINGS_SCHEMA)[K] extends { enum: readonly string[] } ? K : never;
}[keyof typeof SETTINGS_SCHEMA];

/** A flag that sets a `consistency.*` setting of a few words: its choices and its default. */
export function settingChoiceFlag<K extends ChoiceSettingKey>(
  args: ParsedArgs,
  name: string,
  key: K,
): (typeof SETTINGS_SCHEMA)[K]['enum'][number] {
  const spec = SETTINGS_SCHEMA[key];
  return choiceFlag(args, name, spec.enum, spec.default);
}

/** `--language ID`: a language the segmenter knows (aliases such as `md` or `tex` included). */
export function languageFlag(args: ParsedArgs, usage = ''): LanguageId | undefined {
  const value = args.get('language');
  if (value === undefined) return undefined;
  const language = normalizeLanguageId(value);
  if (!language) throw new UsageError(`unknown language '${value}'${usage ? `\n\n${usage}` : ''}`);
  return language;
}

export interface NumberBounds {
  /** Whole numbers only. */
  integer?: boolean;
  min: number;
  /** Values must be greater than `min`, not equal to it (e.g. a timeout). */
  aboveMin?: boolean;
  max?: number;
  /** Appended to the error, e.g. '0 = no limit'. */
  hint?: string;
}

/** The flag's number, `fallback` when it is absent; anything else is a usage error. */
export function numberFlag(args: ParsedArgs, name: string, bounds: NumberBounds, fallback: number): number {
  return optionalNumberFlag(args, name, bounds) ?? fallback;
}

/** The flag's number, undefined when it is absent. */
export function optionalNumberFlag(args: ParsedArgs, name: string, bounds: NumberBounds): number | undefined {
  const value = args.get(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  const { integer = false, min, aboveMin = false, max } = bounds;
  const valid =
    value.trim() !== '' &&
    Number.isFinite(n) &&
    (integer ? Number.isSafeInteger(n) : true) &&
    (aboveMin ? n > min : n >= min) &&
    (max === undefined || n <= max);
  if (!valid) throw new UsageError(`--${name} must be ${describeBounds(bounds)}, not '${value}'`);
  return n;
}

/** The numeric `consistency.*` settings a flag can set. */
type NumberSettingKey = {
  [K in keyof typeof SETTINGS_SCHEMA]: (typeof SETTINGS_SCHEMA)[K]['type'] extends 'number' | 'integer' ? K : never;
}[keyof typeof SETTINGS_SCHEMA];

/** The bounds of a numeric setting, for the flag that sets the same thing. */
export function settingBounds(key: NumberSettingKey, hint?: string): NumberBounds {
  const spec = SETTINGS_SCHEMA[key];
  return {
    integer: spec.type === 'integer',
    min: spec.minimum,
    max: 'maximum' in spec ? spec.maximum : undefined,
    hint,
  };
}

/** A flag that sets a numeric setting: its bounds, and its default when the flag is absent. */
export function settingFlag(args: ParsedArgs, name: string, key: NumberSettingKey, hint?: string): number {
  const fallback = SETTINGS_SCHEMA[key].default;
  const value = optionalNumberFlag(args, name, settingBounds(key, hint));
  if (value !== undefined) return value;
  if (fallback === null) throw new Error(`setting ${key} has no default; use optionalNumberFlag`);
  return fallback;
}

/** The usage line's words for `--threads` (the same on every command). */
export const THREADS_BOUNDS = settingBounds('threads', '0 = all cores');

/** `--threads N` on every command: consistency.threads' bounds; 0 (all cores) and absent give undefined. */
export function threadsFlag(args: ParsedArgs): number | undefined {
  return optionalNumberFlag(args, 'threads', THREADS_BOUNDS) || undefined;
}

/**
 * A size in bytes: a number, or one with K, M or G (powers of 1024) and an optional B, e.g. `64M`;
 * `min` in bytes. The usage error names the smallest size and an example.
 */
export function sizeFlag(
  args: ParsedArgs,
  name: string,
  { min, example }: { min: number; example: string },
  fallback: number,
): number {
  const value = args.get(name);
  if (value === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)\s*([KMG]?)B?$/i.exec(value.trim());
  const bytes = match ? Number(match[1]) * 1024 ** ' KMG'.indexOf((match[2] || ' ').toUpperCase()) : NaN;
  if (!(bytes >= min))
    throw new UsageError(`--${name} must be a size of at least ${formatSize(min)}, such as ${example}, not '${value}'`);
  return Math.floor(bytes);
}

/** 4096 -> '4K', 1048576 -> '1M': the units sizeFlag reads. */
function formatSize(bytes: number): string {
  for (const [unit, factor] of [
    ['G', 1024 ** 3],
    ['M', 1024 ** 2],
    ['K', 1024],
  ] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return String(bytes);
}

/** `--precision P` of the commands that load a model. */
export const PRECISIONS = ['auto', 'int8', 'fp32'] as const;

/** `--batch-size N`, `--limit N`: a count of at least one. */
export const POSITIVE_INTEGER: NumberBounds = { integer: true, min: 1 };

function describeBounds({ integer, min, aboveMin, max, hint }: NumberBounds): string {
  const kind = integer ? 'an integer' : 'a number';
  let range: string;
  if (max !== undefined) range = `${kind} from ${min} to ${max}`;
  else if (integer && min === 1 && !aboveMin) range = 'a positive integer';
  else if (aboveMin) range = `${kind} above ${min}`;
  else range = `${kind} of ${min} or more`;
  return hint ? `${range} (${hint})` : range;
}
