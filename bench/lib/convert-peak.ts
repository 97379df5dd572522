// One conversion in a fresh process, for bench/convert-throughput.ts --memory: prints a JSON line
// with the peak resident memory (VmHWM) and, when a model was written, its size and sha256.
//
//   node --import tsx bench/lib/convert-peak.ts SOURCE_DIR OUT_DIR fp32|int8|weights|bare
//
// 'bare' loads the same modules and converts nothing: the baseline of the process itself.
// 'weights' only reads the checkpoint (the converter's first step), for context.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseBertConfig } from '../../src/core/model/convert/bert-config';
import { loadBertWeights } from '../../src/core/model/convert/bert-weights';
import { convertBertModel, FP32_MODEL_FILE, INT8_MODEL_FILE } from '../../src/core/model/convert/convert-bert';
import { openSafetensorsWeights } from '../../src/core/model/convert/tensor-source';

function peakMB(): number {
  const match = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  const [source, out, mode] = process.argv.slice(2);
  if (!source || !out || !['fp32', 'int8', 'weights', 'bare'].includes(mode))
    throw new Error('usage: convert-peak.ts SOURCE OUT fp32|int8|weights|bare');
  if (mode === 'bare') {
    console.log(JSON.stringify({ mode, peakMB: peakMB() }));
    return;
  }
  if (mode === 'weights') {
    const config = parseBertConfig(
      JSON.parse(readFileSync(join(source, 'config.json'), 'utf8')) as Record<string, unknown>,
    );
    const weights = loadBertWeights(openSafetensorsWeights(source), config);
    console.log(JSON.stringify({ mode, peakMB: peakMB(), layers: weights.layers.length }));
    return;
  }
  const started = performance.now();
  await convertBertModel(source, out, { fp32: mode === 'fp32', int8: mode === 'int8' });
  const seconds = (performance.now() - started) / 1000;
  const peak = peakMB(); // before hashing, which reads the whole file back
  const file = join(out, mode === 'fp32' ? FP32_MODEL_FILE : INT8_MODEL_FILE);
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  console.log(JSON.stringify({ mode, peakMB: peak, seconds, fileMB: statSync(file).size / 2 ** 20, sha256 }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
