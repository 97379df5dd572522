// Reading, writing and updating .consistency/dismissed.json.
import { readDismissedDocument } from './dismissed-schema';
import { ParseOptions } from './errors';
import { withExtraFields } from './extra-fields';
import { readBytesIfExists, type ReadOptions } from './file-io';
import { DEFAULT_JSON_FORMAT, JsonFormat, formatJson } from './json-format';
import { valueToNode } from './json-with-positions';
import { decodeJsonBytes, parseJsonSource } from './json-source';
import { SchemaReader } from './schema-reader';
import { DismissedDocument, DismissedFinding, FORMAT_VERSION } from './types';
import { JsonFileKind, updateJsonFile } from './update-json-file';

/** Parses the dismissed file's text; throws ClaimsError with file:line:column. */
export function parseDismissed(text: string, file: string, options: ParseOptions = {}): DismissedDocument {
  const source = parseJsonSource(text, file);
  const reader = new SchemaReader(file, source.lines);
  const doc = readDismissedDocument(reader, source.root);
  reader.throwIfErrors();
  if (options.onWarning) reader.sortedWarnings().forEach(options.onWarning);
  return doc;
}

/** Loads the dismissed file; a missing file means nothing dismissed. Never writes. */
export async function loadDismissed(
  file: string,
  options: ParseOptions & ReadOptions = {},
): Promise<DismissedDocument> {
  const bytes = await readBytesIfExists(file, options);
  if (bytes === undefined) return emptyDismissed();
  return parseDismissed(decodeJsonBytes(bytes, file), file, options);
}

export function serializeDismissed(doc: DismissedDocument, format: JsonFormat = DEFAULT_JSON_FORMAT): string {
  return formatJson(
    withExtraFields(doc, { version: FORMAT_VERSION, dismissed: doc.dismissed.map(findingToJson) }),
    format,
  );
}

function findingToJson(finding: DismissedFinding): Record<string, unknown> {
  const { claimId, file, sentence, at } = finding;
  return withExtraFields(finding, at === undefined ? { claimId, file, sentence } : { claimId, file, sentence, at });
}

function validateDismissedDocument(doc: DismissedDocument, file: string): void {
  const reader = new SchemaReader(file);
  readDismissedDocument(reader, valueToNode(doc));
  reader.throwIfErrors();
}

const dismissedFileKind: JsonFileKind<DismissedDocument> = {
  parse: (text, file) => parseDismissed(text, file),
  empty: emptyDismissed,
  validate: validateDismissedDocument,
  serialize: serializeDismissed,
};

/** Same contract as updateClaimsFile, for the dismissed file. */
export function updateDismissedFile(
  file: string,
  mutate: (doc: DismissedDocument) => DismissedDocument | void,
  options: ReadOptions = {},
): Promise<DismissedDocument> {
  return updateJsonFile(file, dismissedFileKind, mutate, options);
}

function emptyDismissed(): DismissedDocument {
  return { version: 1, dismissed: [] };
}
