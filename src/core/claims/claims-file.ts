// Reading, writing and updating .consistency/claims.json.
import { readClaimsDocument } from './claims-schema';
import { ParseOptions } from './errors';
import { withExtraFields } from './extra-fields';
import { readBytesIfExists, type ReadOptions } from './file-io';
import { DEFAULT_JSON_FORMAT, JsonFormat, formatJson } from './json-format';
import { valueToNode } from './json-with-positions';
import { decodeJsonBytes, parseJsonSource, type JsonSource } from './json-source';
import { SchemaReader } from './schema-reader';
import { Claim, ClaimsDocument, FORMAT_VERSION } from './types';
import { JsonFileKind, updateJsonFile } from './update-json-file';

/**
 * Parses the claims file's text (a leading BOM is fine). Throws ClaimsError naming the file,
 * line and column of every problem; unknown fields are only warned about, and kept.
 */
export function parseClaims(text: string, file: string, options: ParseOptions = {}): ClaimsDocument {
  return readClaims(parseJsonSource(text, file), file, options);
}

function readClaims(source: JsonSource, file: string, options: ParseOptions): ClaimsDocument {
  const reader = new SchemaReader(file, source.lines);
  const doc = readClaimsDocument(reader, source.root);
  reader.throwIfErrors();
  if (options.onWarning) reader.sortedWarnings().forEach(options.onWarning);
  return doc;
}

/** Loads the claims file; a missing file means no claims yet. Never writes. Throws ClaimsError. */
export async function loadClaims(file: string, options: ParseOptions & ReadOptions = {}): Promise<ClaimsDocument> {
  return (await loadClaimsWithLines(file, options)).doc;
}

/**
 * loadClaims, plus the 0-based line of each claim's entry in the file (for "go to claim"), read
 * from the position of its "id" value in the parsed tree: never a text search, which finds an id
 * quoted in another claim's text or note.
 */
export async function loadClaimsWithLines(
  file: string,
  options: ParseOptions & ReadOptions = {},
): Promise<{ doc: ClaimsDocument; lines: Map<string, number> }> {
  const bytes = await readBytesIfExists(file, options);
  if (bytes === undefined) return { doc: emptyClaims(), lines: new Map() };
  // One parse: the tree with positions gives both the document and where each claim is.
  const source = parseJsonSource(decodeJsonBytes(bytes, file), file);
  return { doc: readClaims(source, file, options), lines: claimEntryLines(source) };
}

function claimEntryLines(source: JsonSource): Map<string, number> {
  const lines = new Map<string, number>();
  const list =
    source.root.type === 'object' ? source.root.properties.find((p) => p.key === 'claims')?.value : undefined;
  if (list?.type !== 'array') return lines;
  for (const item of list.items) {
    if (item.type !== 'object') continue;
    const id = item.properties.find((p) => p.key === 'id')?.value;
    if (id?.type === 'string' && id.offset !== undefined && !lines.has(id.value))
      lines.set(id.value, source.lines.positionAt(id.offset).line);
  }
  return lines;
}

/**
 * The file text for a document: known fields in a fixed order (id, text, enabled, scope,
 * source, note), then any unknown fields the document was read with. `format` keeps a file's
 * indentation, line endings and final newline; the default is 2 spaces, "\n", final newline.
 */
export function serializeClaims(doc: ClaimsDocument, format: JsonFormat = DEFAULT_JSON_FORMAT): string {
  return formatJson(withExtraFields(doc, { version: FORMAT_VERSION, claims: doc.claims.map(claimToJson) }), format);
}

function claimToJson(claim: Claim): Record<string, unknown> {
  const known: Record<string, unknown> = { id: claim.id, text: claim.text, enabled: claim.enabled !== false };
  if (claim.scope !== undefined) known.scope = claim.scope;
  if (claim.source !== undefined) {
    const { file, start, end, line } = claim.source;
    known.source = withExtraFields(
      claim.source,
      line === undefined ? { file, start, end } : { file, start, end, line },
    );
  }
  if (claim.note !== undefined) known.note = claim.note;
  return withExtraFields(claim, known);
}

/** Throws ClaimsError (without positions) when a document built in memory is not fit to save. */
export function validateClaimsDocument(doc: ClaimsDocument, file: string): void {
  const reader = new SchemaReader(file);
  readClaimsDocument(reader, valueToNode(doc));
  reader.throwIfErrors();
}

const claimsFileKind: JsonFileKind<ClaimsDocument> = {
  parse: (text, file) => parseClaims(text, file),
  empty: emptyClaims,
  validate: validateClaimsDocument,
  serialize: serializeClaims,
};

/**
 * Applies `mutate` to the claims file and saves it atomically, creating .consistency/ if
 * needed. If the file changes on disk before the save lands, `mutate` runs again on the new
 * content (so it must not have side effects outside the document). Refuses with ClaimsError,
 * writing nothing, when the file on disk is invalid or the result would be; a mutate that
 * changes nothing writes nothing. Resolves to the document as saved.
 */
export function updateClaimsFile(
  file: string,
  mutate: (doc: ClaimsDocument) => ClaimsDocument | void,
  options: ReadOptions = {},
): Promise<ClaimsDocument> {
  return updateJsonFile(file, claimsFileKind, mutate, options);
}

function emptyClaims(): ClaimsDocument {
  return { version: 1, claims: [] };
}
