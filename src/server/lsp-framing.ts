// A guard in front of the LSP reader on stdio. vscode-jsonrpc's reader trusts the framing: after
// a negative or non-numeric Content-Length, LF-only headers or a body that is not the length it
// claims, it stops delivering messages but keeps the process alive, deaf even to shutdown and
// exit, so the client can only SIGKILL it. This Transform re-frames the byte stream: it answers
// what can be answered (LF-only headers are accepted), and reports an unrecoverable stream (a
// header it cannot read, a length that is negative, not a number or over MAX_MESSAGE_BYTES, a
// body that is not JSON, which means the length was wrong) once, so the server can exit cleanly.
import { Transform, type TransformCallback } from 'node:stream';

/** Larger messages are refused: a whole-document sync of a 50 MB file is already far past the size limit. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A header section longer than this never ends (LSP headers are two short lines). */
const MAX_HEADER_BYTES = 8 * 1024;

export class LspFramingError extends Error {}

export class LspFramingGuard extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  private bodyLength = -1;
  private failed = false;

  constructor(private readonly onFatal: (error: LspFramingError) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.failed) return done();
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      this.drain();
    } catch (error) {
      this.failed = true;
      this.buffer = Buffer.alloc(0);
      this.onFatal(error instanceof LspFramingError ? error : new LspFramingError(String(error)));
    }
    done();
  }

  /** Emits every complete message in the buffer, re-framed with a CRLF header. */
  private drain(): void {
    for (;;) {
      if (this.bodyLength < 0) {
        const header = this.readHeader();
        if (header === undefined) return;
        this.bodyLength = header;
      }
      if (this.buffer.length < this.bodyLength) return;
      const body = this.buffer.subarray(0, this.bodyLength);
      this.buffer = this.buffer.subarray(this.bodyLength);
      this.bodyLength = -1;
      try {
        JSON.parse(body.toString('utf8'));
      } catch {
        throw new LspFramingError(`a message body of ${body.length} bytes is not JSON (wrong Content-Length?)`);
      }
      this.push(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    }
  }

  /** The Content-Length of a complete header at the start of the buffer (consumed), or undefined. */
  private readHeader(): number | undefined {
    // Blank lines between messages are harmless.
    let start = 0;
    while (this.buffer[start] === 0x0d || this.buffer[start] === 0x0a) start++;
    const text = this.buffer.subarray(start, start + MAX_HEADER_BYTES + 4).toString('latin1');
    const end = /\r?\n\r?\n/.exec(text);
    if (!end) {
      if (this.buffer.length - start > MAX_HEADER_BYTES)
        throw new LspFramingError(`no end of the message header in ${MAX_HEADER_BYTES} bytes`);
      return undefined;
    }
    let length: number | undefined;
    for (const line of text.slice(0, end.index).split(/\r?\n/)) {
      const field = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*?)[ \t]*$/.exec(line);
      if (!field) throw new LspFramingError(`unreadable header line ${JSON.stringify(line.slice(0, 80))}`);
      if (field[1].toLowerCase() !== 'content-length') continue;
      if (!/^\d{1,15}$/.test(field[2]))
        throw new LspFramingError(
          `Content-Length ${JSON.stringify(field[2].slice(0, 40))} is not a non-negative integer`,
        );
      length = Number(field[2]);
      if (length > MAX_MESSAGE_BYTES)
        throw new LspFramingError(`Content-Length ${length} is over the ${MAX_MESSAGE_BYTES}-byte limit`);
    }
    if (length === undefined) throw new LspFramingError('a message header without Content-Length');
    this.buffer = this.buffer.subarray(start + end.index + end[0].length);
    return length;
  }
}
