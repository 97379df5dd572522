// Edit storms through the real language server: thousands of random incremental edits (inserts,
// deletes, 100 KB pastes, undo-like reversals), sent as fast as the pipe takes them with short
// pauses that let checks start and get cancelled. Afterwards the published diagnostics must
// equal those of a fresh server that opens the final text, hovers must have been answered within
// a bound throughout, and the server's memory must stay bounded.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { SEED, measure, problem, runs, tried } from './figures';
import { peakRssMiB, prng, rssMiB, sleep } from './helpers';
import {
  CONTRADICTIONS,
  NEUTRAL,
  comparable,
  makeWorkspace,
  startTracked,
  waitReady,
  type TrackedServer,
} from './server-util';

// During the storm a hover waits behind the edits and any segmentation running on the main thread
// (a 300 KB Markdown document takes about a second on a loaded 2-core machine), so the bound there
// is a hang detector; after the storm a hover must come back quickly.
const HOVER_BOUND_MS = Number(process.env.RELIABILITY_HOVER_BOUND_MS ?? 15_000);
const HOVER_AFTER_BOUND_MS = Number(process.env.RELIABILITY_HOVER_AFTER_BOUND_MS ?? 3000);
const MAX_DOC = 400_000;

describe('reliability: edit storms over LSP', function () {
  this.timeout(0);
  let root: string;
  const servers: TrackedServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  for (const [index, language] of (['markdown', 'latex'] as const).entries()) {
    it(`${language}: random edits at full speed end in the same diagnostics as a fresh check of the final text`, async () => {
      const area = `storm/${language}`;
      const random = prng(SEED + 500 + index);
      root = makeWorkspace();
      const server = await startTracked(root, { debounceMs: 30, maxProblems: 100_000 });
      servers.push(server);
      await waitReady(server);
      const file = path.join(root, language === 'markdown' ? 'storm.md' : 'storm.tex');
      const sentence = () => random.pick(random.next() < 0.3 ? CONTRADICTIONS : NEUTRAL);
      const initial = Array.from({ length: 40 }, () => sentence()).join(' ') + '\n';
      const uri = server.open(file, initial, language);
      let doc = TextDocument.create(uri, language, 1, initial);
      await server.settled(uri, 1, 300);
      const baseline = rssMiB(server.process.pid!);

      const markup =
        language === 'markdown'
          ? ['\n\n# ', '\n- ', '**', '`', '\n```\n', '> ', '[', '](x)', '\n\n']
          : ['\\emph{', '}', '\\begin{itemize}\n\\item ', '\\end{itemize}', '%', '$x$', '\n\n'];
      const undo: Array<{ start: number; end: number; text: string }> = [];
      const latencies: number[] = [];
      const hovers: Array<Promise<void>> = [];
      const edits = runs(3000);
      let pastes = 0;
      let version = 1;
      for (let i = 0; i < edits; i++) {
        const text = doc.getText();
        let start: number;
        let end: number;
        let insert: string;
        const roll = random.next();
        if (text.length > MAX_DOC) {
          start = random.int(text.length / 2);
          end = start + Math.floor(text.length / 3);
          insert = '';
        } else if (roll < 0.005 || (i === Math.floor(edits / 2) && pastes === 0)) {
          // A 100 KB paste of prose, a few contradictions in it.
          pastes++;
          let paste = '';
          while (paste.length < 100_000) paste += sentence() + (random.next() < 0.1 ? '\n\n' : ' ');
          start = end = random.int(text.length + 1);
          insert = paste;
        } else if (roll < 0.15 && undo.length > 0) {
          ({ start, end, text: insert } = undo.pop()!);
        } else if (roll < 0.5) {
          start = end = random.int(text.length + 1);
          insert =
            random.next() < 0.3
              ? random.pick(markup)
              : (random.next() < 0.5 ? ' ' : '') + sentence() + (random.next() < 0.5 ? ' ' : '\n');
        } else if (roll < 0.8) {
          start = random.int(text.length + 1);
          end = Math.min(text.length, start + random.int(random.next() < 0.1 ? 2000 : 40));
          insert = '';
        } else {
          // Typing: one character.
          start = end = random.int(text.length + 1);
          insert = random.pick(['a', 'e', ' ', '.', 'n', 't', '\n']);
        }
        const change: TextDocumentContentChangeEvent = {
          range: { start: doc.positionAt(start), end: doc.positionAt(end) },
          text: insert,
        };
        // The inverse edit, for a later undo.
        undo.push({ start, end: start + insert.length, text: text.slice(start, end) });
        if (undo.length > 50) undo.shift();
        version++;
        doc = TextDocument.update(doc, [change], version);
        void server.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [change],
        });
        tried(area, 'edits');
        if (i % 50 === 0) {
          // A hover in the middle of the storm: it must be answered while checks run.
          const started = Date.now();
          hovers.push(
            server.connection
              .sendRequest('textDocument/hover', {
                textDocument: { uri },
                position: doc.positionAt(random.int(doc.getText().length + 1)),
              })
              .then(() => {
                latencies.push(Date.now() - started);
              }),
          );
        }
        // Mostly full speed; now and then a pause long enough for a check to start (and be cancelled).
        if (random.next() < 0.02) await sleep(random.int(120));
        else if (i % 100 === 0) await sleep(0);
      }
      await Promise.all(hovers);
      const final = await server.settled(uri, version, 2000, 300_000);
      tried(area, 'edits', 0);

      // The oracle: a fresh server that opens the final text once.
      const fresh = await startTracked(root, { debounceMs: 0, maxProblems: 100_000 });
      servers.push(fresh);
      await waitReady(fresh);
      const freshUri = fresh.open(file, doc.getText(), language);
      const expected = await fresh.settled(freshUri, 1, 1500, 300_000);

      const started = Date.now();
      await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: final[0]?.range.start ?? { line: 0, character: 0 },
      });
      const after = Date.now() - started;

      const rss = rssMiB(server.process.pid!);
      const peak = peakRssMiB(server.process.pid!);
      latencies.sort((a, b) => a - b);
      const p50 = latencies[Math.floor(latencies.length / 2)];
      const max = latencies[latencies.length - 1];
      measure(`${area}: edits`, edits);
      measure(`${area}: final document (chars)`, doc.getText().length);
      measure(`${area}: diagnostics at the end`, final.length);
      measure(`${area}: hover latency during the storm p50 / max, after it (ms)`, `${p50} / ${max}, ${after}`);
      measure(
        `${area}: server RSS baseline / end / peak (MiB)`,
        `${baseline.toFixed(0)} / ${rss.toFixed(0)} / ${peak.toFixed(0)}`,
      );

      if (max > HOVER_BOUND_MS)
        problem(area, 'hangs', `hover took ${max} ms during the storm (bound ${HOVER_BOUND_MS} ms)`);
      if (after > HOVER_AFTER_BOUND_MS)
        problem(area, 'hangs', `hover took ${after} ms after the storm (bound ${HOVER_AFTER_BOUND_MS} ms)`);
      const got = comparable(final);
      const want = comparable(expected);
      if (JSON.stringify(got) !== JSON.stringify(want))
        problem(
          area,
          'failures',
          `diagnostics after the storm differ from a fresh check: ${got.length} vs ${want.length}`,
        );
      if (server.process.exitCode !== null) problem(area, 'crashes', `server exited with ${server.process.exitCode}`);
      assert.deepEqual(got, want);
      assert.ok(max <= HOVER_BOUND_MS, `hover latency ${max} ms during the storm`);
      assert.ok(after <= HOVER_AFTER_BOUND_MS, `hover latency ${after} ms after the storm`);
      assert.ok(rss < 1500, `server RSS ${rss} MiB`);
    });
  }
});
