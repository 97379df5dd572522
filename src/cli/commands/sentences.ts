// `consistency-check sentences <file>`: shows how a document is split into sentences, one JSON
// object per line, {"start","end","text"}, with offsets into the file's text. Useful to debug
// segmentation and to feed other tools.
import { readFile } from 'node:fs/promises';
import { decodeText } from '../../core/document-file';
import { languageOfFile, segmentDocument } from '../../core/segment';
import { EXIT_ERROR, EXIT_OK, parseArgs, UsageError } from '../args';
import { languageFlag } from '../option-values';

export const summary = 'print the sentences of a document as JSON lines';

const USAGE = `Usage: consistency-check sentences <file> [--language ID]

Prints one {"start": N, "end": N, "text": "..."} line per sentence, in document order.
start/end are UTF-16 code unit offsets into the file's text (after a byte order mark, if any,
is removed; UTF-8, or UTF-16 LE/BE with a byte order mark), and text is exactly that slice.

Options:
  --language ID   markdown, plaintext, latex, restructuredtext or asciidoc (aliases: md, text,
                  txt, tex, rst, adoc). Default: from the file extension; plaintext if unknown,
                  and a plain-text file that starts like AsciiDoc (a "= Title" or underlined
                  title, then ":attribute:" lines or section titles) is read as AsciiDoc.
  Use - as the file to read standard input.`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['language'] });
  if (args.has('help')) {
    process.stdout.write(USAGE + '\n');
    return EXIT_OK;
  }
  if (args.positionals.length !== 1) {
    throw new UsageError(`sentences takes exactly one file\n\n${USAGE}`);
  }
  const file = args.positionals[0];
  const forced = languageFlag(args, USAGE);

  let text: string;
  try {
    text = decodeText(file === '-' ? await readStdin() : await readFile(file));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    process.stderr.write(`consistency-check: cannot read ${file}: ${reason}\n`);
    return EXIT_ERROR;
  }
  // decodeText reads UTF-16 with a byte-order mark as VS Code does, and drops any mark: it is not
  // part of the text an editor shows, so offsets then match VS Code's document offsets.

  await writeLines(
    segmentDocument(text, languageOfFile(file, text, forced)).map((s) =>
      JSON.stringify({ start: s.start, end: s.end, text: s.text }),
    ),
  );
  return EXIT_OK;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes lines in batches; a reader that goes away (`sentences x | head`) ends output quietly. */
async function writeLines(lines: string[]): Promise<void> {
  const out = process.stdout;
  let closed = false;
  out.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') closed = true;
    else throw err;
  });
  const BATCH = 1000;
  for (let i = 0; i < lines.length && !closed; i += BATCH) {
    const chunk = lines.slice(i, i + BATCH).join('\n') + '\n';
    if (!out.write(chunk)) {
      await new Promise<void>((resolve) => {
        out.once('drain', resolve);
        out.once('close', resolve);
        out.once('error', () => resolve());
      });
    }
  }
}
