// Summarizes an ONNX file without a runtime: inputs, outputs, opsets, operator counts and
// initializer sizes. Used by `model info`, by the precision check in `verify`, and by tests that
// assert which operators a converted (or onnxruntime-optimized) graph really contains.
import { readFileSync } from 'node:fs';
import { decodeString, readFields, type ProtoField } from './protobuf';

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

const QUANTIZED_OPERATORS = ['MatMulInteger', 'DynamicQuantizeLinear', 'com.microsoft:DynamicQuantizeMatMul', 'com.microsoft:QAttention', 'com.microsoft:MatMulIntegerToFloat'];

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
    if (f.field === 1) summary.irVersion = Number(f.varint);
    else if (f.field === 2) summary.producer = decodeString(f.bytes);
    else if (f.field === 7) graph = f.bytes;
    else if (f.field === 8) {
      const fields = readFields(f.bytes!);
      summary.opsets.push({ domain: decodeString(find(fields, 1)?.bytes), version: Number(find(fields, 2)?.varint ?? 0n) });
    } else if (f.field === 14) {
      const fields = readFields(f.bytes!);
      summary.metadata[decodeString(find(fields, 1)?.bytes)] = decodeString(find(fields, 2)?.bytes);
    }
  }
  if (!graph) throw new Error('not an ONNX model (no graph)');
  const inputNames: OnnxValueInfo[] = [];
  const initializerNames = new Set<string>();
  for (const f of readFields(graph)) {
    if (f.field === 1) {
      const fields = readFields(f.bytes!);
      const op = decodeString(find(fields, 4)?.bytes);
      const domain = decodeString(find(fields, 7)?.bytes);
      const key = domain && domain !== 'ai.onnx' ? `${domain}:${op}` : op;
      summary.operators.set(key, (summary.operators.get(key) ?? 0) + 1);
    } else if (f.field === 5) {
      const fields = readFields(f.bytes!);
      const type = Number(find(fields, 2)?.varint ?? 0n);
      initializerNames.add(decodeString(find(fields, 8)?.bytes));
      const size = tensorDataBytes(fields);
      summary.initializerBytes.set(type, (summary.initializerBytes.get(type) ?? 0) + size);
    } else if (f.field === 11) {
      inputNames.push(valueInfo(f.bytes!));
    } else if (f.field === 12) {
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
    if (f.field === 9 && f.bytes) size += f.bytes.length; // raw_data
    else if ((f.field === 4 || f.field === 5 || f.field === 7) && f.bytes) size += f.bytes.length; // packed typed data
  }
  return size;
}

function valueInfo(bytes: Uint8Array): OnnxValueInfo {
  const fields = readFields(bytes);
  const info: OnnxValueInfo = { name: decodeString(find(fields, 1)?.bytes), elemType: 0, dims: [] };
  const type = find(fields, 2)?.bytes;
  const tensor = type ? find(readFields(type), 1)?.bytes : undefined;
  if (!tensor) return info;
  const tensorFields = readFields(tensor);
  info.elemType = Number(find(tensorFields, 1)?.varint ?? 0n);
  const shape = find(tensorFields, 2)?.bytes;
  if (shape) {
    for (const dim of readFields(shape).filter((d) => d.field === 1)) {
      const d = readFields(dim.bytes!);
      const value = find(d, 1);
      const param = find(d, 2);
      info.dims.push(value ? Number(value.varint) : param ? decodeString(param.bytes) : '?');
    }
  }
  return info;
}

function find(fields: ProtoField[], field: number): ProtoField | undefined {
  return fields.find((f) => f.field === field);
}
