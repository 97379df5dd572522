// Builds an ONNX ModelProto from nodes and initializers. Names are generated, so graph-writing
// code reads as a sequence of operator calls.
import { concatChunks, ProtoWriter } from './protobuf';
import {
  AttributeProto,
  GraphProto,
  ModelProto,
  NodeProto,
  OperatorSetIdProto,
  StringStringEntryProto,
  TensorProto,
  TensorShapeDimension,
  TensorShapeProto,
  TypeProto,
  TypeProtoTensor,
  ValueInfoProto,
} from './onnx-fields';

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
  /** Kept as writers: their data stays the caller's buffer until the model is written out. */
  private readonly initializers: ProtoWriter[] = [];
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

  /**
   * Adds an initializer holding `data` (little-endian raw bytes) and returns its name. `data` is
   * referenced, not copied, until the model is serialized: the caller must not change it.
   */
  initializer(hint: string, type: DataTypeCode, dims: number[], data: ArrayBufferView): string {
    const name = this.fresh(hint);
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const tensor = new ProtoWriter();
    for (const d of dims) tensor.varint(TensorProto.dims, d);
    tensor.varint(TensorProto.dataType, type).string(TensorProto.name, name).bytes(TensorProto.rawData, raw);
    this.initializers.push(tensor);
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
      name = this.initializer(
        'const_i64',
        DataType.INT64,
        scalar ? [] : [values.length],
        BigInt64Array.from(values.map(BigInt)),
      );
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
    options: {
      outputs?: string[] | number;
      attributes?: Record<string, AttributeValue>;
      domain?: string;
      name?: string;
    } = {},
  ): string[] {
    const hints =
      typeof options.outputs === 'number' || options.outputs === undefined
        ? Array.from(
            { length: (options.outputs as number | undefined) ?? 1 },
            (_, i) => `${opType}${i ? `_o${i}` : ''}`,
          )
        : options.outputs;
    const outputs = hints.map((hint) => (hint === '' ? '' : this.fresh(hint)));
    const node = new ProtoWriter();
    for (const input of inputs) node.string(NodeProto.input, input);
    for (const output of outputs) node.string(NodeProto.output, output);
    node.string(NodeProto.name, this.fresh(options.name ?? `${opType}_node`));
    node.string(NodeProto.opType, opType);
    for (const [name, value] of Object.entries(options.attributes ?? {}))
      node.message(NodeProto.attribute, attribute(name, value));
    if (options.domain) node.string(NodeProto.domain, options.domain);
    this.nodes.push(node.finish());
    return outputs;
  }

  /** Single-output shorthand for `node`. */
  op(
    opType: string,
    inputs: string[],
    attributes?: Record<string, AttributeValue>,
    domain?: string,
    hint?: string,
  ): string {
    return this.node(opType, inputs, { attributes, domain, outputs: hint ? [hint] : 1 })[0];
  }

  /**
   * The serialized model as a list of chunks whose concatenation is the file: the initializers'
   * data are the buffers they were given, so writing a model costs no copy of its weights.
   */
  toModelChunks(options: ModelOptions): readonly Uint8Array[] {
    const graph = new ProtoWriter();
    for (const n of this.nodes) graph.message(GraphProto.node, n);
    graph.string(GraphProto.name, this.name);
    for (const t of this.initializers) graph.message(GraphProto.initializer, t);
    for (const i of this.inputs) graph.message(GraphProto.input, i);
    for (const o of this.outputs) graph.message(GraphProto.output, o);
    const model = new ProtoWriter();
    model.varint(ModelProto.irVersion, options.irVersion ?? 8);
    model
      .string(ModelProto.producerName, options.producerName)
      .string(ModelProto.producerVersion, options.producerVersion);
    if (options.docString) model.string(ModelProto.docString, options.docString);
    model.message(ModelProto.graph, graph);
    for (const opset of options.opsets) {
      const o = new ProtoWriter();
      if (opset.domain) o.string(OperatorSetIdProto.domain, opset.domain);
      o.varint(OperatorSetIdProto.version, opset.version);
      model.message(ModelProto.opsetImport, o);
    }
    for (const [key, value] of Object.entries(options.metadata ?? {})) {
      model.message(
        ModelProto.metadataProps,
        new ProtoWriter().string(StringStringEntryProto.key, key).string(StringStringEntryProto.value, value),
      );
    }
    return model.chunks();
  }

  /** The serialized model in one buffer, for small models (tests, benchmarks) loaded from memory. */
  toModel(options: ModelOptions): Uint8Array {
    return concatChunks(this.toModelChunks(options));
  }
}

function attribute(name: string, value: AttributeValue): ProtoWriter {
  const a = new ProtoWriter().string(AttributeProto.name, name);
  switch (value.kind) {
    case 'float':
      a.float(AttributeProto.f, value.value);
      break;
    case 'int':
      a.varint(AttributeProto.i, value.value);
      break;
    case 'string':
      a.string(AttributeProto.s, value.value);
      break;
    case 'floats':
      for (const v of value.value) a.float(AttributeProto.floats, v);
      break;
    case 'ints':
      for (const v of value.value) a.varint(AttributeProto.ints, v);
      break;
  }
  return a.varint(AttributeProto.type, ATTRIBUTE_TYPE[value.kind]);
}

function valueInfo(name: string, type: DataTypeCode, shape: Dim[]): Uint8Array {
  const dims = new ProtoWriter();
  for (const d of shape) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.varint(TensorShapeDimension.dimValue, d);
    else dim.string(TensorShapeDimension.dimParam, d);
    dims.message(TensorShapeProto.dim, dim);
  }
  const tensorType = new ProtoWriter().varint(TypeProtoTensor.elemType, type).message(TypeProtoTensor.shape, dims);
  const typeProto = new ProtoWriter().message(TypeProto.tensorType, tensorType);
  return new ProtoWriter().string(ValueInfoProto.name, name).message(ValueInfoProto.type, typeProto).finish();
}
