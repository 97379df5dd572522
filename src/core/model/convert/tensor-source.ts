// Finds the weights of a Hugging Face model folder: model.safetensors, or the shards listed in
// model.safetensors.index.json. Pickle checkpoints are refused with an explanation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TensorSource } from './bert-weights';
import { SafetensorsFile } from './safetensors';
import { UnsupportedModelError } from './bert-config';
import { PickleRefusedError, isPickleFile } from '../weight-files';

export function openSafetensorsWeights(dir: string): TensorSource {
  const single = join(dir, 'model.safetensors');
  if (existsSync(single)) return fromFiles([SafetensorsFile.read(single)]);
  const index = join(dir, 'model.safetensors.index.json');
  if (existsSync(index)) {
    const weightMap = (JSON.parse(readFileSync(index, 'utf8')) as { weight_map?: Record<string, string> }).weight_map ?? {};
    const shards = [...new Set(Object.values(weightMap))].map((file) => SafetensorsFile.read(join(dir, file)));
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
