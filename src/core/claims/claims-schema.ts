// The claims file schema: from a positioned JSON tree to a ClaimsDocument, reporting every
// problem with the line it is on. The same checks vet in-memory documents before a save.
import { setExtraFields } from './extra-fields';
import type { JsonArrayNode, JsonNode, JsonObjectNode, JsonStringNode } from './json-with-positions';
import { SchemaReader, describeNode, isNonNegativeInteger, readEnvelope } from './schema-reader';
import { scopeGlobProblem } from './scope';
import type { Claim, ClaimSource, ClaimsDocument } from './types';

const CLAIM_FIELDS = ['id', 'text', 'enabled', 'scope', 'source', 'note'] as const;
const SOURCE_FIELDS = ['file', 'start', 'end', 'line'] as const;

/** Reads the whole tree; errors accumulate in `reader` (call throwIfErrors), warnings too. */
export function readClaimsDocument(reader: SchemaReader, root: JsonNode): ClaimsDocument {
  const { list, extras } = readEnvelope(reader, root, 'claims');
  const doc: ClaimsDocument = { version: 1, claims: list ? readClaims(reader, list) : [] };
  setExtraFields(doc, extras);
  return doc;
}

function readClaims(reader: SchemaReader, list: JsonArrayNode): Claim[] {
  const claims: Claim[] = [];
  const firstUse = new Map<string, { index: number; offset?: number }>();
  list.items.forEach((node, index) => {
    const claim = readClaim(reader, node, `claims[${index}]`);
    // Duplicates are checked on the raw id, so they are reported even when either claim has other problems.
    const id = idNode(node);
    if (id) {
      const earlier = firstUse.get(id.value);
      if (earlier) {
        const here = reader.lineOf(node.offset);
        const there = reader.lineOf(earlier.offset);
        reader.error(
          id.offset,
          `duplicate claim id "${id.value}" in claims[${index}]${here === undefined ? '' : ` (line ${here})`}; ` +
            `claims[${earlier.index}]${there === undefined ? '' : ` (line ${there})`} already uses it`,
        );
        return;
      }
      firstUse.set(id.value, { index, offset: node.offset });
    }
    if (claim) claims.push(claim);
  });
  return claims;
}

function idNode(node: JsonNode): JsonStringNode | undefined {
  if (node.type !== 'object') return undefined;
  const value = node.properties.find((p) => p.key === 'id')?.value;
  return value?.type === 'string' && value.value.trim() !== '' ? value : undefined;
}

/** One claim, or undefined when it has errors (already reported). */
function readClaim(reader: SchemaReader, node: JsonNode, path: string): Claim | undefined {
  if (node.type !== 'object') {
    reader.error(
      node.offset,
      `${path} must be an object like {"id": "c1", "text": "..."} (found ${describeNode(node)})`,
    );
    return undefined;
  }
  const errorsBefore = reader.errors.length;
  const { known, extras } = reader.fields(node, path, CLAIM_FIELDS);

  const id = reader.requiredText(node, known.id, path, 'id');
  if (id !== undefined && id.trim() !== id) {
    reader.error(known.id!.value.offset, `${path}.id must not start or end with spaces`);
  }
  const text = reader.requiredText(node, known.text, path, 'text');

  let enabled = true;
  const enabledNode = known.enabled?.value;
  if (enabledNode) {
    if (enabledNode.type === 'boolean') enabled = enabledNode.value;
    else reader.error(enabledNode.offset, `${path}.enabled must be true or false (found ${describeNode(enabledNode)})`);
  }

  const scope = known.scope ? readScope(reader, known.scope.value, `${path}.scope`) : undefined;
  const source = known.source ? readSource(reader, known.source.value, `${path}.source`) : undefined;

  let note: string | undefined;
  const noteNode = known.note?.value;
  if (noteNode) {
    if (noteNode.type === 'string') note = noteNode.value;
    else reader.error(noteNode.offset, `${path}.note must be a string (found ${describeNode(noteNode)})`);
  }

  if (reader.errors.length > errorsBefore || id === undefined || text === undefined) return undefined;
  const claim: Claim = { id, text, enabled };
  if (scope !== undefined) claim.scope = scope;
  if (source !== undefined) claim.source = source;
  if (note !== undefined) claim.note = note;
  setExtraFields(claim, extras);
  return claim;
}

function readScope(reader: SchemaReader, node: JsonNode, path: string): string | string[] | undefined {
  const checkGlob = (glob: JsonNode, where: string): string | undefined => {
    if (glob.type !== 'string') {
      reader.error(glob.offset, `${where} must be a glob string like "docs/**/*.md" (found ${describeNode(glob)})`);
      return undefined;
    }
    const problem = scopeGlobProblem(glob.value);
    if (problem) reader.error(glob.offset, `${where} ${problem}`);
    return glob.value;
  };
  if (node.type === 'string') return checkGlob(node, path);
  if (node.type !== 'array') {
    reader.error(
      node.offset,
      `${path} must be a glob string or an array of glob strings (found ${describeNode(node)})`,
    );
    return undefined;
  }
  if (node.items.length === 0) {
    // An empty list would silently switch the claim off; "enabled": false says that openly.
    reader.error(node.offset, `${path} must not be an empty array (leave "scope" out to apply the claim everywhere)`);
    return undefined;
  }
  const globs = node.items.map((item, i) => checkGlob(item, `${path}[${i}]`));
  return globs.every((g): g is string => g !== undefined) ? globs : undefined;
}

function readSource(reader: SchemaReader, node: JsonNode, path: string): ClaimSource | undefined {
  if (node.type !== 'object') {
    reader.error(
      node.offset,
      `${path} must be an object like {"file": "docs/api.md", "start": 120, "end": 168} (found ${describeNode(node)})`,
    );
    return undefined;
  }
  const { known, extras } = reader.fields(node as JsonObjectNode, path, SOURCE_FIELDS);
  const file = reader.requiredText(node, known.file, path, 'file');
  const offsetField = (name: 'start' | 'end'): number | undefined => {
    const property = known[name];
    if (!property) {
      reader.error(node.offset, `${path} is missing "${name}"`);
      return undefined;
    }
    if (!isNonNegativeInteger(property.value)) {
      reader.error(
        property.value.offset,
        `${path}.${name} must be a non-negative integer (found ${describeNode(property.value)})`,
      );
      return undefined;
    }
    return property.value.value;
  };
  const start = offsetField('start');
  const end = offsetField('end');
  if (start !== undefined && end !== undefined && end < start) {
    reader.error(known.end!.value.offset, `${path}.end (${end}) must not be less than start (${start})`);
  }
  let line: number | undefined;
  const lineNode = known.line?.value;
  if (lineNode) {
    if (isNonNegativeInteger(lineNode) && lineNode.value >= 1) line = lineNode.value;
    else
      reader.error(
        lineNode.offset,
        `${path}.line must be a positive integer (lines count from 1; found ${describeNode(lineNode)})`,
      );
  }
  if (file === undefined || start === undefined || end === undefined || end < start) return undefined;
  const source: ClaimSource = { file, start, end };
  if (line !== undefined) source.line = line;
  setExtraFields(source, extras);
  return source;
}
