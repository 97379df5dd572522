// What a cached score is a score *of*: the exact ONNX file (SHA-256 of its bytes) and the exact
// tokenizer and label configuration. Folder names and modification times say nothing (two
// folders named e5-small may differ; CI checkouts and cache restores reset mtimes).
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { modelNameOf } from '../nli/engine';
import { readModelFolder } from '../nli/model-folder';

export interface ModelFingerprint {
  /** SHA-256 (hex) of the ONNX file the engine will load. */
  onnxSha256: string;
  /** SHA-256 (hex) of config.json, tokenizer.json, tokenizer_config.json and any label override. */
  configSha256: string;
  /** Both, as one cache-key component. */
  id: string;
  /** The name NliEngine.modelName will have, known without loading the model. */
  modelName: string;
}

export async function modelFingerprint(modelDir: string, labels?: readonly string[]): Promise<ModelFingerprint> {
  const folder = await readModelFolder(modelDir);
  const onnxSha256 = await sha256OfFile(folder.onnxFile);
  const config = createHash('sha256');
  for (const name of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    const bytes = await fs.readFile(path.join(folder.dir, name)).catch(() => Buffer.alloc(0));
    config.update(`${name}\u0000${bytes.length}\u0000`).update(bytes);
  }
  config.update(`labels\u0000${(labels ?? []).join(',')}`);
  const configSha256 = config.digest('hex');
  return {
    onnxSha256,
    configSha256,
    id: `${onnxSha256}:${configSha256}`,
    modelName: modelNameOf(folder.config, folder.dir),
  };
}

/** Streamed, so a 130 MB fp32 model never sits in memory just to be hashed. */
export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
