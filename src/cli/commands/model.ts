// `consistency-check model`: the model catalog, downloads, conversion and checks.
//   list                        catalog models and whether they are installed
//   pull <id>                   download (and convert) a catalog model into the cache
//   convert <folder>            safetensors BERT classifier -> ONNX (fp32 and/or int8)
//   info <folder|id>            what a model folder contains
//   verify <folder|id>          checksums, graphs, and a behaviour check with the NLI engine
// Nothing here downloads unless the user ran `pull`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import {
  bundledModelCatalog,
  findCatalogEntry,
  requireCatalogEntry,
  type CatalogEntry,
} from '../../core/model/catalog';
import { defaultModelCacheDir } from '../../core/model/cache-dir';
import { convertBertModel, FP32_MODEL_FILE, INT8_MODEL_FILE } from '../../core/model/convert/convert-bert';
import { inspectOnnxFile, isQuantized } from '../../core/model/onnx/inspect';
import { pullModel, type PullProgress } from '../../core/model/pull';
import { resolveModel, type ModelResolution } from '../../core/model/resolve';
import { TrustStore } from '../../core/model/trust-store';
import { verifyModelFolder, type VerifyCheck } from '../../core/model/verify';
import { EXIT_ERROR, EXIT_OK, parseArgs, UsageError, type ParsedArgs } from '../args';
import { labelsOption } from '../labels-option';
import { choiceFlag, numberFlag, threadsFlag } from '../option-values';
import { formatBytes } from '../../core/util/format-bytes';

export const summary = 'manage NLI models (catalog, download, conversion)';

const USAGE = `Usage: consistency-check model <subcommand> [options]

Subcommands:
  list                          catalog models and where they are installed
  pull <id>                     download a catalog model into the cache (and convert it to ONNX)
  convert <folder>              convert a BERT-family safetensors classifier to ONNX
  info <folder|id>              describe a model folder
  verify <folder|id>            check files, graphs and behaviour of a model folder

Options:
  --cache-dir DIR               model cache (default: $XDG_CACHE_HOME/consistency-checker/models)
  --format text|json            output format of list, info and verify (default text)
  pull:    --endpoint URL       Hub endpoint (default: $HF_ENDPOINT, else https://huggingface.co)
           --timeout SECONDS    give up on a connection silent for this long (default 30)
           --retries N          retries per file after network errors (default 4)
  convert: --out DIR            output folder (default: the input folder)
           --int8               write onnx/model_quantized.onnx (int8)
           --fp32               write onnx/model.onnx (the default when --int8 is not given)
           --operators standard|fused   plain ONNX opset 17 (default) or onnxruntime contrib kernels
           --weight-bits 7|8    int8 weight range (default 7; see docs/models.md)
           --labels L,L,L       output order when config.json says LABEL_0..2, e.g.
                                entailment,neutral,contradiction (config.json is rewritten
                                with these names; the original is kept as config.original.json)
  verify:  --threads N          inference threads for the behaviour check
           --labels L,L,L       output order of a folder whose config.json says LABEL_0..2`;

type Subcommand = (args: ParsedArgs) => Promise<number>;

const SUBCOMMANDS: Record<string, Subcommand> = { list, pull, convert, info, verify };

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: [
      'cache-dir',
      'format',
      'endpoint',
      'timeout',
      'retries',
      'out',
      'operators',
      'weight-bits',
      'threads',
      'labels',
    ],
    booleans: ['int8', 'fp32'],
  });
  const [name, ...rest] = args.positionals;
  if (args.has('help') || !name) {
    process.stdout.write(USAGE + '\n');
    return args.has('help') ? EXIT_OK : EXIT_ERROR;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) throw new UsageError(`unknown model subcommand '${name}'\n\n${USAGE}`);
  return subcommand({ ...args, positionals: rest });
}

/** Where the CLI looks for models: the package's bundled models/ folder, then the user cache. */
export function modelLocations(args: ParsedArgs): { bundledRoot?: string; cacheRoot: string } {
  return { bundledRoot: packageModelsDir(), cacheRoot: args.get('cache-dir') ?? defaultModelCacheDir() };
}

/** A folder path or catalog id, resolved without downloading. */
export function resolveForCli(model: string | undefined, args: ParsedArgs): ModelResolution {
  return resolveModel({ model, catalog: bundledModelCatalog(), ...modelLocations(args) });
}

/** Advice for a model that is not installed (the CLI never downloads on its own). */
export function notInstalledMessage(entry: CatalogEntry): string {
  return `model '${entry.id}' is not installed; download it (${entry.downloadSize}) with: consistency-check model pull ${entry.id}`;
}

async function list(args: ParsedArgs): Promise<number> {
  const catalog = bundledModelCatalog();
  const rows = catalog.models.map((entry) => {
    const where = resolveForCli(entry.id, args);
    return {
      entry,
      installed: where.kind === 'ready' ? where.dir : null,
      source: where.kind === 'ready' ? where.source : null,
    };
  });
  if (format(args) === 'json') {
    const json = rows.map(({ entry, installed, source }) => ({
      ...entry,
      default: entry.id === catalog.default,
      installed,
      source,
    }));
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return EXIT_OK;
  }
  for (const { entry, installed, source } of rows) {
    const marker = entry.id === catalog.default ? ' (default)' : '';
    process.stdout.write(`${entry.id}${marker}\n`);
    process.stdout.write(`  ${entry.description}\n`);
    process.stdout.write(
      `  ${entry.repository}@${entry.revision}, ${entry.format}, ${entry.downloadSize}, licence ${entry.license}\n`,
    );
    process.stdout.write(`  labels: ${entry.labels.join(', ')}; max length ${entry.maxLength}\n`);
    if (entry.accuracy) {
      process.stdout.write(
        `  reported ${entry.accuracy.metric} ${entry.accuracy.value} on ${entry.accuracy.dataset} (${entry.accuracy.source})\n`,
      );
    }
    process.stdout.write(
      installed
        ? `  installed (${source}): ${installed}\n\n`
        : `  not installed: consistency-check model pull ${entry.id}\n\n`,
    );
  }
  return EXIT_OK;
}

async function pull(args: ParsedArgs): Promise<number> {
  const id = singlePositional(args, 'pull <id>');
  // Usage errors before the catalog is consulted or anything is downloaded.
  const download = {
    idleTimeoutMs: numberFlag(args, 'timeout', { min: 0, aboveMin: true }, 30) * 1000,
    retries: numberFlag(args, 'retries', { integer: true, min: 0 }, 4),
  };
  const entry = requireCatalogEntry(bundledModelCatalog(), id);
  const { cacheRoot } = modelLocations(args);
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  const bar = new ProgressBar(process.stderr);
  try {
    const result = await pullModel({
      entry,
      cacheRoot,
      endpoint: args.get('endpoint'),
      signal: controller.signal,
      onProgress: (p) => bar.update(p),
      onStatus: (message) => bar.status(message),
      download,
    });
    bar.done();
    const out = process.stdout;
    out.write(`${entry.id}: ${result.dir}\n`);
    if (result.downloaded.length > 0) out.write(`  downloaded: ${result.downloaded.join(', ')}\n`);
    if (result.present.length > 0) out.write(`  already present and verified: ${result.present.join(', ')}\n`);
    if (result.recorded.length > 0) {
      out.write(`  checksums recorded on first download (checked from now on): ${result.recorded.join(', ')}\n`);
    }
    if (result.commit) out.write(`  revision: ${result.commit}\n`);
    if (result.converted) out.write(`  converted: ${join(result.dir, INT8_MODEL_FILE)}\n`);
    return EXIT_OK;
  } catch (err) {
    bar.done();
    if ((err as Error).name === 'AbortError') {
      process.stderr.write('consistency-check: download cancelled; run the same command again to resume\n');
      return EXIT_ERROR;
    }
    throw err;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

async function convert(args: ParsedArgs): Promise<number> {
  const folder = singlePositional(args, 'convert <folder>');
  const operators = choiceFlag(args, 'operators', ['fused', 'standard'], 'standard');
  const bits = choiceFlag(args, 'weight-bits', ['7', '8'], '7');
  const out = args.get('out') ?? folder;
  const started = Date.now();
  const result = await convertBertModel(folder, out, {
    int8: args.has('int8'),
    fp32: args.has('fp32') || !args.has('int8'),
    operators,
    weightBits: Number(bits) as 7 | 8,
    labels: labelsOption(args),
    onProgress: (step) => process.stderr.write(`${step}...\n`),
  });
  const c = result.config;
  process.stdout.write(
    `converted ${c.modelType} (${c.numLayers} layers, hidden ${c.hiddenSize}, labels ${c.labels.join('/')}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  for (const file of result.written) {
    process.stdout.write(`  ${join(out, file)} (${formatBytes(statSync(join(out, file)).size)})\n`);
  }
  if (result.tokenizer === 'built-from-vocab') process.stdout.write('  tokenizer.json built from vocab.txt\n');
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  return EXIT_OK;
}

async function info(args: ParsedArgs): Promise<number> {
  const dir = installedFolder(args, 'info <folder|id>');
  const description = describeFolder(dir);
  if (format(args) === 'json') {
    process.stdout.write(JSON.stringify(description, null, 2) + '\n');
    return EXIT_OK;
  }
  const out = process.stdout;
  out.write(`folder: ${dir}\n`);
  if (description.config) {
    const c = description.config;
    out.write(
      `model: ${c.modelType ?? '?'}${c.architectures ? ` (${c.architectures})` : ''}, ${c.layers ?? '?'} layers, hidden ${c.hidden ?? '?'}, vocabulary ${c.vocabulary ?? '?'}\n`,
    );
    out.write(`labels: ${c.labels.join(', ') || '(none: id2label missing)'}\n`);
  }
  out.write(`tokenizer: ${description.tokenizer}\n`);
  for (const g of description.graphs) {
    out.write(`${g.file}: ${formatBytes(g.bytes)}, ${g.precision}, ${g.operators} operators, opsets ${g.opsets}\n`);
    out.write(`  inputs ${g.inputs}; outputs ${g.outputs}\n`);
    if (Object.keys(g.metadata).length > 0)
      out.write(
        `  metadata: ${Object.entries(g.metadata)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}\n`,
      );
  }
  out.write('files:\n');
  for (const f of description.files) out.write(`  ${f.path} (${formatBytes(f.bytes)})\n`);
  return EXIT_OK;
}

async function verify(args: ParsedArgs): Promise<number> {
  const target = singlePositional(args, 'verify <folder|id>');
  const dir = installedFolder(args, 'verify <folder|id>');
  const entry = findCatalogEntry(bundledModelCatalog(), target);
  const { cacheRoot } = modelLocations(args);
  const checks = await verifyModelFolder(dir, {
    entry,
    trust: entry && existsSync(cacheRoot) ? TrustStore.load(cacheRoot) : undefined,
    threads: threadsFlag(args),
    labels: labelsOption(args),
  });
  const failed = checks.some((c) => c.status === 'fail');
  if (format(args) === 'json') {
    process.stdout.write(JSON.stringify({ folder: dir, ok: !failed, checks }, null, 2) + '\n');
  } else {
    process.stdout.write(`${dir}\n`);
    for (const c of checks) process.stdout.write(`  ${SYMBOL[c.status]} ${c.check}: ${c.detail}\n`);
    process.stdout.write(failed ? 'verification failed\n' : 'verified\n');
  }
  return failed ? EXIT_ERROR : EXIT_OK;
}

const SYMBOL: Record<VerifyCheck['status'], string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

interface FolderDescription {
  config?: {
    modelType?: string;
    architectures?: string;
    layers?: number;
    hidden?: number;
    vocabulary?: number;
    labels: string[];
  };
  tokenizer: string;
  graphs: Array<{
    file: string;
    bytes: number;
    precision: string;
    operators: number;
    opsets: string;
    inputs: string;
    outputs: string;
    metadata: Record<string, string>;
  }>;
  files: Array<{ path: string; bytes: number }>;
}

function describeFolder(dir: string): FolderDescription {
  const description: FolderDescription = { tokenizer: 'missing', graphs: [], files: [] };
  const configPath = join(dir, 'config.json');
  if (existsSync(configPath)) {
    const c = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    const id2label = (c.id2label ?? {}) as Record<string, string>;
    description.config = {
      modelType: c.model_type as string | undefined,
      architectures: Array.isArray(c.architectures) ? c.architectures.join(', ') : undefined,
      layers: c.num_hidden_layers as number | undefined,
      hidden: c.hidden_size as number | undefined,
      vocabulary: c.vocab_size as number | undefined,
      labels: Object.keys(id2label)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => id2label[k]),
    };
  }
  const tokenizerPath = join(dir, 'tokenizer.json');
  if (existsSync(tokenizerPath)) {
    const t = JSON.parse(readFileSync(tokenizerPath, 'utf8')) as {
      model?: { type?: string };
      normalizer?: { type?: string; lowercase?: boolean };
    };
    const lower = t.normalizer?.lowercase ? ', lower-cased' : '';
    description.tokenizer = `tokenizer.json (${t.model?.type ?? 'unknown model'}${lower})`;
  }
  for (const file of [FP32_MODEL_FILE, INT8_MODEL_FILE]) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const s = inspectOnnxFile(path);
    const shape = (v: { name: string; dims: Array<number | string> }) => `${v.name}[${v.dims.join(', ')}]`;
    description.graphs.push({
      file,
      bytes: statSync(path).size,
      precision: isQuantized(s) ? 'int8' : 'float',
      operators: [...s.operators.values()].reduce((a, b) => a + b, 0),
      opsets: s.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', '),
      inputs: s.inputs.map(shape).join(', '),
      outputs: s.outputs.map(shape).join(', '),
      metadata: s.metadata,
    });
  }
  description.files = listFiles(dir).map((path) => ({ path: relative(dir, path), bytes: statSync(path).size }));
  return description;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return listFiles(path);
    return d.isFile() ? [path] : [];
  });
}

/** The folder for a folder path or an installed catalog id; an id that is not installed is an error. */
function installedFolder(args: ParsedArgs, usage: string): string {
  const where = resolveForCli(singlePositional(args, usage), args);
  if (where.kind === 'needs-download') throw new UsageError(notInstalledMessage(where.entry));
  return where.dir;
}

function singlePositional(args: ParsedArgs, usage: string): string {
  if (args.positionals.length !== 1) throw new UsageError(`usage: consistency-check model ${usage}`);
  return args.positionals[0];
}

function format(args: ParsedArgs): 'text' | 'json' {
  return choiceFlag(args, 'format', ['text', 'json'], 'text');
}

/** The package's models/ folder (next to models/catalog.json), found from the running script. */
function packageModelsDir(): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'models', 'catalog.json'))) return join(dir, 'models');
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A one-line progress bar on a terminal; on a pipe or file, just the status lines (a bar
 * redrawn with \r would fill logs with noise).
 */
class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(p: PullProgress): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    const finished = p.total !== undefined && p.bytes >= p.total;
    if (now - this.lastDraw < 100 && !finished) return;
    this.lastDraw = now;
    const width = 30;
    const fraction = p.total ? Math.min(1, p.bytes / p.total) : 0;
    const filled = Math.round(fraction * width);
    const bar = p.total
      ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`
      : '[downloading]';
    const size = p.total ? `${formatBytes(p.bytes)} / ${formatBytes(p.total)}` : formatBytes(p.bytes);
    const line = `${bar} ${size} ${p.file} (${p.index}/${p.count})`;
    this.stream.write(`\r${line.slice(0, (this.stream.columns ?? 100) - 1)}\x1b[K`);
    this.drawn = true;
  }

  status(message: string): void {
    this.done();
    this.stream.write(`${message}\n`);
  }

  done(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
