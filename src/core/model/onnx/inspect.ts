// Summarizes an ONNX file without a runtime: inputs, outputs, opsets, operator counts and
// initializer sizes. Used by `model info`, by the precision check in `verify`, and by tests that
// assert which operators a converted (or onnxruntime-optimized) graph really contains.
import { readFileSync } from 'node:fs';
import { decodeString, readFields, type ProtoField } from './protobuf';
import {
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

export interface OnnxValueInfo {
  name: string;
  elemType: number;
  /** Fixed sizes as numbers, symbolic dimensions as their names. */
  dims: Array<number | string>;
}

export interface OnnxSummary {
  irVersion: number;
  producer: string;
  opsets: Array<{ domain: string; version: number }>;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /** Node count per operator, keyed `op` or `domain:op` for non-default domains. */
  operators: Map<string, number>;
  /** Initializer bytes per TensorProto data type. */
  initializerBytes: Map<number, number>;
  metadata: Record<string, string>;
}

const QUANTIZED_OPERATORS = [
  'MatMulInteger',
  'DynamicQuantizeLinear',
  'com.microsoft:DynamicQuantizeMatMul',
  'com.microsoft:QAttention',
  'com.microsoft:MatMulIntegerToFloat',
];

export function inspectOnnxFile(path: string): OnnxSummary {
  return inspectOnnx(readFileSync(path));
}

export function inspectOnnx(bytes: Uint8Array): OnnxSummary {
  const summary: OnnxSummary = {
    irVersion: 0,
    producer: '',
    opsets: [],
    inputs: [],
    outputs: [],
    operators: new Map(),
    initializerBytes: new Map(),
    metadata: {},
  };
  let graph: Uint8Array | undefined;
  for (const f of readFields(bytes)) {
    if (f.field === ModelProto.irVersion) summary.irVersion = Number(f.varint);
    else if (f.field === ModelProto.producerName) summary.producer = decodeString(f.bytes);
    else if (f.field === ModelProto.graph) graph = f.bytes;
    else if (f.field === ModelProto.opsetImport) {
      const fields = readFields(f.bytes!);
      summary.opsets.push({
        domain: decodeString(find(fields, OperatorSetIdProto.domain)?.bytes),
        version: Number(find(fields, OperatorSetIdProto.version)?.varint ?? 0n),
      });
    } else if (f.field === ModelProto.metadataProps) {
      const fields = readFields(f.bytes!);
      summary.metadata[decodeString(find(fields, StringStringEntryProto.key)?.bytes)] = decodeString(
        find(fields, StringStringEntryProto.value)?.bytes,
      );
    }
  }
  if (!graph) throw new Error('not an ONNX model (no graph)');
  const inputNames: OnnxValueInfo[] = [];
  const initializerNames = new Set<string>();
  for (const f of readFields(graph)) {
    if (f.field === GraphProto.node) {
      const fields = readFields(f.bytes!);
      const op = decodeString(find(fields, NodeProto.opType)?.bytes);
      const domain = decodeString(find(fields, NodeProto.domain)?.bytes);
      const key = domain && domain !== 'ai.onnx' ? `${domain}:${op}` : op;
      summary.operators.set(key, (summary.operators.get(key) ?? 0) + 1);
    } else if (f.field === GraphProto.initializer) {
      const fields = readFields(f.bytes!);
      const type = Number(find(fields, TensorProto.dataType)?.varint ?? 0n);
      initializerNames.add(decodeString(find(fields, TensorProto.name)?.bytes));
      const size = tensorDataBytes(fields);
      summary.initializerBytes.set(type, (summary.initializerBytes.get(type) ?? 0) + size);
    } else if (f.field === GraphProto.input) {
      inputNames.push(valueInfo(f.bytes!));
    } else if (f.field === GraphProto.output) {
      summary.outputs.push(valueInfo(f.bytes!));
    }
  }
  // Older exporters list initializers among the inputs; those are not inputs a caller feeds.
  summary.inputs = inputNames.filter((i) => !initializerNames.has(i.name));
  return summary;
}

/** True when the graph does integer (quantized) matrix products. */
export function isQuantized(summary: OnnxSummary): boolean {
  return QUANTIZED_OPERATORS.some((op) => summary.operators.has(op));
}

function tensorDataBytes(fields: ProtoField[]): number {
  let size = 0;
  for (const f of fields) {
    if (!f.bytes) continue;
    if (
      f.field === TensorProto.rawData ||
      f.field === TensorProto.floatData ||
      f.field === TensorProto.int32Data ||
      f.field === TensorProto.int64Data
    ) {
      size += f.bytes.length;
    }
  }
  return size;
}

function valueInfo(bytes: Uint8Array): OnnxValueInfo {
  const fields = readFields(bytes);
  const info: OnnxValueInfo = { name: decodeString(find(fields, ValueInfoProto.name)?.bytes), elemType: 0, dims: [] };
  const type = find(fields, ValueInfoProto.type)?.bytes;
  const tensor = type ? find(readFields(type), TypeProto.tensorType)?.bytes : undefined;
  if (!tensor) return info;
  const tensorFields = readFields(tensor);
  info.elemType = Number(find(tensorFields, TypeProtoTensor.elemType)?.varint ?? 0n);
  const shape = find(tensorFields, TypeProtoTensor.shape)?.bytes;
  if (shape) {
    for (const dim of readFields(shape).filter((d) => d.field === TensorShapeProto.dim)) {
      const d = readFields(dim.bytes!);
      const value = find(d, TensorShapeDimension.dimValue);
      const param = find(d, TensorShapeDimension.dimParam);
      info.dims.push(value ? Number(value.varint) : param ? decodeString(param.bytes) : '?');
    }
  }
  return info;
}

function find(fields: ProtoField[], field: number): ProtoField | undefined {
  return fields.find((f) => f.field === field);
}
