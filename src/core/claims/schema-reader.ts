// Shared machinery for checking a parsed JSON tree against a schema: collects errors and
// warnings with positions, and splits an object's properties into known and unknown fields.
import { ClaimsError, ClaimsProblem, makeProblem } from './errors';
import type { LineIndex } from '../util/line-index';
import type { JsonArrayNode, JsonNode, JsonObjectNode, JsonProperty } from './json-with-positions';
import { nodeToValue } from './json-with-positions';

export class SchemaReader {
  readonly errors: ClaimsProblem[] = [];
  readonly warnings: ClaimsProblem[] = [];

  /** `lines` is absent when checking an in-memory document (nothing to point at). */
  constructor(
    readonly file: string,
    private readonly lines?: LineIndex,
  ) {}

  error(at: number | undefined, detail: string): void {
    this.errors.push(this.problem(at, detail));
  }

  warn(at: number | undefined, detail: string): void {
    this.warnings.push(this.problem(at, detail));
  }

  /** The 1-based line of an offset, for messages that name a second place ("claims[0] (line 4) already uses it"). */
  lineOf(offset: number | undefined): number | undefined {
    return offset === undefined || !this.lines ? undefined : this.lines.lineColumnAt(offset).line;
  }

  /** Throws the collected errors, if any, as one ClaimsError. */
  throwIfErrors(): void {
    if (this.errors.length > 0) throw ClaimsError.fromProblems(inFileOrder(this.errors));
  }

  /** Warnings in the order they appear in the file. */
  sortedWarnings(): ClaimsProblem[] {
    return inFileOrder(this.warnings);
  }

  /** Throws this problem alone: for errors that make every further check meaningless. */
  fail(at: number | undefined, detail: string): never {
    throw ClaimsError.fromProblems([this.problem(at, detail)]);
  }

  private problem(at: number | undefined, detail: string): ClaimsProblem {
    if (at === undefined || !this.lines) return makeProblem(this.file, detail);
    const { line, column } = this.lines.lineColumnAt(at);
    return makeProblem(this.file, detail, line, column);
  }

  /**
   * Splits an object's properties: known ones by name, unknown ones as plain values (warned
   * about, to be written back unchanged). A key given twice is an error, because JSON.parse
   * would silently keep the last one and a reviewer reading the file would see the first.
   */
  fields<K extends string>(
    object: JsonObjectNode,
    path: string,
    known: readonly K[],
  ): { known: Partial<Record<K, JsonProperty>>; extras: Record<string, unknown> } {
    const found: Partial<Record<K, JsonProperty>> = {};
    const seen = new Map<string, JsonProperty>();
    const extras: Record<string, unknown> = {};
    for (const property of object.properties) {
      const earlier = seen.get(property.key);
      if (earlier) {
        const line = this.lineOf(earlier.keyOffset);
        this.error(
          property.keyOffset,
          `${path} has "${property.key}" twice${line === undefined ? '' : ` (also on line ${line})`}`,
        );
        continue;
      }
      seen.set(property.key, property);
      if ((known as readonly string[]).includes(property.key)) {
        found[property.key as K] = property;
      } else {
        this.warn(
          property.keyOffset,
          `unknown field "${property.key}" in ${path} (kept as is; it may come from a newer Consistency Checker)`,
        );
        Object.defineProperty(extras, property.key, {
          value: nodeToValue(property.value, { keepNumberText: true }),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    return { known: found, extras };
  }

  /** A required non-blank string; reports and returns undefined otherwise. */
  requiredText(
    object: JsonObjectNode,
    property: JsonProperty | undefined,
    path: string,
    name: string,
  ): string | undefined {
    if (!property) {
      this.error(object.offset, `${path} is missing "${name}"`);
      return undefined;
    }
    const value = property.value;
    if (value.type !== 'string') {
      this.error(value.offset, `${path}.${name} must be a non-empty string (found ${describeNode(value)})`);
      return undefined;
    }
    if (value.value.trim() === '') {
      this.error(value.offset, `${path}.${name} must be a non-empty string`);
      return undefined;
    }
    return value.value;
  }
}

function inFileOrder(problems: readonly ClaimsProblem[]): ClaimsProblem[] {
  const rank = (p: ClaimsProblem) => (p.line ?? Number.MAX_SAFE_INTEGER) * 1e7 + (p.column ?? 0);
  return [...problems].sort((a, b) => rank(a) - rank(b));
}

/** "a number", "an array", "null"... for "(found ...)" in messages. */
export function describeNode(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      if (node.value.trim() === '') return 'an empty string';
      return node.value.length <= 24 ? `the string ${JSON.stringify(node.value)}` : 'a string';
    case 'number':
      return `the number ${node.value}`;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
  }
}

export function isNonNegativeInteger(node: JsonNode): node is JsonNode & { type: 'number'; value: number } {
  return node.type === 'number' && Number.isInteger(node.value) && node.value >= 0;
}

/**
 * Checks the envelope both files share, `{ "version": 1, "<listName>": [...] }`, and returns the
 * list (undefined when it is missing or not an array, after reporting that). A newer version
 * stops everything: its other fields may mean things this version cannot know.
 */
export function readEnvelope(
  reader: SchemaReader,
  root: JsonNode,
  listName: string,
): { list?: JsonArrayNode; extras: Record<string, unknown> } {
  if (root.type !== 'object') {
    reader.fail(
      root.offset,
      `the top level must be a JSON object like {"version": 1, "${listName}": []} (found ${describeNode(root)})`,
    );
  }
  const { known, extras } = reader.fields(root, 'the top level', ['version', listName]);
  const version = known.version?.value;
  if (!version) {
    reader.error(root.offset, `missing "version" (this format is "version": 1)`);
  } else if (version.type === 'number' && Number.isInteger(version.value) && version.value > 1) {
    reader.fail(
      version.offset,
      `written by a newer Consistency Checker (format version ${version.value}); this one reads version 1 — update Consistency Checker to use this file`,
    );
  } else if (version.type !== 'number' || version.value !== 1) {
    reader.error(version.offset, `version must be 1 (found ${describeNode(version)})`);
  }
  const list = known[listName]?.value;
  if (!list) {
    reader.error(root.offset, `missing "${listName}" (an array, possibly empty)`);
    return { extras };
  }
  if (list.type !== 'array') {
    reader.error(list.offset, `${listName} must be an array (found ${describeNode(list)})`);
    return { extras };
  }
  return { list, extras };
}
