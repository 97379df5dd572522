// Cancellation. A cancelled run rejects with its signal's reason, an `AbortError` DOMException
// (what Node's signal.throwIfAborted() and node:timers/promises throw, and fetch() too), so callers
// tell a cancelled run from a failure by the name alone.
import { setImmediate } from 'node:timers/promises';

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** The error an aborted signal stands for: its reason, which abort() without an argument makes an AbortError. */
export function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error('This operation was aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

/**
 * Lets pending timers and I/O run (an LSP $/cancelRequest, a new keystroke) before the next
 * batch. onnxruntime-node runs inference synchronously inside a setImmediate callback, so a plain
 * `await` between batches would check the signal before any abort could have been delivered.
 */
export function yieldToEventLoop(): Promise<void> {
  return setImmediate();
}
