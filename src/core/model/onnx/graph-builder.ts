// Builds an ONNX ModelProto (field numbers from onnx/onnx.proto) from nodes and initializers.
// Names are generated, so graph-writing code reads as a sequence of operator calls.
import { ProtoWriter } from './protobuf';

/** TensorProto.DataType values used here. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  FLOAT16: 10,
} as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

/** An attribute value, tagged because ONNX distinguishes 1 (int) from 1.0 (float). */
export type AttributeValue =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ints'; value: number[] }
  | { kind: 'floats'; value: number[] };

export const attr = {
  int: (value: number): AttributeValue => ({ kind: 'int', value }),
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  string: (value: string): AttributeValue => ({ kind: 'string', value }),
  ints: (value: number[]): AttributeValue => ({ kind: 'ints', value }),
  floats: (value: number[]): AttributeValue => ({ kind: 'floats', value }),
};

/** A dimension: a fixed size or a symbolic name such as 'batch'. */
export type Dim = number | string;

export interface OpsetImport {
  domain: string;
  version: number;
}

export interface ModelOptions {
  opsets: OpsetImport[];
  producerName: string;
  producerVersion: string;
  /** ONNX IR version; 8 pairs with opset 17 (ONNX 1.12). */
  irVersion?: number;
  docString?: string;
  metadata?: Record<string, string>;
}

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, floats: 6, ints: 7 } as const;

export class GraphBuilder {
  private readonly nodes: Uint8Array[] = [];
  private readonly initializers: Uint8Array[] = [];
  private readonly inputs: Uint8Array[] = [];
  private readonly outputs: Uint8Array[] = [];
  private readonly names = new Set<string>();
  private readonly constants = new Map<string, string>();
  private counter = 0;

  constructor(readonly name: string) {}

  /** A fresh value name derived from `hint`. */
  fresh(hint: string): string {
    let name = hint;
    while (this.names.has(name)) name = `${hint}_${++this.counter}`;
    this.names.add(name);
    return name;
  }

  input(name: string, type: DataTypeCode, shape: Dim[]): string {
    this.names.add(name);
    this.inputs.push(valueInfo(name, type, shape));
    return name;
  }

  output(name: string, type: DataTypeCode, shape: Dim[]): void {
    this.outputs.push(valueInfo(name, type, shape));
  }

  /** Adds an initializer holding `data` (little-endian raw bytes) and returns its name. */
  initializer(hint: string, type: DataTypeCode, dims: number[], data: ArrayBufferView): string {
    const name = this.fresh(hint);
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const tensor = new ProtoWriter();
    for (const d of dims) tensor.varint(1, d);
    tensor.varint(2, type).string(8, name).bytes(9, raw);
    this.initializers.push(tensor.finish());
    return name;
  }

  float(hint: string, dims: number[], data: Float32Array): string {
    return this.initializer(hint, DataType.FLOAT, dims, data);
  }

  /** A shared constant initializer, deduplicated by value (e.g. reshape targets, axes). */
  int64Constant(values: number[], scalar = false): string {
    const key = `i64:${scalar ? 's' : 'v'}:${values.join(',')}`;
    let name = this.constants.get(key);
    if (!name) {
      name = this.initializer('const_i64', DataType.INT64, scalar ? [] : [values.length], BigInt64Array.from(values.map(BigInt)));
      this.constants.set(key, name);
    }
    return name;
  }

  floatConstant(value: number): string {
    const key = `f32:${value}`;
    let name = this.constants.get(key);
    if (!name) {
      name = this.float('const_f32', [], Float32Array.of(value));
      this.constants.set(key, name);
    }
    return name;
  }

  /**
   * Adds a node; returns its output names. `outputs` is a list of name hints, or a count of
   * outputs named after the operator. An empty input name marks an omitted optional input.
   */
  node(
    opType: string,
    inputs: string[],
    options: { outputs?: string[] | number; attributes?: Record<string, AttributeValue>; domain?: string; name?: string } = {},
  ): string[] {
    const hints = typeof options.outputs === 'number' || options.outputs === undefined
      ? Array.from({ length: (options.outputs as number | undefined) ?? 1 }, (_, i) => `${opType}${i ? `_o${i}` : ''}`)
      : options.outputs;
    const outputs = hints.map((hint) => (hint === '' ? '' : this.fresh(hint)));
    const node = new ProtoWriter();
    for (const input of inputs) node.string(1, input);
    for (const output of outputs) node.string(2, output);
    node.string(3, this.fresh(options.name ?? `${opType}_node`));
    node.string(4, opType);
    for (const [name, value] of Object.entries(options.attributes ?? {})) node.message(5, attribute(name, value));
    if (options.domain) node.string(7, options.domain);
    this.nodes.push(node.finish());
    return outputs;
  }

  /** Single-output shorthand for `node`. */
  op(opType: string, inputs: string[], attributes?: Record<string, AttributeValue>, domain?: string, hint?: string): string {
    return this.node(opType, inputs, { attributes, domain, outputs: hint ? [hint] : 1 })[0];
  }

  /** Serializes the whole model. Intermediate buffers are released as they are consumed. */
  toModel(options: ModelOptions): Uint8Array {
    const graph = new ProtoWriter();
    for (const n of this.nodes) graph.message(1, n);
    graph.string(2, this.name);
    for (const t of this.initializers) graph.message(5, t);
    for (const i of this.inputs) graph.message(11, i);
    for (const o of this.outputs) graph.message(12, o);
    const model = new ProtoWriter();
    model.varint(1, options.irVersion ?? 8);
    model.string(2, options.producerName).string(3, options.producerVersion);
    if (options.docString) model.string(6, options.docString);
    model.message(7, graph);
    for (const opset of options.opsets) {
      const o = new ProtoWriter();
      if (opset.domain) o.string(1, opset.domain);
      o.varint(2, opset.version);
      model.message(8, o);
    }
    for (const [key, value] of Object.entries(options.metadata ?? {})) {
      model.message(14, new ProtoWriter().string(1, key).string(2, value));
    }
    return model.finish();
  }
}

function attribute(name: string, value: AttributeValue): ProtoWriter {
  const a = new ProtoWriter().string(1, name);
  switch (value.kind) {
    case 'float':
      a.float(2, value.value);
      break;
    case 'int':
      a.varint(3, value.value);
      break;
    case 'string':
      a.string(4, value.value);
      break;
    case 'floats':
      for (const v of value.value) a.float(7, v);
      break;
    case 'ints':
      for (const v of value.value) a.varint(8, v);
      break;
  }
  return a.varint(20, ATTRIBUTE_TYPE[value.kind]);
}

function valueInfo(name: string, type: DataTypeCode, shape: Dim[]): Uint8Array {
  const dims = new ProtoWriter();
  for (const d of shape) {
    dims.message(1, typeof d === 'number' ? new ProtoWriter().varint(1, d) : new ProtoWriter().string(2, d));
  }
  const tensorType = new ProtoWriter().varint(1, type).message(2, dims);
  const typeProto = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, name).message(2, typeProto).finish();
}
