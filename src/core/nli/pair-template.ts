// Where the special tokens go, read from tokenizer.json's post_processor. We add them
// ourselves (instead of letting the tokenizer library do it) because truncation has to happen
// between tokenizing and adding specials, and the library has no longest_first pair truncation.
import { ModelError } from './model-error';
import type { JsonObject } from './model-folder';

/** A template piece: a fixed run of special-token ids, or the slot for sequence A or B. */
export type TemplatePiece =
  { kind: 'special'; ids: number[]; typeId: number } | { kind: 'sequence'; sequence: 'A' | 'B'; typeId: number };

export interface EncodedInput {
  ids: number[];
  typeIds: number[];
}

export class PairTemplate {
  /** How many special tokens the pair template adds; truncation reserves this many. */
  readonly pairSpecialCount: number;
  readonly singleSpecialCount: number;

  constructor(
    readonly single: TemplatePiece[],
    readonly pair: TemplatePiece[],
  ) {
    this.singleSpecialCount = countSpecials(single);
    this.pairSpecialCount = countSpecials(pair);
  }

  applySingle(a: readonly number[]): EncodedInput {
    return fill(this.single, a, []);
  }

  applyPair(a: readonly number[], b: readonly number[]): EncodedInput {
    return fill(this.pair, a, b);
  }
}

function countSpecials(pieces: TemplatePiece[]): number {
  return pieces.reduce((n, p) => n + (p.kind === 'special' ? p.ids.length : 0), 0);
}

function fill(pieces: TemplatePiece[], a: readonly number[], b: readonly number[]): EncodedInput {
  const ids: number[] = [];
  const typeIds: number[] = [];
  for (const piece of pieces) {
    const run = piece.kind === 'special' ? piece.ids : piece.sequence === 'A' ? a : b;
    for (const id of run) {
      ids.push(id);
      typeIds.push(piece.typeId);
    }
  }
  return { ids, typeIds };
}

/** Parses tokenizer.json's post_processor (TemplateProcessing, BertProcessing, RobertaProcessing,
 * a Sequence of those with ByteLevel, or none). */
export function readPairTemplate(tokenizerJson: JsonObject, tokenizerPath: string): PairTemplate {
  const unsupported = (what: string): ModelError =>
    new ModelError(
      `${tokenizerPath}: ${what}`,
      tokenizerPath,
      'Use a BERT- or RoBERTa-style tokenizer.json (post_processor TemplateProcessing, BertProcessing or RobertaProcessing).',
    );
  const template = parseProcessor(tokenizerJson.post_processor, unsupported);
  return template ?? new PairTemplate(plain(['A']), plain(['A', 'B']));
}

type Unsupported = (what: string) => ModelError;

/** Returns null for processors that add no tokens (none, ByteLevel). */
function parseProcessor(processor: unknown, unsupported: Unsupported): PairTemplate | null {
  if (processor === null || processor === undefined) return null;
  const p = processor as JsonObject;
  switch (p.type) {
    case 'ByteLevel':
      return null; // only adjusts offsets
    case 'TemplateProcessing':
      return new PairTemplate(
        parsePieces(p.single, p.special_tokens, unsupported),
        parsePieces(p.pair, p.special_tokens, unsupported),
      );
    case 'BertProcessing': {
      const cls = tokenId(p.cls, unsupported);
      const sep = tokenId(p.sep, unsupported);
      const s = (ids: number[], typeId: number): TemplatePiece => ({ kind: 'special', ids, typeId });
      const seq = (sequence: 'A' | 'B', typeId: number): TemplatePiece => ({ kind: 'sequence', sequence, typeId });
      return new PairTemplate(
        [s([cls], 0), seq('A', 0), s([sep], 0)],
        [s([cls], 0), seq('A', 0), s([sep], 0), seq('B', 1), s([sep], 1)],
      );
    }
    case 'RobertaProcessing': {
      // <s> A </s></s> B </s>, and RoBERTa uses type id 0 everywhere.
      const cls = tokenId(p.cls, unsupported);
      const sep = tokenId(p.sep, unsupported);
      const s = (ids: number[]): TemplatePiece => ({ kind: 'special', ids, typeId: 0 });
      const seq = (sequence: 'A' | 'B'): TemplatePiece => ({ kind: 'sequence', sequence, typeId: 0 });
      return new PairTemplate([s([cls]), seq('A'), s([sep])], [s([cls]), seq('A'), s([sep, sep]), seq('B'), s([sep])]);
    }
    case 'Sequence': {
      const parts = Array.isArray(p.processors) ? p.processors : [];
      const adding = parts.map((x) => parseProcessor(x, unsupported)).filter((t): t is PairTemplate => t !== null);
      if (adding.length > 1) throw unsupported('post_processor Sequence with more than one token-adding processor');
      return adding[0] ?? null;
    }
    default:
      throw unsupported(`post_processor type ${JSON.stringify(p.type)} is not supported`);
  }
}

function parsePieces(pieces: unknown, specialTokens: unknown, unsupported: Unsupported): TemplatePiece[] {
  if (!Array.isArray(pieces)) throw unsupported('TemplateProcessing template is not a list of pieces');
  const specials = (specialTokens ?? {}) as Record<string, { ids?: unknown }>;
  return pieces.map((piece: JsonObject | null): TemplatePiece => {
    if (piece?.SpecialToken) {
      const { id, type_id } = piece.SpecialToken as { id: string; type_id: number };
      const ids = specials[id]?.ids;
      if (!Array.isArray(ids) || !ids.every((x) => Number.isInteger(x))) {
        throw unsupported(`TemplateProcessing special token ${JSON.stringify(id)} has no ids in special_tokens`);
      }
      return { kind: 'special', ids: ids as number[], typeId: type_id ?? 0 };
    }
    if (piece?.Sequence) {
      const { id, type_id } = piece.Sequence as { id: string; type_id: number };
      if (id !== 'A' && id !== 'B') throw unsupported(`TemplateProcessing sequence ${JSON.stringify(id)}`);
      return { kind: 'sequence', sequence: id, typeId: type_id ?? 0 };
    }
    throw unsupported(`TemplateProcessing piece ${JSON.stringify(piece)} is not understood`);
  });
}

function tokenId(token: unknown, unsupported: Unsupported): number {
  if (Array.isArray(token) && Number.isInteger(token[1])) return token[1] as number;
  throw unsupported(`post_processor token ${JSON.stringify(token)} is not a [text, id] pair`);
}

function plain(sequences: ('A' | 'B')[]): TemplatePiece[] {
  return sequences.map((sequence, i) => ({ kind: 'sequence', sequence, typeId: i }));
}
