// Writes an e5-small-v2-shaped int8 model with random weights into the folder given as argument,
// using the project's own converter. Used by scripts/bench-models.mjs when the shared reference
// export is not available. Its predictions mean nothing; it exists for speed and memory figures.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { convertBertModel } from '../../src/core/model';
import { writeRandomBertModel } from '../../test/helpers/model-random-e5';
import { TINY_MODEL } from './report';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: make-e5-model.ts OUT_DIR');
  const source = `${out}.source`;
  rmSync(source, { recursive: true, force: true });
  writeRandomBertModel(source, { seed: 1234 });
  // The fixture model has the bert-base-uncased tokenizer, which e5-small-v2 shares.
  for (const file of ['tokenizer.json', 'tokenizer_config.json'])
    copyFileSync(join(TINY_MODEL, file), join(source, file));
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const result = await convertBertModel(source, out, { int8: true });
  rmSync(source, { recursive: true, force: true });
  console.log(`converted in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.written.join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
