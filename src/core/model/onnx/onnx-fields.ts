// Field numbers of the ONNX messages this project writes and reads (onnx/onnx.proto, IR version 8),
// in one place: the graph builder encodes with them and the inspector decodes with them, so the
// two cannot drift apart.

export const ModelProto = {
  irVersion: 1,
  producerName: 2,
  producerVersion: 3,
  docString: 6,
  graph: 7,
  opsetImport: 8,
  metadataProps: 14,
} as const;

export const GraphProto = { node: 1, name: 2, initializer: 5, input: 11, output: 12 } as const;

export const NodeProto = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 } as const;

/** `floatData`, `int32Data` and `int64Data` are the packed typed alternatives to `rawData`. */
export const TensorProto = {
  dims: 1,
  dataType: 2,
  floatData: 4,
  int32Data: 5,
  int64Data: 7,
  name: 8,
  rawData: 9,
} as const;

/** `f`/`i`/`s` hold one float/int/string, `floats`/`ints` repeated ones; `type` says which. */
export const AttributeProto = { name: 1, f: 2, i: 3, s: 4, floats: 7, ints: 8, type: 20 } as const;

export const ValueInfoProto = { name: 1, type: 2 } as const;

export const TypeProto = { tensorType: 1 } as const;

export const TypeProtoTensor = { elemType: 1, shape: 2 } as const;

export const TensorShapeProto = { dim: 1 } as const;

export const TensorShapeDimension = { dimValue: 1, dimParam: 2 } as const;

export const OperatorSetIdProto = { domain: 1, version: 2 } as const;

export const StringStringEntryProto = { key: 1, value: 2 } as const;
