// Broken model folders must fail with a ModelError that names the file and says what to do,
// since that message is all a user sees in the editor or in CI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ModelError, NliEngine, type NliEngineOptions } from '../../src/core/nli';
import { copyFixture, removeCopy } from './nli-fixture';

async function loadError(dir: string, options: NliEngineOptions = { threads: 1 }): Promise<ModelError> {
  try {
    const engine = await NliEngine.load(dir, options);
    await engine.dispose();
  } catch (err) {
    assert.ok(err instanceof ModelError, `expected a ModelError, got ${String(err)}`);
    assert.ok(err.hint.length > 0, 'has a hint');
    assert.equal(err.name, 'ModelError');
    return err;
  }
  return assert.fail('load succeeded');
}

describe('NliEngine.load errors', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyFixture();
  });
  afterEach(() => removeCopy(dir));

  const file = (name: string) => path.join(dir, name);
  const editJson = (name: string, edit: (json: Record<string, unknown>) => unknown) =>
    fs.writeFileSync(file(name), JSON.stringify(edit(JSON.parse(fs.readFileSync(file(name), 'utf8')))));

  it('missing folder', async () => {
    const missing = path.join(dir, 'no-such-model');
    const err = await loadError(missing);
    assert.equal(err.path, missing);
    assert.match(err.message, /model folder not found: .*no-such-model/);
    assert.match(err.hint, /config\.json.*tokenizer\.json.*onnx\/model\.onnx/);
  });

  it('a file instead of a folder', async () => {
    const err = await loadError(file('config.json'));
    assert.match(err.message, /not a folder/);
  });

  it('folder without config.json', async () => {
    fs.rmSync(file('config.json'));
    const err = await loadError(dir);
    assert.equal(err.path, file('config.json'));
    assert.match(err.message, /config\.json/);
  });

  it('folder without tokenizer.json says that one is needed and how to get it', async () => {
    fs.rmSync(file('tokenizer.json'));
    const err = await loadError(dir);
    assert.equal(err.path, file('tokenizer.json'));
    assert.match(err.message, /no tokenizer\.json/);
    assert.match(err.message, /tokenizer\.json is needed/);
    assert.match(err.hint, /save_pretrained/);
    assert.match(err.hint, /consistency-check model convert/);
  });

  it('folder without an ONNX file', async () => {
    fs.rmSync(file('onnx/model.onnx'));
    const err = await loadError(dir);
    assert.match(err.message, /no ONNX model: expected onnx\/model_quantized\.onnx or onnx\/model\.onnx/);
    assert.equal(err.path, file('onnx/model.onnx'));
  });

  it('precision int8 without onnx/model_quantized.onnx', async () => {
    const err = await loadError(dir, { threads: 1, precision: 'int8' });
    assert.match(err.message, /onnx\/model_quantized\.onnx/);
    assert.equal(err.path, file('onnx/model_quantized.onnx'));
  });

  it('truncated ONNX file: the ONNX Runtime error, wrapped with the file name', async () => {
    const bytes = fs.readFileSync(file('onnx/model.onnx'));
    fs.writeFileSync(file('onnx/model.onnx'), bytes.subarray(0, Math.floor(bytes.length / 3)));
    const err = await loadError(dir);
    assert.equal(err.path, file('onnx/model.onnx'));
    assert.ok(err.message.startsWith(`cannot load ONNX model ${file('onnx/model.onnx')}: `), err.message);
    assert.match(err.hint, /download or export it again/);
  });

  it('corrupt ONNX file (not protobuf at all)', async () => {
    fs.writeFileSync(file('onnx/model.onnx'), 'this is not a model\n'.repeat(100));
    const err = await loadError(dir);
    assert.match(err.message, /cannot load ONNX model .*model\.onnx/);
  });

  for (const name of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    it(`unparsable ${name}`, async () => {
      fs.writeFileSync(file(name), '{"truncated": ');
      const err = await loadError(dir);
      assert.equal(err.path, file(name));
      assert.match(err.message, new RegExp(`${name.replace('.', '\\.')} is not valid JSON`));
    });
  }

  it('config.json without id2label', async () => {
    editJson('config.json', ({ id2label: _, ...rest }) => rest);
    const err = await loadError(dir);
    assert.equal(err.path, file('config.json'));
    assert.match(err.message, /id2label is missing/);
  });

  it('labels that cannot be mapped to entailment/neutral/contradiction', async () => {
    editJson('config.json', (c) => ({ ...c, id2label: { 0: 'yes', 1: 'maybe', 2: 'no' } }));
    const err = await loadError(dir);
    assert.match(err.message, /cannot be mapped/);
  });

  it('generic labels (LABEL_0..2) without an order from outside say how to give one', async () => {
    editJson('config.json', (c) => ({ ...c, id2label: { 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' } }));
    const err = await loadError(dir);
    assert.equal(err.path, file('config.json'));
    assert.match(err.message, /is generic/);
    assert.match(err.message, /--labels entailment,neutral,contradiction/);
    assert.match(err.message, /"consistency\.modelLabels" setting/);
  });

  it('more than the three NLI labels', async () => {
    editJson('config.json', (c) => ({
      ...c,
      id2label: { 0: 'entailment', 1: 'neutral', 2: 'contradiction', 3: 'other' },
    }));
    const err = await loadError(dir);
    assert.match(err.message, /cannot be mapped/);
  });

  it('an unsupported post_processor', async () => {
    editJson('tokenizer.json', (t) => ({ ...t, post_processor: { type: 'Whatever' } }));
    const err = await loadError(dir);
    assert.equal(err.path, file('tokenizer.json'));
    assert.match(err.message, /post_processor type "Whatever" is not supported/);
  });

  it('loads without tokenizer_config.json (optional), using config.json for the length', async () => {
    fs.rmSync(file('tokenizer_config.json'));
    const engine = await NliEngine.load(dir, { threads: 1 });
    try {
      assert.equal(engine.maxLength, 512);
    } finally {
      await engine.dispose();
    }
  });
});
