// The ONNX Runtime session of a sequence-classification model: creates it with explicit thread
// settings (ORT's defaults used only one of two cores here) and turns a batch of encoded inputs
// into logits. Feeds only the inputs the graph declares: DistilBERT/RoBERTa exports have no
// token_type_ids.
import * as ort from './ort';
import { ModelError } from './model-error';
import type { EncodedInput } from './pair-template';

const KNOWN_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids']);

export interface ClassifierOptions {
  threads: number;
  padId: number;
  labelCount: number;
}

export class OnnxClassifier {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly onnxFile: string,
    private readonly outputName: string,
    private readonly options: ClassifierOptions,
  ) {}

  static async create(onnxFile: string, options: ClassifierOptions): Promise<OnnxClassifier> {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(onnxFile, {
        executionProviders: ['cpu'],
        intraOpNumThreads: options.threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        // Fatal only: ORT's optimizer warnings and its (ANSI-coloured) error lines would otherwise
        // land in the CLI's and the language server's stderr; every error reaches us as an
        // exception, which becomes one ModelError naming the file.
        logSeverityLevel: 4,
        // No busy-waiting between operators: the engine shares a small machine with the editor
        // and other tools. On a loaded 2-core box, 2 spinning threads ran at ~60% of the speed
        // of 2 non-spinning ones (e5-sized int8 model, 64-token pairs, batch 8).
        extra: { session: { intra_op: { allow_spinning: '0' } } },
        // No memory pattern: with it, every input shape (batch x width) gets one planned block of
        // all its activations from the CPU arena, which then keeps the largest such block plus
        // the arena's power-of-two growth for the life of the session. Allocating tensor by tensor
        // from the same arena peaked 30 MB lower on the kernel documentation, at the same speed
        // and with bit-identical scores (docs/benchmarks.md, "Memory").
        enableMemPattern: false,
      });
    } catch (err) {
      throw new ModelError(
        `cannot load ONNX model ${onnxFile}: ${(err as Error).message}`,
        onnxFile,
        'The file is damaged, incomplete (an interrupted download?) or not an ONNX model; download or export it again.',
        { cause: err },
      );
    }
    const fail = async (what: string): Promise<never> => {
      await session.release();
      throw new ModelError(
        `${onnxFile}: ${what}`,
        onnxFile,
        'Use an ONNX export of a sequence-classification model (inputs input_ids, attention_mask[, token_type_ids]; output logits).',
      );
    };
    const unknown = session.inputNames.filter((name) => !KNOWN_INPUTS.has(name));
    if (unknown.length > 0) await fail(`model has inputs the engine cannot fill: ${unknown.join(', ')}`);
    if (!session.inputNames.includes('input_ids')) await fail('model has no input_ids input');
    const outputName = session.outputNames.includes('logits') ? 'logits' : session.outputNames[0];
    const output = session.outputMetadata.find((m) => m.name === outputName);
    const width = output?.isTensor ? output.shape[output.shape.length - 1] : undefined;
    if (typeof width === 'number' && width !== options.labelCount) {
      await fail(`model outputs ${width} logits but config.json id2label names ${options.labelCount} labels`);
    }
    return new OnnxClassifier(session, onnxFile, outputName, options);
  }

  /** Logits for each input, in input order. Pads to the batch's longest input. */
  async classify(inputs: readonly EncodedInput[]): Promise<number[][]> {
    const batch = inputs.length;
    const width = inputs.reduce((w, x) => Math.max(w, x.ids.length), 1);
    const ids = new BigInt64Array(batch * width).fill(BigInt(this.options.padId));
    const mask = new BigInt64Array(batch * width);
    const types = new BigInt64Array(batch * width);
    inputs.forEach((input, row) => {
      const offset = row * width;
      for (let i = 0; i < input.ids.length; i++) {
        ids[offset + i] = BigInt(input.ids[i]);
        mask[offset + i] = 1n;
        types[offset + i] = BigInt(input.typeIds[i]);
      }
    });
    const dims = [batch, width];
    const available: Record<string, BigInt64Array> = { input_ids: ids, attention_mask: mask, token_type_ids: types };
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.session.inputNames) feeds[name] = new ort.Tensor('int64', available[name], dims);

    const results = await this.session.run(feeds);
    const logits = results[this.outputName] as ort.Tensor;
    const labelCount = this.options.labelCount;
    const shapeOk = logits.dims.length === 2 && logits.dims[0] === batch && logits.dims[1] === labelCount;
    if (!shapeOk || (logits.type !== 'float32' && logits.type !== 'float64')) {
      throw new ModelError(
        `${this.onnxFile}: output ${this.outputName} is ${logits.type} [${logits.dims.join(', ')}], expected float32 [${batch}, ${labelCount}]`,
        this.onnxFile,
        'Use an ONNX export of a sequence-classification model whose logits match config.json id2label.',
      );
    }
    const data = logits.data as Float32Array | Float64Array;
    return inputs.map((_, row) => Array.from(data.subarray(row * labelCount, (row + 1) * labelCount)));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
