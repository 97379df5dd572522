// A minimal protocol-buffers codec: just what writing and inspecting ONNX files needs.
// ONNX's ModelProto is a handful of small messages, so a hand-written encoder avoids a
// generated-code dependency and lets large tensors go in as raw bytes without copies of copies.

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/**
 * Builds one message as a list of byte chunks. Nested messages and large values are appended as
 * they are, never copied: a model's tensors stay the caller's own buffers all the way down to the
 * file write (`chunks()`), instead of being copied once per nesting level (tensor, graph, model).
 */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private scratch: number[] = [];
  private size = 0;

  /** Encoded size in bytes so far. */
  get byteLength(): number {
    return this.size + this.scratch.length;
  }

  /** Varint field (int32, int64, uint64, enum, bool). Negative values use 10-byte two's complement. */
  varint(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.rawVarint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    this.flushScratch();
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.push(bytes);
    return this;
  }

  /** A length-delimited field holding `value` itself (not a copy: do not change it afterwards). */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(value.length);
    this.flushScratch();
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** Embeds a message; a writer's chunks are taken over as they are (do not change it afterwards). */
  message(field: number, value: ProtoWriter | Uint8Array): this {
    if (value instanceof Uint8Array) return this.bytes(field, value);
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(value.byteLength);
    this.flushScratch();
    for (const chunk of value.chunks()) this.push(chunk);
    return this;
  }

  /** The encoded message as its chunks, in order; their concatenation is the message. */
  chunks(): readonly Uint8Array[] {
    this.flushScratch();
    return this.parts;
  }

  /** The encoded message as one buffer (a copy when it has several chunks): for small messages. */
  finish(): Uint8Array {
    this.flushScratch();
    if (this.parts.length === 1) return this.parts[0];
    const out = concatChunks(this.parts, this.size);
    this.parts.length = 0;
    this.parts.push(out);
    return out;
  }

  private tag(field: number, wire: number): void {
    this.rawVarint(field * 8 + wire);
  }

  private rawVarint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    // Fast path for the common small non-negative numbers.
    if (v < 0x80n) {
      this.scratch.push(Number(v));
      return;
    }
    while (v >= 0x80n) {
      this.scratch.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.scratch.push(Number(v));
  }

  private flushScratch(): void {
    if (this.scratch.length === 0) return;
    this.push(Uint8Array.from(this.scratch));
    this.scratch = [];
  }

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }
}

/** The chunks in one buffer; `size` (their total length) when the caller already knows it. */
export function concatChunks(
  chunks: readonly Uint8Array[],
  size = chunks.reduce((n, c) => n + c.length, 0),
): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** One decoded field: varints as bigint, fixed32/64 as raw bytes, length-delimited as a view. */
export interface ProtoField {
  field: number;
  wire: number;
  varint?: bigint;
  bytes?: Uint8Array;
}

/** Splits a message into its fields (no schema: callers interpret field numbers). */
export function readFields(buffer: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buffer.length) throw new Error('truncated protobuf varint');
      const byte = buffer[pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new Error('protobuf varint too long');
    }
  };
  while (pos < buffer.length) {
    const key = Number(readVarint());
    const field = key >>> 3;
    const wire = key & 7;
    if (wire === WIRE_VARINT) {
      fields.push({ field, wire, varint: readVarint() });
    } else if (wire === WIRE_LENGTH_DELIMITED) {
      const length = Number(readVarint());
      if (pos + length > buffer.length) throw new Error('truncated protobuf field');
      fields.push({ field, wire, bytes: buffer.subarray(pos, pos + length) });
      pos += length;
    } else if (wire === WIRE_FIXED32 || wire === WIRE_FIXED64) {
      const length = wire === WIRE_FIXED32 ? 4 : 8;
      fields.push({ field, wire, bytes: buffer.subarray(pos, pos + length) });
      pos += length;
    } else {
      throw new Error(`unsupported protobuf wire type ${wire}`);
    }
  }
  return fields;
}

export function decodeString(bytes: Uint8Array | undefined): string {
  return bytes ? new TextDecoder().decode(bytes) : '';
}
