// glibc's malloc settings for our long-lived processes that load the model (the `check` child, the
// language server). They only take effect when a process starts, so whoever starts the process sets
// them; the environment it was given wins, so a user's own values stay theirs.
//   - MALLOC_ARENA_MAX=2: glibc gives every thread that allocates (ONNX Runtime's worker, V8's
//     helpers, libuv's pool) its own malloc arena, and each keeps what it once held;
//   - MALLOC_MMAP_THRESHOLD_=131072: glibc's default, pinned. Left dynamic, it rises to the size of
//     each large block freed (ONNX Runtime frees the model file's buffers once it has built the
//     weights), and from then on blocks of up to 32 MB come from the heap and stay there once freed:
//     ~30 MB kept for the life of the process. ONNX Runtime's own arena is allocated once, so the
//     blocks mapped and unmapped each time are few.
// Measured in docs/benchmarks.md ("Memory"). Other platforms' allocators do not read them.

const GLIBC_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** `env` with our malloc settings under it (Linux only): what `env` already sets wins. */
export function withMallocSettings(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): NodeJS.ProcessEnv {
  return platform === 'linux' ? { ...GLIBC_MALLOC_ENV, ...env } : { ...env };
}
