// Cancellation between batches. Callers (the language server on every keystroke) distinguish a
// cancelled run from a failure by `err.name === 'AbortError'`, the same convention as fetch().

export function abortError(signal: AbortSignal): Error {
  const error = new Error('NLI scoring was aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** Lets pending timers and I/O run (an LSP $/cancelRequest, a new keystroke) before the next
 * batch. onnxruntime-node runs inference synchronously inside a setImmediate callback, so a plain
 * `await` between batches would check the signal before any abort could have been delivered. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
