// `model verify`: is this folder the model it claims to be, and does it behave like an NLI model?
//  - files: checksums against the catalog, or against the first-use records;
//  - graphs: each ONNX file has the inputs/outputs the engine feeds and as many logits as labels;
//  - behaviour: the engine loads each graph and gets two unmistakable pairs right (a sentence
//    entails itself and contradicts its negation). A wrong label order or a broken conversion
//    fails here rather than silently inverting every finding.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NliEngine, type LabelOrder, type NliLabel } from '../nli';
import { catalogLabelOrder, type CatalogEntry } from './catalog';
import { sha256File } from './download';
import { downloadedCopyPath } from './label-config';
import { inspectOnnxFile, isQuantized } from './onnx/inspect';
import type { TrustStore } from './trust-store';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface VerifyCheck {
  check: string;
  status: CheckStatus;
  detail: string;
}

export interface VerifyOptions {
  /** The catalog entry the folder was pulled from (enables checksum checks). */
  entry?: CatalogEntry;
  /** First-use records for files the catalog has no checksum for. */
  trust?: TrustStore;
  threads?: number;
  /** The output order of a folder whose config.json says LABEL_0..2 (`--labels`); else the entry's. */
  labels?: LabelOrder;
}

const ONNX_FILES = ['onnx/model_quantized.onnx', 'onnx/model.onnx'] as const;

/** Pairs any NLI model gets right; phrased like the fixture's synthetic task so it does too. */
const SANITY_PAIRS: Array<{ premise: string; hypothesis: string; expected: NliLabel }> = [
  { premise: 'The clinic supports pets.', hypothesis: 'The clinic supports pets.', expected: 'entailment' },
  { premise: 'The clinic supports pets.', hypothesis: 'The clinic does not support pets.', expected: 'contradiction' },
];

export async function verifyModelFolder(dir: string, options: VerifyOptions = {}): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  if (options.entry) checks.push(...(await verifyChecksums(dir, options.entry, options.trust)));

  const configPath = join(dir, 'config.json');
  let labelCount: number | undefined;
  if (!existsSync(configPath)) {
    checks.push({ check: 'config.json', status: 'fail', detail: 'missing' });
  } else {
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as { id2label?: Record<string, string> };
    labelCount = config.id2label ? Object.keys(config.id2label).length : undefined;
    checks.push({
      check: 'config.json',
      status: labelCount === 3 ? 'ok' : 'fail',
      detail:
        labelCount === undefined
          ? 'no id2label: the label order is unknown'
          : `labels: ${Object.values(config.id2label ?? {}).join(', ')}`,
    });
  }
  if (!existsSync(join(dir, 'tokenizer.json')))
    checks.push({ check: 'tokenizer.json', status: 'fail', detail: 'missing' });

  const graphs = ONNX_FILES.filter((f) => existsSync(join(dir, f)));
  if (graphs.length === 0) checks.push({ check: 'onnx', status: 'fail', detail: `no ${ONNX_FILES.join(' or ')}` });
  for (const file of graphs) checks.push(checkGraph(dir, file, labelCount));

  if (!checks.some((c) => c.status === 'fail')) {
    for (const file of graphs) checks.push(await checkBehaviour(dir, file, options));
  }
  return checks;
}

async function verifyChecksums(
  dir: string,
  entry: CatalogEntry,
  trust: TrustStore | undefined,
): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  for (const file of entry.files) {
    const path = downloadedCopyPath(dir, file.path);
    if (!existsSync(path)) {
      checks.push({ check: file.path, status: 'fail', detail: 'missing (run `model pull` again)' });
      continue;
    }
    const expected = file.sha256 ?? trust?.file(entry.repository, entry.revision, file.path)?.sha256;
    if (!expected) {
      checks.push({
        check: file.path,
        status: 'warn',
        detail: 'no checksum known (neither in the catalog nor recorded at download)',
      });
      continue;
    }
    const actual = await sha256File(path);
    const origin = file.sha256 ? 'catalog' : 'recorded at first download';
    checks.push(
      actual === expected
        ? { check: file.path, status: 'ok', detail: `SHA-256 matches (${origin})` }
        : { check: file.path, status: 'fail', detail: `SHA-256 ${actual} does not match ${expected} (${origin})` },
    );
  }
  return checks;
}

function checkGraph(dir: string, file: string, labelCount: number | undefined): VerifyCheck {
  try {
    const summary = inspectOnnxFile(join(dir, file));
    const inputs = summary.inputs.map((i) => i.name);
    const problems: string[] = [];
    for (const required of ['input_ids', 'attention_mask'])
      if (!inputs.includes(required)) problems.push(`no ${required} input`);
    const output = summary.outputs.find((o) => o.name === 'logits') ?? summary.outputs[0];
    const width = output?.dims[output.dims.length - 1];
    if (labelCount !== undefined && typeof width === 'number' && width !== labelCount)
      problems.push(`${width} logits for ${labelCount} labels`);
    const precision = isQuantized(summary) ? 'int8' : 'float';
    return problems.length > 0
      ? { check: file, status: 'fail', detail: problems.join('; ') }
      : {
          check: file,
          status: 'ok',
          detail: `${precision} graph, inputs ${inputs.join(', ')}; output ${output?.name} [${output?.dims.join(', ')}]`,
        };
  } catch (err) {
    return { check: file, status: 'fail', detail: `not a readable ONNX file: ${(err as Error).message}` };
  }
}

async function checkBehaviour(dir: string, file: string, options: VerifyOptions): Promise<VerifyCheck> {
  const precision = file.endsWith('_quantized.onnx') ? 'int8' : 'fp32';
  const check = `${file} behaviour`;
  let engine: NliEngine | undefined;
  try {
    // A folder pulled before config.json was relabelled still has LABEL_i: the catalog knows the order.
    const labels = options.labels ?? (options.entry && catalogLabelOrder(options.entry));
    engine = await NliEngine.load(dir, { precision, threads: options.threads, labels });
    const scores = await engine.score(SANITY_PAIRS);
    const wrong = SANITY_PAIRS.flatMap((pair, i) => {
      const probabilities = scores[i].probabilities;
      const top = (Object.keys(probabilities) as NliLabel[]).reduce((a, b) =>
        probabilities[a] >= probabilities[b] ? a : b,
      );
      return top === pair.expected
        ? []
        : [`"${pair.hypothesis}" given "${pair.premise}" came out ${top}, expected ${pair.expected}`];
    });
    return wrong.length > 0
      ? {
          check,
          status: 'fail',
          detail: `${wrong.join('; ')} (wrong label order in config.json, or a broken conversion?)`,
        }
      : { check, status: 'ok', detail: 'loads, and a sentence entails itself and contradicts its negation' };
  } catch (err) {
    return { check, status: 'fail', detail: (err as Error).message };
  } finally {
    await engine?.dispose();
  }
}
