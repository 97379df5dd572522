// The hand-written ONNX writer: protobuf encoding round-trips, and a graph it builds is accepted
// and computed correctly by onnxruntime, and read back by the inspector.
import * as assert from 'node:assert/strict';
import * as ort from '../../src/core/nli/ort';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/core/util/atomic-write';
import { concatChunks, ProtoWriter, readFields } from '../../src/core/model/onnx/protobuf';
import { attr, DataType, GraphBuilder } from '../../src/core/model/onnx/graph-builder';
import { inspectOnnx, isQuantized } from '../../src/core/model/onnx/inspect';

describe('ONNX writer', () => {
  it('encodes varints (including negative int64), floats, bytes and nested messages', () => {
    const inner = new ProtoWriter().string(1, 'héllo');
    const bytes = new ProtoWriter()
      .varint(1, 300)
      .varint(2, -1)
      .float(3, 1.5)
      .message(4, inner)
      .bytes(5, Uint8Array.of(1, 2, 3))
      .finish();
    const fields = readFields(bytes);
    assert.equal(fields[0].varint, 300n);
    assert.equal(BigInt.asIntN(64, fields[1].varint!), -1n);
    assert.equal(new DataView(fields[2].bytes!.buffer, fields[2].bytes!.byteOffset).getFloat32(0, true), 1.5);
    assert.equal(new TextDecoder().decode(readFields(fields[3].bytes!)[0].bytes), 'héllo');
    assert.deepEqual(Array.from(fields[4].bytes!), [1, 2, 3]);
  });

  it("embeds nested messages and tensor data by reference: the chunks are the caller's buffers", () => {
    const data = new Uint8Array(300_000).map((_, i) => i % 251);
    const tensor = new ProtoWriter().varint(1, 3).string(8, 'w').bytes(9, data);
    const graph = new ProtoWriter().string(2, 'g').message(5, tensor);
    const model = new ProtoWriter().varint(1, 8).message(7, graph);
    const chunks = model.chunks();
    assert.ok(chunks.includes(data), 'the tensor data is one of the chunks, not a copy');
    assert.equal(
      model.byteLength,
      chunks.reduce((n, c) => n + c.length, 0),
    );
    // The same bytes as encoding each level into one buffer first.
    const flat = new ProtoWriter()
      .varint(1, 8)
      .message(
        7,
        new ProtoWriter()
          .string(2, 'g')
          .message(5, new ProtoWriter().varint(1, 3).string(8, 'w').bytes(9, data).finish())
          .finish(),
      )
      .finish();
    assert.deepEqual(concatChunks(chunks), flat);
    const tensorBytes = readFields(readFields(readFields(flat)[1].bytes!)[1].bytes!);
    assert.deepEqual(tensorBytes[2].bytes, data);
  });

  it('writes a list of chunks to a file atomically, small ones gathered and large ones direct', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-chunks-'));
    try {
      // Tiny chunks, one that crosses the 1 MiB gathering buffer, one larger than it, tiny again.
      const chunks = [
        Uint8Array.of(1, 2),
        new Uint8Array(700_000).fill(3),
        new Uint8Array(600_000).fill(4),
        new Uint8Array(2_500_000).fill(5),
        Uint8Array.of(6),
      ];
      const file = join(dir, 'model.onnx');
      await writeFileAtomic(file, chunks);
      assert.deepEqual(new Uint8Array(readFileSync(file)), concatChunks(chunks));
      await writeFileAtomic(file, []);
      assert.equal(readFileSync(file).length, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds a model onnxruntime runs, with dynamic dimensions and metadata', async () => {
    const g = new GraphBuilder('test');
    const x = g.input('x', DataType.FLOAT, ['batch', 3]);
    const w = g.float('w', [3, 2], Float32Array.of(1, 0, 0, 1, 1, 1));
    const y = g.op('MatMul', [x, w]);
    const scaled = g.op('Mul', [y, g.floatConstant(2)]);
    const soft = g.op('Softmax', [scaled], { axis: attr.int(-1) });
    g.node('Identity', [soft], { outputs: ['y'] });
    g.output('y', DataType.FLOAT, ['batch', 2]);
    const model = g.toModel({
      opsets: [{ domain: '', version: 17 }],
      producerName: 'test',
      producerVersion: '1',
      metadata: { labels: '["a","b"]' },
    });

    const session = await ort.InferenceSession.create(model, { logSeverityLevel: 3 });
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 2, 3, 0, 0, 0), [2, 3]) });
    await session.release();
    const probs = Array.from(out.y.data as Float32Array);
    // Row 1: [1+3, 2+3] * 2 = [8, 10]; row 2: [0, 0].
    const e = Math.exp(-2);
    assert.ok(Math.abs(probs[0] - e / (1 + e)) < 1e-6);
    assert.deepEqual(probs.slice(2), [0.5, 0.5]);

    const summary = inspectOnnx(model);
    assert.deepEqual([...summary.operators.keys()], ['MatMul', 'Mul', 'Softmax', 'Identity']);
    assert.deepEqual(summary.inputs, [{ name: 'x', elemType: DataType.FLOAT, dims: ['batch', 3] }]);
    assert.equal(summary.metadata.labels, '["a","b"]');
    assert.equal(summary.initializerBytes.get(DataType.FLOAT), 6 * 4 + 4);
    assert.equal(isQuantized(summary), false);
  });
});
