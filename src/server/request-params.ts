// Validation of the params of our custom requests, commands and notifications. Any LSP client can
// send anything (another editor, a buggy extension, a hover link built from a hostile document):
// a wrong shape gets InvalidParams with a message saying what is wrong, never a raw TypeError
// from deep inside a handler ("params.text?.trim is not a function").
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type {
  RestoreDismissalParams,
  CheckDocumentParams,
  CheckWorkspaceParams,
  DismissFindingParams,
  DismissPairParams,
  DownloadModelParams,
  PinClaimParams,
  UnpinClaimParams,
  UpdateClaimParams,
  VisibleRangesParams,
} from '../common/protocol';

type Position = { line: number; character: number };
type Range = { start: Position; end: Position };

export function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/** Field readers: each returns the value or throws InvalidParams naming `where`. */
class Fields {
  private readonly object: Record<string, unknown>;

  constructor(
    value: unknown,
    private readonly where: string,
  ) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw invalidParams(`${where}: expected an object, got ${describe(value)}`);
    this.object = value as Record<string, unknown>;
  }

  string(key: string): string {
    const v = this.object[key];
    if (typeof v !== 'string') throw invalidParams(`${this.where}: "${key}" must be a string, got ${describe(v)}`);
    return v;
  }

  optionalString(key: string): string | undefined {
    return this.object[key] === undefined ? undefined : this.string(key);
  }

  /** A string, null (to clear) or absent (to keep). */
  clearableString(key: string): string | null | undefined {
    return this.object[key] === null ? null : this.optionalString(key);
  }

  optionalBoolean(key: string): boolean | undefined {
    const v = this.object[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean')
      throw invalidParams(`${this.where}: "${key}" must be true or false, got ${describe(v)}`);
    return v;
  }

  optionalToken(key: string): string | number | undefined {
    const v = this.object[key];
    if (v === undefined || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
      return v as string | number | undefined;
    throw invalidParams(`${this.where}: "${key}" must be a string or a number, got ${describe(v)}`);
  }

  optionalPosition(key: string): Position | undefined {
    return this.object[key] === undefined ? undefined : position(this.object[key], `${this.where}.${key}`);
  }

  range(key: string): Range {
    return range(this.object[key], `${this.where}.${key}`);
  }

  optionalRange(key: string): Range | undefined {
    return this.object[key] === undefined ? undefined : this.range(key);
  }

  array(key: string): unknown[] {
    const v = this.object[key];
    if (!Array.isArray(v)) throw invalidParams(`${this.where}: "${key}" must be an array, got ${describe(v)}`);
    return v;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const v = this.object[key];
    if (!values.includes(v as T))
      throw invalidParams(`${this.where}: "${key}" must be one of ${values.join(', ')}, got ${describe(v)}`);
    return v as T;
  }

  raw(key: string): unknown {
    return this.object[key];
  }
}

function position(value: unknown, where: string): Position {
  const f = new Fields(value, where);
  const line = f.raw('line');
  const character = f.raw('character');
  if (!isIndex(line) || !isIndex(character))
    throw invalidParams(`${where}: expected {"line": N, "character": N} with non-negative integers`);
  return { line, character };
}

function range(value: unknown, where: string): Range {
  const f = new Fields(value, where);
  return { start: position(f.raw('start'), `${where}.start`), end: position(f.raw('end'), `${where}.end`) };
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value).slice(0, 40)}`;
}

export function pinParams(value: unknown, where = 'consistency/pinClaim'): PinClaimParams {
  const f = new Fields(value ?? {}, where);
  return {
    text: f.optionalString('text'),
    uri: f.optionalString('uri'),
    position: f.optionalPosition('position'),
    range: f.optionalRange('range'),
    note: f.optionalString('note'),
    scope: f.optionalString('scope'),
  };
}

export function unpinParams(value: unknown, where = 'consistency/unpinClaim'): UnpinClaimParams {
  return { id: new Fields(value, where).string('id') };
}

export function updateParams(value: unknown): UpdateClaimParams {
  const f = new Fields(value, 'consistency/updateClaim');
  const params: UpdateClaimParams = { id: f.string('id') };
  const text = f.optionalString('text');
  const enabled = f.optionalBoolean('enabled');
  const scope = f.clearableString('scope');
  const note = f.clearableString('note');
  if (text !== undefined) params.text = text;
  if (enabled !== undefined) params.enabled = enabled;
  if (scope !== undefined) params.scope = scope;
  if (note !== undefined) params.note = note;
  return params;
}

export function dismissParams(value: unknown, where = 'consistency/dismissFinding'): DismissFindingParams {
  const f = new Fields(value, where);
  return { uri: f.string('uri'), claimId: f.string('claimId'), sentence: f.string('sentence') };
}

export function restoreParams(value: unknown, where = 'consistency/restoreDismissal'): RestoreDismissalParams {
  const f = new Fields(value, where);
  const params: RestoreDismissalParams = {
    claimId: f.string('claimId'),
    sentence: f.string('sentence'),
    uri: f.optionalString('uri'),
    file: f.optionalString('file'),
  };
  if (params.uri === undefined && params.file === undefined) throw invalidParams(`${where}: give "uri" or "file"`);
  return params;
}

export function dismissPairParams(value: unknown, where: string): DismissPairParams {
  const f = new Fields(value, where);
  const side = (key: 'a' | 'b') => {
    const s = new Fields(f.raw(key), `${where}.${key}`);
    return { uri: s.string('uri'), sentence: s.string('sentence'), range: s.range('range') };
  };
  return { kind: f.oneOf('kind', ['cross', 'quantity'] as const), a: side('a'), b: side('b') };
}

export function checkDocumentParams(value: unknown): CheckDocumentParams {
  return { uri: new Fields(value, 'consistency/checkDocument').string('uri') };
}

export function checkWorkspaceParams(value: unknown, where = 'consistency/checkWorkspace'): CheckWorkspaceParams {
  const f = new Fields(value ?? {}, where);
  const workDoneToken = f.optionalToken('workDoneToken');
  return workDoneToken === undefined ? {} : { workDoneToken };
}

export function downloadModelParams(value: unknown): DownloadModelParams {
  const f = new Fields(value, 'consistency/downloadModel');
  const workDoneToken = f.optionalToken('workDoneToken');
  return { id: f.string('id'), ...(workDoneToken === undefined ? {} : { workDoneToken }) };
}

/** Notifications cannot answer an error: a malformed one is dropped (undefined). */
export function visibleRangesParams(value: unknown): VisibleRangesParams | undefined {
  try {
    const editors = new Fields(value, 'consistency/visibleRanges').array('editors').map((e, i) => {
      const f = new Fields(e, `editors[${i}]`);
      return { uri: f.string('uri'), ranges: f.array('ranges').map((r, j) => range(r, `editors[${i}].ranges[${j}]`)) };
    });
    return { editors };
  } catch {
    return undefined;
  }
}

export function clearDiagnosticsParams(value: unknown): { uri?: string } | undefined {
  try {
    return { uri: new Fields(value ?? {}, 'consistency/clearDiagnostics').optionalString('uri') };
  } catch {
    return undefined;
  }
}
