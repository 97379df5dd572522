// A model folder whose config or tokenizer disagrees with its ONNX graph is refused at load with
// one error naming the file to fix, instead of failing later at inference.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NliEngine, ModelError } from '../../src/core/nli';
import { highestTokenId } from '../../src/core/nli/model-probe';

const FIXTURE = path.resolve(__dirname, '../fixtures/tiny-bert-nli');

function copyModel(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-probe-'));
  fs.mkdirSync(path.join(dir, 'onnx'));
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'])
    fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
  return dir;
}

function editJson(file: string, edit: (value: Record<string, unknown>) => void): void {
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(value);
  fs.writeFileSync(file, JSON.stringify(value));
}

describe('model load: config and tokenizer checked against the ONNX graph', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('the fixture model passes the probes', async () => {
    const engine = await NliEngine.load(FIXTURE, { threads: 1 });
    await engine.dispose();
  });

  it('config.json claiming 4096 positions for a 512-position graph: one error naming config.json', async () => {
    const dir = copyModel();
    dirs.push(dir);
    editJson(path.join(dir, 'config.json'), (c) => (c.max_position_embeddings = 4096));
    editJson(path.join(dir, 'tokenizer_config.json'), (c) => (c.model_max_length = 4096));
    await assert.rejects(NliEngine.load(dir, { threads: 1 }), (e: unknown) => {
      assert.ok(e instanceof ModelError);
      assert.equal(e.path, path.join(dir, 'config.json'));
      assert.match(e.message, /allow inputs of 4096 tokens, but .*model\.onnx rejects an input that long/);
      assert.ok(!/\u001b/.test(e.message), 'no ANSI codes');
      assert.match(e.hint, /max_position_embeddings/);
      return true;
    });
  });

  it('a tokenizer with ids beyond the embedding table: one error naming tokenizer.json', async () => {
    const dir = copyModel();
    dirs.push(dir);
    editJson(path.join(dir, 'tokenizer.json'), (t) => {
      (t.model as { vocab: Record<string, number> }).vocab['zzzextra'] = 40_000;
    });
    await assert.rejects(NliEngine.load(dir, { threads: 1 }), (e: unknown) => {
      assert.ok(e instanceof ModelError);
      assert.equal(e.path, path.join(dir, 'tokenizer.json'));
      assert.match(e.message, /token ids up to 40000, but .* rejects id 40000/);
      return true;
    });
  });

  it('highestTokenId reads WordPiece/BPE vocabularies, Unigram lists and added tokens', () => {
    assert.equal(highestTokenId({ model: { vocab: { a: 0, b: 7 } }, added_tokens: [{ id: 9 }] }), 9);
    assert.equal(
      highestTokenId({
        model: {
          vocab: [
            ['a', 0],
            ['b', 0],
          ],
        },
      }),
      1,
    );
    assert.equal(highestTokenId({}), undefined);
  });
});
