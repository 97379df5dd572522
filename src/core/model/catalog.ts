// The model catalog (models/catalog.json): which models the project knows how to fetch, from
// which Hub repository and revision, which files, and what their checksums are when known.
// Validated on load so that a typo in the catalog fails in tests, not on a user's first download.
import bundledCatalog from '../../../models/catalog.json';
// labels and types only, not ../nli: the catalog must load without onnxruntime (e2e tests, the client).
import { parseLabelOrder } from '../nli/labels';
import type { LabelOrder, NliLabel } from '../nli/types';
import { isPickleFile } from './weight-files';

/** 'bert-safetensors': convert (and quantize) after download; 'onnx': ready to use. */
export type CatalogFormat = 'bert-safetensors' | 'onnx';

export interface CatalogFile {
  /** Path inside the repository (and inside the local model folder). */
  path: string;
  /** Size in bytes, or null when not yet known. */
  size: number | null;
  /** Lower-case hex SHA-256, or null: then recorded on first download and checked ever after. */
  sha256: string | null;
}

export interface CatalogAccuracy {
  metric: string;
  value: number;
  dataset: string;
  source: string;
}

export interface CatalogEntry {
  id: string;
  description: string;
  repository: string;
  /** Branch, tag or commit; a commit hash makes downloads reproducible. */
  revision: string;
  format: CatalogFormat;
  files: CatalogFile[];
  /** Human-readable download size, for prompts ("about 134 MB"). */
  downloadSize: string;
  /** Canonical label names in the model's output order; they decide when config.json's are generic (LABEL_i). */
  labels: NliLabel[];
  maxLength: number;
  tokenizer: string;
  license: string;
  accuracy: CatalogAccuracy | null;
}

export interface Catalog {
  version: 1;
  default: string;
  models: CatalogEntry[];
}

export class CatalogError extends Error {}

/** The catalog shipped with the extension and the CLI. */
export function bundledModelCatalog(): Catalog {
  return parseCatalog(bundledCatalog, 'models/catalog.json');
}

/** The entry's label order, for the engine and the converter (and their messages). */
export function catalogLabelOrder(entry: CatalogEntry): LabelOrder {
  return { labels: entry.labels, source: `the catalog entry ${entry.id}` };
}

export function findCatalogEntry(catalog: Catalog, id: string): CatalogEntry | undefined {
  return catalog.models.find((m) => m.id === id);
}

/** The entry for `id`, or an error listing the ids the catalog has. */
export function requireCatalogEntry(catalog: Catalog, id: string): CatalogEntry {
  const entry = findCatalogEntry(catalog, id);
  if (!entry) {
    throw new CatalogError(`unknown model '${id}'; the catalog has: ${catalog.models.map((m) => m.id).join(', ')}`);
  }
  return entry;
}

export function parseCatalog(value: unknown, source: string): Catalog {
  const fail = (what: string): never => {
    throw new CatalogError(`${source}: ${what}`);
  };
  const object = (v: unknown, where: string): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : fail(`${where} must be an object`);
  const string = (o: Record<string, unknown>, key: string, where: string): string =>
    typeof o[key] === 'string' && (o[key] as string).length > 0
      ? (o[key] as string)
      : fail(`${where}.${key} must be a non-empty string`);

  const root = object(value, 'catalog');
  if (root.version !== 1) fail(`unsupported catalog version ${String(root.version)}`);
  if (!Array.isArray(root.models)) fail('models must be an array');
  const models = (root.models as unknown[]).map((m, i): CatalogEntry => {
    const o = object(m, `models[${i}]`);
    const where = `models[${i}]`;
    const id = string(o, 'id', where);
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(id))
      fail(`${where}.id '${id}' must be lower-case letters, digits, '.', '_' or '-' (it names a folder)`);
    const format = string(o, 'format', where) as CatalogFormat;
    if (format !== 'bert-safetensors' && format !== 'onnx')
      fail(`${where}.format must be 'bert-safetensors' or 'onnx'`);
    if (!Array.isArray(o.files) || o.files.length === 0) fail(`${where}.files must be a non-empty array`);
    const files = (o.files as unknown[]).map((f, j): CatalogFile => {
      const file = object(f, `${where}.files[${j}]`);
      const path = string(file, 'path', `${where}.files[${j}]`);
      // Also refuse backslashes and drive letters: on Windows `..\\x` or `C:\\x` would leave the folder
      // (found by test/reliability/security.test.ts).
      if (path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..')) {
        fail(`${where}.files[${j}].path must stay inside the model folder`);
      }
      if (isPickleFile(path))
        fail(`${where}.files[${j}].path '${path}' is a pickle checkpoint; only safetensors and ONNX are allowed`);
      const size = file.size ?? null;
      if (size !== null && (typeof size !== 'number' || !Number.isInteger(size) || size < 0))
        fail(`${where}.files[${j}].size must be bytes or null`);
      const sha256 = file.sha256 ?? null;
      if (sha256 !== null && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))) {
        fail(`${where}.files[${j}].sha256 must be 64 lower-case hex digits or null`);
      }
      return { path, size: size as number | null, sha256: sha256 as string | null };
    });
    const paths = files.map((f) => f.path);
    if (format === 'bert-safetensors' && !paths.includes('model.safetensors'))
      fail(`${where}: a bert-safetensors entry needs model.safetensors`);
    if (format === 'onnx' && !paths.some((p) => p.startsWith('onnx/') && p.endsWith('.onnx')))
      fail(`${where}: an onnx entry needs an onnx/*.onnx file`);
    if (!paths.includes('config.json')) fail(`${where}: config.json must be listed (it carries id2label)`);
    let labels: NliLabel[] = [];
    try {
      labels = parseLabelOrder(
        Array.isArray(o.labels) && o.labels.every((l) => typeof l === 'string')
          ? (o.labels as string[])
          : String(o.labels),
      );
    } catch (err) {
      fail(`${where}.labels: ${(err as Error).message}`);
    }
    const maxLength =
      typeof o.maxLength === 'number' && o.maxLength > 0
        ? o.maxLength
        : fail(`${where}.maxLength must be a positive number`);
    let accuracy: CatalogAccuracy | null = null;
    if (o.accuracy !== undefined && o.accuracy !== null) {
      const a = object(o.accuracy, `${where}.accuracy`);
      if (typeof a.value !== 'number') fail(`${where}.accuracy.value must be a number`);
      accuracy = {
        metric: string(a, 'metric', `${where}.accuracy`),
        value: a.value as number,
        dataset: string(a, 'dataset', `${where}.accuracy`),
        source: string(a, 'source', `${where}.accuracy`),
      };
    }
    return {
      id,
      description: typeof o.description === 'string' ? o.description : '',
      repository: string(o, 'repository', where),
      revision: string(o, 'revision', where),
      format,
      files,
      downloadSize: typeof o.downloadSize === 'string' ? o.downloadSize : 'unknown size',
      labels,
      maxLength,
      tokenizer: typeof o.tokenizer === 'string' ? o.tokenizer : '',
      license: string(o, 'license', where),
      accuracy,
    };
  });
  const ids = models.map((m) => m.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) fail(`model id '${duplicate}' appears twice`);
  const defaultId = typeof root.default === 'string' ? root.default : fail('default must name a model');
  if (!ids.includes(defaultId)) fail(`default '${defaultId}' is not a model in the catalog`);
  return { version: 1, default: defaultId, models };
}
