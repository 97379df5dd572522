// Evidence through the built server (dist/server.js --stdio): consistency/getEvidence and the
// consistency/evidence notification say what supports and contradicts each claim, and which claims
// nothing supports; the hover on a claim's source sentence summarises it.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import type { ClaimEvidenceInfo } from '../../src/common/protocol';
import { startServer, type TestServer } from '../helpers/lsp-client';

const SUPPORTED = 'The clinic supports email alerts. This changed in 2021.';
const UNSUPPORTED = 'The museum includes audio recordings. This changed in 2021.';

describe('evidence (dist/server.js --stdio)', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer | undefined;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-server-evidence-'));
    mkdirSync(path.join(root, '.consistency'));
    const claims = [
      { id: 'c1', text: SUPPORTED, source: { file: 'claims.md', start: 0, end: SUPPORTED.length, line: 1 } },
      { id: 'c2', text: UNSUPPORTED },
    ];
    writeFileSync(path.join(root, '.consistency', 'claims.json'), JSON.stringify({ version: 1, claims }));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  it('counts supporting and contradicting sentences per claim and marks unsupported claims', async () => {
    server = await startServer(root);
    const notified: ClaimEvidenceInfo[][] = [];
    server.connection.onNotification(
      'consistency/evidence',
      (p: { claims: ClaimEvidenceInfo[] }) => void notified.push(p.claims),
    );
    const uri = server.open(
      path.join(root, 'doc.md'),
      'The clinic supports email alerts.\n\nThe clinic does not support email alerts.\n',
    );
    await server.waitForDiagnostics(uri, (d) => d.length === 1);
    let evidence: ClaimEvidenceInfo[] = [];
    for (let i = 0; i < 50 && !(evidence[0]?.supportedBy === 1); i++) {
      evidence = ((await server.connection.sendRequest('consistency/getEvidence')) as { claims: ClaimEvidenceInfo[] })
        .claims;
      if (evidence[0]?.supportedBy !== 1) await new Promise((r) => setTimeout(r, 100));
    }
    const [c1, c2] = evidence;
    assert.deepEqual(
      [c1.claimId, c1.supportedBy, c1.contradictedBy, c1.unsupported, c1.documents],
      ['c1', 1, 1, false, 1],
    );
    assert.deepEqual(
      c1.sentences.map((s) => [s.kind, s.sentence, s.range.start.line]),
      [
        ['supports', 'The clinic supports email alerts.', 0],
        ['contradicts', 'The clinic does not support email alerts.', 2],
      ],
    );
    assert.deepEqual([c2.claimId, c2.supportedBy, c2.unsupported], ['c2', 0, true]);
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(
      notified.some((claims) => claims[0]?.supportedBy === 1),
      'the client is told without asking',
    );

    // The hover on the sentence c1 was pinned from summarises its evidence.
    const source = server.open(path.join(root, 'claims.md'), `${SUPPORTED}\n`);
    await server.waitForDiagnostics(source, () => true);
    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: source },
      position: { line: 0, character: 3 },
    })) as Hover;
    const text = (hover.contents as { value: string }).value;
    // (claims.md's first sentence now supports the two-sentence claim too.)
    assert.match(text, /\*\*Pinned claim c1\*\*: supported by \d · contradicted by 1/);
    assert.match(text, /supports \(\d+%\), doc\.md:1: The clinic supports email alerts\./);
  });
});
