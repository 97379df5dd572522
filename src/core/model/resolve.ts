// Decides which model folder to use, in a fixed order:
//   1. an explicit local folder (a path the user gave),
//   2. a model bundled with the extension (<bundledRoot>/<id>/),
//   3. the user cache (<cacheRoot>/<id>/),
//   4. otherwise "needs download": the caller decides whether to ask (the extension) or to tell
//      the user to run `model pull` (the CLI never downloads unless told).
// Pure file-system checks; no network, no runtime.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { requireCatalogEntry, type Catalog, type CatalogEntry } from './catalog';

export type ModelSource = 'explicit' | 'bundled' | 'cache';

export type ModelResolution =
  | { kind: 'ready'; dir: string; source: ModelSource; entry?: CatalogEntry }
  | { kind: 'needs-download'; entry: CatalogEntry; cacheDir: string };

export interface ResolveOptions {
  /** A folder path or a catalog id; default: the catalog's default model. */
  model?: string;
  catalog: Catalog;
  /** The extension's bundled models folder, if any. */
  bundledRoot?: string;
  /** The user's model cache folder, if any. */
  cacheRoot?: string;
  /** Base for relative folder paths (default: the process working directory). */
  cwd?: string;
}

export class ModelNotFoundError extends Error {}

export function resolveModel(options: ResolveOptions): ModelResolution {
  const { catalog, model } = options;
  if (model !== undefined && looksLikePath(model, catalog)) {
    const dir = resolvePath(options.cwd ?? process.cwd(), model);
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new ModelNotFoundError(`model folder not found: ${dir}`);
    return { kind: 'ready', dir, source: 'explicit' };
  }
  const entry = requireCatalogEntry(catalog, model ?? catalog.default);
  for (const [root, source] of [
    [options.bundledRoot, 'bundled'],
    [options.cacheRoot, 'cache'],
  ] as const) {
    if (!root) continue;
    const dir = join(root, entry.id);
    if (isModelFolderReady(dir)) return { kind: 'ready', dir, source, entry };
  }
  if (!options.cacheRoot)
    throw new ModelNotFoundError(`model '${entry.id}' is not installed and no cache folder is configured`);
  return { kind: 'needs-download', entry, cacheDir: join(options.cacheRoot, entry.id) };
}

/**
 * True when a folder has what the NLI engine loads: config.json, tokenizer.json and an ONNX
 * graph. A half-finished pull (weights downloaded, not yet converted) is not ready.
 */
export function isModelFolderReady(dir: string): boolean {
  const file = (name: string) => existsSync(join(dir, name));
  return (
    file('config.json') && file('tokenizer.json') && (file('onnx/model_quantized.onnx') || file('onnx/model.onnx'))
  );
}

/** A bare name the catalog knows is a catalog id; paths and any other name are folders. */
function looksLikePath(model: string, catalog: Catalog): boolean {
  if (isAbsolute(model) || model.startsWith('.') || model.includes('/') || model.includes('\\')) return true;
  if (catalog.models.some((m) => m.id === model)) return false;
  return true;
}
