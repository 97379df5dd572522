// Visible ranges first, through the real server: after consistency/visibleRanges, the first
// publishDiagnostics of a long document already carries the finding inside the visible range, and a
// finding further down arrives in a later publish (src/server/document-checker.ts publishes the
// prioritized sentences' findings through Checker's onPartial, then the whole document).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp-client';

const VISIBLE_CLAIM = 'The clinic supports email alerts.';
const VISIBLE_CONTRADICTION = 'The clinic does not support email alerts.';
const FAR_CLAIM = 'The museum includes audio recordings.';
const FAR_CONTRADICTION = 'The museum does not include audio recordings.';

const SUBJECTS = [
  'printer',
  'router',
  'compiler',
  'warehouse',
  'bakery',
  'hotel',
  'school',
  'robot',
  'bridge',
  'train',
];
const OBJECTS = [
  'dark mode',
  'large files',
  'plugins',
  'unicode',
  'refunds',
  'pets',
  'nightly builds',
  'custom themes',
];
const VERBS = ['supports', 'provides', 'accepts', 'stores', 'requires'];

/** A long Markdown document: the visible contradiction near the top, the other one near the end. */
function longDocument(): { text: string; farLine: number } {
  const lines = ['# Notes', '', VISIBLE_CONTRADICTION, ''];
  let n = 0;
  for (const subject of SUBJECTS) {
    for (const object of OBJECTS) {
      for (const verb of VERBS) {
        lines.push(`The ${subject} ${verb} ${object}. The ${subject} is described in section ${++n}.`, '');
      }
    }
  }
  const farLine = lines.length;
  lines.push(FAR_CONTRADICTION, '');
  return { text: lines.join('\n'), farLine };
}

describe('language server: visible ranges first', function () {
  this.timeout(120_000);
  let root: string;
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes the visible range finding first and the rest of the document after', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-priority-'));
    mkdirSync(path.join(root, '.consistency'));
    writeFileSync(
      path.join(root, '.consistency', 'claims.json'),
      JSON.stringify({
        version: 1,
        claims: [
          { id: 'visible', text: VISIBLE_CLAIM },
          { id: 'far', text: FAR_CLAIM },
        ],
      }),
    );
    server = await startServer(root);
    const { text, farLine } = longDocument();
    const file = path.join(root, 'long.md');
    const uri = URI.file(file).toString();
    await server.connection.sendNotification('consistency/visibleRanges', {
      editors: [{ uri, ranges: [{ start: { line: 0, character: 0 }, end: { line: 10, character: 0 } }] }],
    });
    server.open(file, text);

    // Every publish for the document, in order (each publish carries a new array).
    const publishes: Diagnostic[][] = [];
    const both = await server.waitForDiagnostics(uri, (d) => {
      if (publishes[publishes.length - 1] !== d) publishes.push(d);
      return d.some((x) => x.code === 'far');
    });

    const first = publishes[0];
    assert.deepEqual(
      first.map((d) => [d.code, d.range.start.line]),
      [['visible', 2]],
      'the first publish holds the visible finding and nothing from further down',
    );
    assert.ok(publishes.length >= 2, 'the rest of the document comes in a later publish');
    assert.deepEqual(
      both.map((d) => [d.code, d.range.start.line]),
      [
        ['visible', 2],
        ['far', farLine],
      ],
    );
  });
});
