// `model convert` refuses, before any heavy work, a checkpoint whose labels `check` would refuse:
// two labels, or names that are not entailment / neutral / contradiction.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertBertModel } from '../../src/core/model/convert/convert-bert';
import { TINY_MODEL_DIR } from '../helpers/model-onnx-run';

describe('model convert: labels the engine would refuse', () => {
  for (const id2label of [
    { 0: 'entailment', 1: 'not_entailment' },
    { 0: 'LABEL_0', 1: 'LABEL_1' },
    { 0: 'positive', 1: 'neutral', 2: 'negative' },
  ]) {
    it(`refuses id2label ${JSON.stringify(Object.values(id2label))}, naming the labels, and writes nothing`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cc-convert-labels-'));
      const out = join(dir, 'out');
      try {
        const config = JSON.parse(readFileSync(join(TINY_MODEL_DIR, 'config.json'), 'utf8')) as Record<string, unknown>;
        config.id2label = id2label;
        config.label2id = Object.fromEntries(Object.entries(id2label).map(([k, v]) => [v, Number(k)]));
        writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
        copyFileSync(join(TINY_MODEL_DIR, 'model.safetensors'), join(dir, 'model.safetensors'));
        const names = JSON.stringify(Object.values(id2label)).replace(/[[\]]/g, '\\$&');
        await assert.rejects(convertBertModel(dir, out), new RegExp(`id2label ${names}`));
        assert.equal(existsSync(out), false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
