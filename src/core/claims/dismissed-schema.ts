// The dismissed-findings file schema: from a positioned JSON tree to a DismissedDocument.
import { setExtraFields } from './extra-fields';
import type { JsonNode } from './json-with-positions';
import { SchemaReader, describeNode, readEnvelope } from './schema-reader';
import type { DismissedDocument, DismissedFinding } from './types';

const FINDING_FIELDS = ['claimId', 'file', 'sentence', 'at'] as const;

/** Reads the whole tree; errors accumulate in `reader` (call throwIfErrors), warnings too. */
export function readDismissedDocument(reader: SchemaReader, root: JsonNode): DismissedDocument {
  const { list, extras } = readEnvelope(reader, root, 'dismissed');
  const dismissed: DismissedFinding[] = [];
  list?.items.forEach((node, index) => {
    const finding = readFinding(reader, node, `dismissed[${index}]`);
    if (finding) dismissed.push(finding);
  });
  const doc: DismissedDocument = { version: 1, dismissed };
  setExtraFields(doc, extras);
  return doc;
}

function readFinding(reader: SchemaReader, node: JsonNode, path: string): DismissedFinding | undefined {
  if (node.type !== 'object') {
    reader.error(
      node.offset,
      `${path} must be an object like {"claimId": "c1", "file": "docs/api.md", "sentence": "..."} (found ${describeNode(node)})`,
    );
    return undefined;
  }
  const errorsBefore = reader.errors.length;
  const { known, extras } = reader.fields(node, path, FINDING_FIELDS);
  const claimId = reader.requiredText(node, known.claimId, path, 'claimId');
  const file = reader.requiredText(node, known.file, path, 'file');
  const sentence = reader.requiredText(node, known.sentence, path, 'sentence');
  let at: string | undefined;
  const atNode = known.at?.value;
  if (atNode) {
    if (atNode.type === 'string' && !Number.isNaN(Date.parse(atNode.value))) at = atNode.value;
    else {
      const found = atNode.type === 'string' ? JSON.stringify(atNode.value) : describeNode(atNode);
      reader.error(atNode.offset, `${path}.at must be an ISO date like "2024-05-01T12:00:00.000Z" (found ${found})`);
    }
  }
  if (reader.errors.length > errorsBefore || claimId === undefined || file === undefined || sentence === undefined)
    return undefined;
  const finding: DismissedFinding = { claimId, file, sentence };
  if (at !== undefined) finding.at = at;
  setExtraFields(finding, extras);
  return finding;
}
