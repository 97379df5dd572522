// Which weight files we accept. Pickle-based checkpoints (pytorch_model.bin, .pt, .pkl, .ckpt)
// execute code when loaded, so a downloaded model could run anything on the user's machine;
// safetensors and ONNX are plain data. The refusal is deliberate and explained, not a gap.

const PICKLE_EXTENSIONS = ['.bin', '.pt', '.pth', '.pkl', '.pickle', '.ckpt'];

export class PickleRefusedError extends Error {
  constructor(readonly file: string) {
    super(
      `refusing '${file}': it is a pickle-based PyTorch checkpoint, and loading pickle can execute arbitrary code. ` +
        'Use a repository revision that has model.safetensors (or a ready ONNX export) instead; ' +
        'on the Hub, a safetensors conversion can be requested from the "Files" tab of the model.',
    );
  }
}

/** True for file names that are (or usually contain) Python pickles. */
export function isPickleFile(name: string): boolean {
  const lower = name.toLowerCase();
  return PICKLE_EXTENSIONS.some((ext) => lower.endsWith(ext)) || lower.includes('pytorch_model');
}

/** Throws PickleRefusedError for pickle files; used before any download or read. */
export function assertNotPickle(name: string): void {
  if (isPickleFile(name)) throw new PickleRefusedError(name);
}
