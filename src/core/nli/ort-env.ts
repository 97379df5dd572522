// Turns off onnxruntime-node's telemetry before the library is loaded. ORT 1.30 ships Microsoft's
// telemetry client: on every session it writes a device id and an event queue under
// ~/.cache/Microsoft/DeveloperTools/.onnxruntime and resolves mobile.events.data.microsoft.com,
// unless ORT_DISABLE_TELEMETRY is set in the process environment when the native library starts.
// Imported first by ./ort (the only module that loads onnxruntime-node) and by the entry points
// that start worker threads or child processes: a worker's process.env is a copy, so the native
// library in a worker sees only what the main thread put into the real environment.

/** The variable and value onnxruntime reads; exported for spawned children and tests. */
export const ORT_TELEMETRY_ENV = { ORT_DISABLE_TELEMETRY: '1' } as const;

export function disableOrtTelemetry(): void {
  Object.assign(process.env, ORT_TELEMETRY_ENV);
}

disableOrtTelemetry();
