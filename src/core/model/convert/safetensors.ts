// Reads the safetensors format: 8-byte little-endian header length, a JSON header naming each
// tensor's dtype, shape and byte range, then the raw little-endian data. Unlike pickle-based
// checkpoints, reading it runs no code, which is why it is the only weight format we accept.
import { readFileSync } from 'node:fs';

export type SafetensorsDtype = 'F32' | 'F16' | 'BF16';

export interface TensorInfo {
  dtype: string;
  shape: number[];
  /** Byte range within the data section (after the header). */
  offsets: [number, number];
}

export class SafetensorsError extends Error {}

/** A parsed file: tensor metadata plus lazy conversion to fp32. */
export class SafetensorsFile {
  private constructor(
    readonly path: string,
    private readonly buffer: Buffer,
    private readonly dataStart: number,
    readonly tensors: ReadonlyMap<string, TensorInfo>,
    readonly metadata: Record<string, string>,
  ) {}

  static read(path: string): SafetensorsFile {
    return SafetensorsFile.parse(readFileSync(path), path);
  }

  static parse(buffer: Buffer, path = '<buffer>'): SafetensorsFile {
    if (buffer.length < 8) throw new SafetensorsError(`${path}: too short to be a safetensors file`);
    const headerLength = Number(buffer.readBigUInt64LE(0));
    if (headerLength > buffer.length - 8 || headerLength > 100_000_000) {
      throw new SafetensorsError(`${path}: not a safetensors file (header length ${headerLength})`);
    }
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(buffer.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new SafetensorsError(`${path}: safetensors header is not valid JSON`);
    }
    const dataStart = 8 + headerLength;
    const dataLength = buffer.length - dataStart;
    const tensors = new Map<string, TensorInfo>();
    let metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(header)) {
      if (name === '__metadata__') {
        metadata = (value ?? {}) as Record<string, string>;
        continue;
      }
      const entry = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      const offsets = entry.data_offsets as [number, number] | undefined;
      if (
        typeof entry.dtype !== 'string' ||
        !Array.isArray(entry.shape) ||
        !Array.isArray(offsets) ||
        offsets.length !== 2
      ) {
        throw new SafetensorsError(`${path}: malformed header entry for '${name}'`);
      }
      if (offsets[0] > offsets[1] || offsets[1] > dataLength) {
        throw new SafetensorsError(`${path}: tensor '${name}' lies outside the file (truncated download?)`);
      }
      tensors.set(name, { dtype: entry.dtype, shape: entry.shape as number[], offsets });
    }
    return new SafetensorsFile(path, buffer, dataStart, tensors, metadata);
  }

  has(name: string): boolean {
    return this.tensors.has(name);
  }

  get names(): Iterable<string> {
    return this.tensors.keys();
  }

  /** The tensor as fp32 (fp16 and bf16 widened exactly); aligned fp32 data is a view of the file, read-only by convention. */
  float32(name: string): { shape: number[]; data: Float32Array } {
    const info = this.tensors.get(name);
    if (!info) throw new SafetensorsError(`${this.path}: no tensor '${name}'`);
    const count = info.shape.reduce((a, b) => a * b, 1);
    const bytes = this.buffer.subarray(this.dataStart + info.offsets[0], this.dataStart + info.offsets[1]);
    const width = BYTES_PER_ELEMENT[info.dtype];
    if (width === undefined) {
      throw new SafetensorsError(
        `${this.path}: tensor '${name}' has dtype ${info.dtype}; only F32, F16 and BF16 are supported`,
      );
    }
    if (bytes.length !== count * width) {
      throw new SafetensorsError(`${this.path}: tensor '${name}' has ${bytes.length} bytes, expected ${count * width}`);
    }
    return { shape: info.shape, data: toFloat32(bytes, info.dtype as SafetensorsDtype, count) };
  }
}

const BYTES_PER_ELEMENT: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };

function toFloat32(bytes: Buffer, dtype: SafetensorsDtype, count: number): Float32Array {
  if (dtype === 'F32' && bytes.byteOffset % 4 === 0) {
    // A view of the file's own bytes (safetensors is little-endian, as are the machines
    // onnxruntime-node runs on): a second copy of every weight would double the converter's memory.
    return new Float32Array(bytes.buffer, bytes.byteOffset, count);
  }
  const out = new Float32Array(count);
  if (dtype === 'F32') {
    // Copy through a byte view: the source offset is not 4-byte aligned.
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  const halves = new Uint16Array(count);
  new Uint8Array(halves.buffer).set(bytes);
  if (dtype === 'BF16') {
    // bf16 is the top half of an fp32.
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) bits[i] = halves[i] << 16;
    return out;
  }
  for (let i = 0; i < count; i++) out[i] = halfToFloat(halves[i]);
  return out;
}

/** IEEE 754 binary16 to number, including subnormals, infinities and NaN. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** Writes a safetensors buffer (used by tests and by tools that generate models). */
export function encodeSafetensors(
  tensors: Record<string, { dtype: SafetensorsDtype; shape: number[]; data: Uint8Array }>,
  metadata: Record<string, string> = { format: 'pt' },
): Buffer {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    offset += t.data.length;
  }
  let json = JSON.stringify(header);
  // Pad the header with spaces so the data section starts 8-byte aligned, as the reference writer does.
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const out = Buffer.alloc(8 + headerBytes.length + offset);
  out.writeBigUInt64LE(BigInt(headerBytes.length), 0);
  headerBytes.copy(out, 8);
  let position = 8 + headerBytes.length;
  for (const t of Object.values(tensors)) {
    out.set(t.data, position);
    position += t.data.length;
  }
  return out;
}
