// Runs a CLI subcommand in process (its exported run(argv)) and captures what it writes, so CLI
// tests need no build of dist/cli.js.
export interface Captured {
  code: number;
  out: string;
  err: string;
}

export async function captureCommand(command: (argv: string[]) => Promise<number>, argv: string[]): Promise<Captured> {
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  let out = '';
  let err = '';
  process.stdout.write = ((chunk: string | Uint8Array) => (
    (out += chunk.toString()),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (
    (err += chunk.toString()),
    true
  )) as typeof process.stderr.write;
  try {
    return { code: await command(argv), out, err };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}
