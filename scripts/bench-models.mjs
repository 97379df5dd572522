// Prepares the models the benchmarks measure, in the gitignored .bench-models/ folder; nothing here
// is committed. Run by `npm run bench` (and by itself: `node scripts/bench-models.mjs [--generate]`).
//
//   .bench-models/e5-shape-random/   an int8 model with exactly the shape of e5-small-v2 (random weights):
//     - copied from ../shared/bench-models/e5-shape-random when that folder exists (the team's
//       reference export: torch.onnx.export + onnxruntime quantize_dynamic);
//     - otherwise generated: random weights (test/helpers/model-random-e5.ts), converted to int8 ONNX
//       by our own converter (src/core/model), tokenizer from the fixture model (same vocabulary).
//   --generate forces the second path even when the shared copy exists; --out DIR writes elsewhere.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const target = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, '.bench-models', 'e5-shape-random');
const shared = resolve(root, '..', 'shared', 'bench-models', 'e5-shape-random');
const generate = process.argv.includes('--generate');
const ready = (dir) =>
  ['config.json', 'tokenizer.json', 'onnx/model_quantized.onnx'].every((f) => existsSync(join(dir, f)));

if (ready(target) && !generate) {
  console.log(`bench models: ${target} is ready`);
} else if (existsSync(shared) && !generate) {
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { recursive: true, force: true });
  // Only what the engine loads: config, tokenizer files and the plain quantize_dynamic export.
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']) {
    if (existsSync(join(shared, file))) cpSync(join(shared, file), join(target, file), { recursive: true });
  }
  console.log(`bench models: copied ${shared} -> ${target}`);
} else {
  console.log(`bench models: generating ${target} with the converter (random weights, e5-small-v2 shape)`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench', 'lib', 'make-e5-model.ts'), target],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
