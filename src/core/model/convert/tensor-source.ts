// Finds the weights of a Hugging Face model folder: model.safetensors, or the shards listed in
// model.safetensors.index.json. Pickle checkpoints are refused with an explanation.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { TensorSource } from './bert-weights';
import { SafetensorsFile } from './safetensors';
import { UnsupportedModelError } from './bert-config';
import { PickleRefusedError, isPickleFile } from '../weight-files';

export function openSafetensorsWeights(dir: string): TensorSource {
  const single = join(dir, 'model.safetensors');
  if (existsSync(single)) return fromFiles([SafetensorsFile.read(single)]);
  const index = join(dir, 'model.safetensors.index.json');
  if (existsSync(index)) {
    const weightMap =
      (JSON.parse(readFileSync(index, 'utf8')) as { weight_map?: Record<string, string> }).weight_map ?? {};
    const shards = [...new Set(Object.values(weightMap))].map((file) => SafetensorsFile.read(shardPath(dir, file)));
    return fromFiles(shards);
  }
  const pickle = existsSync(dir) ? readdirSync(dir).find(isPickleFile) : undefined;
  if (pickle) throw new PickleRefusedError(pickle);
  throw new UnsupportedModelError(`${dir} has no model.safetensors (nor model.safetensors.index.json)`);
}

function fromFiles(files: SafetensorsFile[]): TensorSource {
  const owner = new Map<string, SafetensorsFile>();
  for (const file of files) for (const name of file.names) owner.set(name, file);
  return {
    get names() {
      return owner.keys();
    },
    has: (name) => owner.has(name),
    float32: (name) => {
      const file = owner.get(name);
      if (!file) throw new UnsupportedModelError(`no tensor '${name}'`);
      return file.float32(name);
    },
  };
}

/**
 * A shard named by model.safetensors.index.json, refused when it would leave the model folder
 * (absolute, `..`, a backslash, or a symlink out): the index comes with a downloaded model and
 * must not make the converter read other files (found by test/reliability/security.test.ts).
 */
function shardPath(dir: string, file: string): string {
  const inside = (p: string) => {
    const r = relative(realpathSync(dir), p);
    return r !== '' && !r.startsWith('..') && !isAbsolute(r);
  };
  if (
    typeof file !== 'string' ||
    file === '' ||
    isAbsolute(file) ||
    file.includes('\\') ||
    file.split('/').includes('..')
  ) {
    throw new UnsupportedModelError(
      `model.safetensors.index.json names a shard outside the model folder: ${JSON.stringify(file)}`,
    );
  }
  const full = join(dir, file);
  if (existsSync(full) && !inside(realpathSync(full))) {
    throw new UnsupportedModelError(
      `model.safetensors.index.json names a shard that links outside the model folder: ${file}`,
    );
  }
  return full;
}
