// A strict JSON parser (RFC 8259) that keeps the offset of every value.
// JSON.parse reports errors differently across Node versions and tells nothing about where a
// valid value sits, but the claims file needs both: syntax errors as line:column, and schema
// errors (duplicate id, empty text) pointing at the claim's own line.
import { LineIndex } from '../util/line-index';

export type JsonNode =
  JsonObjectNode | JsonArrayNode | JsonStringNode | JsonNumberNode | JsonBooleanNode | JsonNullNode;

interface NodeBase {
  /** UTF-16 offset of the value's first character; undefined for nodes built from in-memory values. */
  readonly offset?: number;
}
export interface JsonObjectNode extends NodeBase {
  readonly type: 'object';
  readonly properties: readonly JsonProperty[];
}
export interface JsonProperty {
  readonly key: string;
  readonly keyOffset?: number;
  readonly value: JsonNode;
}
export interface JsonArrayNode extends NodeBase {
  readonly type: 'array';
  readonly items: readonly JsonNode[];
}
export interface JsonStringNode extends NodeBase {
  readonly type: 'string';
  readonly value: string;
}
export interface JsonNumberNode extends NodeBase {
  readonly type: 'number';
  readonly value: number;
  /** The number as written (`1.0`, `12345678901234567890`, `1e400`): a double cannot keep all of them. */
  readonly raw?: string;
}

/**
 * A number kept as its source text, for fields we do not own: written back exactly as read by
 * formatJson (json-format.ts), where JSON.stringify of the double would round or null it.
 */
export class JsonNumberText {
  constructor(readonly text: string) {}
}
export interface JsonBooleanNode extends NodeBase {
  readonly type: 'boolean';
  readonly value: boolean;
}
export interface JsonNullNode extends NodeBase {
  readonly type: 'null';
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Nesting deeper than this is refused, so garbage like "[[[[..." cannot overflow the stack. */
const MAX_DEPTH = 256;

/** Parses `text` (without a byte-order mark) into a tree; throws JsonSyntaxError. */
export function parseJsonWithPositions(text: string): JsonNode {
  return new Parser(text).parseDocument();
}

/** Describes the character at `offset` for an error message: 'x', or U+0000 for the invisible. */
export function describeCharAt(text: string, offset: number): string {
  const code = text.codePointAt(offset);
  if (code === undefined) return 'end of file';
  if (code === 0xfeff) return 'U+FEFF (byte-order mark)';
  if (code === 0xfffd) return 'U+FFFD (replacement character)';
  const visible = code > 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0xa0) && code !== 0x2028 && code !== 0x2029;
  return visible ? `'${String.fromCodePoint(code)}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

type Container = { kind: 'object' | 'array'; offset: number };

class Parser {
  private pos = 0;
  private readonly open: Container[] = [];
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  parseDocument(): JsonNode {
    this.skipWhitespace();
    if (this.pos >= this.text.length) throw new JsonSyntaxError(this.pos, 'the file is empty; expected a JSON object');
    const root = this.parseValue('a JSON value');
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      throw new JsonSyntaxError(
        this.pos,
        `unexpected ${describeCharAt(this.text, this.pos)} after the end of the JSON document`,
      );
    }
    return root;
  }

  private parseValue(expected: string): JsonNode {
    const start = this.pos;
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.parseObject();
      case '[':
        return this.parseArray();
      case '"':
        return { type: 'string', offset: start, value: this.parseString() };
      case undefined:
        throw this.endOfFile(`expected ${expected}`);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) {
          const raw = this.parseNumber();
          return { type: 'number', offset: start, value: Number(raw), raw };
        }
        if (isWordChar(c)) return this.parseWord();
        throw this.unexpected(`expected ${expected}`);
    }
  }

  private parseObject(): JsonObjectNode {
    const offset = this.pos;
    this.enter('object', offset);
    this.pos++; // {
    const properties: JsonProperty[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      this.open.pop();
      return { type: 'object', offset, properties };
    }
    for (;;) {
      this.skipWhitespace();
      const keyOffset = this.pos;
      if (this.text[this.pos] !== '"') throw this.badPropertyName();
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') {
        throw this.pos >= this.text.length
          ? this.endOfFile("expected ':'")
          : this.unexpected(`expected ':' after property name "${key}"`);
      }
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue(`a value for "${key}"`);
      properties.push({ key, keyOffset, value });
      this.skipWhitespace();
      const sep = this.text[this.pos];
      if (sep === '}') {
        this.pos++;
        this.open.pop();
        return { type: 'object', offset, properties };
      }
      if (sep !== ',') {
        throw sep === undefined
          ? this.endOfFile("expected ',' or '}'")
          : this.unexpected("expected ',' or '}' after a property value");
      }
      this.rejectTrailingComma('}');
      this.pos++;
    }
  }

  private badPropertyName(): JsonSyntaxError {
    const k = this.text[this.pos];
    if (k === undefined) return this.endOfFile('expected a property name');
    if (k === "'") return new JsonSyntaxError(this.pos, 'property names must use double quotes, not single quotes');
    if (isWordChar(k)) return new JsonSyntaxError(this.pos, 'property names must be double-quoted strings');
    return this.unexpected('expected a double-quoted property name');
  }

  private parseArray(): JsonArrayNode {
    const offset = this.pos;
    this.enter('array', offset);
    this.pos++; // [
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      this.open.pop();
      return { type: 'array', offset, items };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.parseValue('a value'));
      this.skipWhitespace();
      const sep = this.text[this.pos];
      if (sep === ']') {
        this.pos++;
        this.open.pop();
        return { type: 'array', offset, items };
      }
      if (sep !== ',') {
        throw sep === undefined
          ? this.endOfFile("expected ',' or ']'")
          : this.unexpected("expected ',' or ']' after an array element");
      }
      this.rejectTrailingComma(']');
      this.pos++;
    }
  }

  /** At a ',': reports it (not the bracket after it) when the container's closing bracket follows. */
  private rejectTrailingComma(closer: '}' | ']'): void {
    const comma = this.pos;
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === closer) {
      const last = closer === '}' ? 'property' : 'element';
      throw new JsonSyntaxError(
        comma,
        `trailing comma before '${closer}' (JSON does not allow a comma after the last ${last})`,
      );
    }
    this.pos = comma;
  }

  private parseString(): string {
    const start = this.pos;
    this.pos++; // opening quote
    let out = '';
    let chunkStart = this.pos;
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (Number.isNaN(code)) {
        const { line, column } = this.lines.lineColumnAt(start);
        throw new JsonSyntaxError(
          this.pos,
          `unexpected end of file inside the string that starts at ${line}:${column}`,
        );
      }
      if (code === 0x22 /* " */) {
        out += this.text.slice(chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (code === 0x5c /* \ */) {
        out += this.text.slice(chunkStart, this.pos);
        out += this.parseEscape();
        chunkStart = this.pos;
        continue;
      }
      if (code === 0x0a || code === 0x0d) {
        throw new JsonSyntaxError(
          this.pos,
          'line break inside a string (missing closing quote? write \\n for a newline)',
        );
      }
      if (code < 0x20) {
        throw new JsonSyntaxError(
          this.pos,
          `control character ${describeCharAt(this.text, this.pos)} inside a string must be escaped`,
        );
      }
      this.pos++;
    }
  }

  private parseEscape(): string {
    const at = this.pos;
    const c = this.text[this.pos + 1];
    this.pos += 2;
    switch (c) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex))
          throw new JsonSyntaxError(at, 'invalid \\u escape: expected four hex digits');
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case undefined:
        throw new JsonSyntaxError(at + 1, 'unexpected end of file inside a string escape');
      default:
        throw new JsonSyntaxError(at, `invalid escape sequence '\\${c}' in string`);
    }
  }

  /** The lexeme of a valid number. */
  private parseNumber(): string {
    const rest = this.text.slice(this.pos);
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(rest);
    const lexeme = /^[-+0-9.eE]+/.exec(rest)![0];
    if (!match || match[0].length !== lexeme.length) {
      throw new JsonSyntaxError(this.pos, `invalid number '${lexeme}'`);
    }
    this.pos += lexeme.length;
    return lexeme;
  }

  private parseWord(): JsonBooleanNode | JsonNullNode {
    const start = this.pos;
    while (this.pos < this.text.length && isWordChar(this.text[this.pos]!)) this.pos++;
    const word = this.text.slice(start, this.pos);
    if (word === 'true' || word === 'false') return { type: 'boolean', offset: start, value: word === 'true' };
    if (word === 'null') return { type: 'null', offset: start };
    throw new JsonSyntaxError(
      start,
      `unexpected word '${word}' (strings must be double-quoted; literals are true, false and null)`,
    );
  }

  private skipWhitespace(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')) {
        throw new JsonSyntaxError(this.pos, 'comments are not allowed in JSON (use a claim\'s "note" field instead)');
      } else return;
    }
  }

  private enter(kind: Container['kind'], offset: number): void {
    if (this.open.length >= MAX_DEPTH) throw new JsonSyntaxError(offset, `nesting deeper than ${MAX_DEPTH} levels`);
    this.open.push({ kind, offset });
  }

  private unexpected(expectation: string): JsonSyntaxError {
    const c = this.text[this.pos];
    const hint = c === "'" ? ' (strings must use double quotes)' : '';
    return new JsonSyntaxError(this.pos, `unexpected ${describeCharAt(this.text, this.pos)}, ${expectation}${hint}`);
  }

  /** End of file inside a value: names the innermost bracket that was never closed. */
  private endOfFile(expectation: string): JsonSyntaxError {
    const innermost = this.open[this.open.length - 1];
    if (!innermost) return new JsonSyntaxError(this.pos, `unexpected end of file, ${expectation}`);
    const { line, column } = this.lines.lineColumnAt(innermost.offset);
    const bracket = innermost.kind === 'object' ? '{' : '[';
    return new JsonSyntaxError(
      this.pos,
      `unexpected end of file, ${expectation}: the '${bracket}' at ${line}:${column} is never closed`,
    );
  }
}

function isWordChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '$';
}

/**
 * Converts a tree back into plain values (objects, arrays, strings, numbers, booleans, null).
 * With `keepNumberText`, numbers become JsonNumberText, so they can be written back unchanged.
 */
export function nodeToValue(node: JsonNode, options: { keepNumberText?: boolean } = {}): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) {
        // defineProperty, so a "__proto__" key stays data and never changes the prototype.
        Object.defineProperty(out, p.key, {
          value: nodeToValue(p.value, options),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'array':
      return node.items.map((item) => nodeToValue(item, options));
    case 'null':
      return null;
    case 'number':
      return options.keepNumberText && node.raw !== undefined ? new JsonNumberText(node.raw) : node.value;
    default:
      return node.value;
  }
}

/**
 * Builds a position-less tree from an in-memory value, so the schema checks written against
 * parsed files can also vet a document a caller built or mutated before it is written.
 * Values JSON cannot hold come out as null nodes, which the schema then rejects.
 */
export function valueToNode(value: unknown): JsonNode {
  if (value === null || value === undefined) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array', items: value.map(valueToNode) };
  switch (typeof value) {
    case 'string':
      return { type: 'string', value };
    case 'number':
      return Number.isFinite(value) ? { type: 'number', value } : { type: 'null' };
    case 'boolean':
      return { type: 'boolean', value };
    case 'object':
      return {
        type: 'object',
        properties: Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .map(([key, v]) => ({ key, value: valueToNode(v) })),
      };
    default:
      return { type: 'null' };
  }
}
