// DocumentChecker with plain objects for its diagnostics sink, logger, open documents, workspace
// files, model and claims: what it publishes for open and closed documents, and when it withdraws.
import { strict as assert } from 'node:assert';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DismissedSet, type Claim } from '../../src/core/claims';
import { DEFAULT_SETTINGS, type ConsistencySettings } from '../../src/common/settings';
import { DocumentChecker, type ScorerSource } from '../../src/server/document-checker';
import type { ClaimsView, OpenDocuments, WorkspaceReader } from '../../src/server/interfaces';
import type { ClaimsSnapshot } from '../../src/server/claims-store';
import { FakeEngine } from '../helpers/in-process-server';

const ROOT = '/work/space';
const CONTRADICTS = 'The clinic does not support email alerts.';
const AGREES = 'The clinic supports email alerts today.';

class Documents implements OpenDocuments {
  private readonly map = new Map<string, TextDocument>();
  open(file: string, text: string, version = 1): string {
    const uri = URI.file(`${ROOT}/${file}`).toString();
    this.map.set(uri, TextDocument.create(uri, 'markdown', version, text));
    return uri;
  }
  close(uri: string): void {
    this.map.delete(uri);
  }
  get(uri: string) {
    return this.map.get(uri);
  }
  all() {
    return [...this.map.values()];
  }
  keys() {
    return [...this.map.keys()];
  }
}

function setup(
  options: {
    settings?: Partial<ConsistencySettings>;
    files?: Record<string, string>;
    claims?: Claim[];
    model?: boolean;
  } = {},
) {
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const documents = new Documents();
  const engine = new FakeEngine();
  const files = new Map(Object.entries(options.files ?? {}).map(([name, text]) => [`${ROOT}/${name}`, text]));
  const workspace: WorkspaceReader = {
    async *files() {
      yield* [...files.keys()].sort();
    },
    read: async (file, maxBytes) => {
      const text = files.get(file);
      if (text === undefined) return { ok: false, reason: 'gone' };
      return text.length > maxBytes ? { ok: false, reason: 'too large' } : { ok: true, text };
    },
  };
  let snapshot: ClaimsSnapshot = {
    claims: options.claims ?? [{ id: 'c1', text: 'The clinic supports email alerts.', enabled: true }],
    dismissed: new DismissedSet({ version: 1, dismissed: [] }),
  };
  const claims: ClaimsView & { set(next: Partial<ClaimsSnapshot>): void } = {
    root: ROOT,
    get current() {
      return snapshot;
    },
    claimsFile: `${ROOT}/.consistency/claims.json`,
    claimLine: (id) => (id === 'c1' ? 7 : 0),
    set: (next) => (snapshot = { ...snapshot, ...next }),
  };
  const model: ScorerSource = { engine: options.model === false ? undefined : engine, fingerprint: undefined };
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const checker = new DocumentChecker({
    diagnostics: { publish: (p) => published.push(p) },
    logger: { log: (m) => logs.push(m), error: (m) => logs.push(`error: ${m}`) },
    documents,
    workspace,
    model,
    claims,
    settings: () => settings,
  });
  const last = (uri: string) => published.filter((p) => p.uri === uri).at(-1);
  return { checker, documents, engine, files, claims, published, logs, last };
}

describe('DocumentChecker', () => {
  it('publishes one diagnostic per contradicting sentence, linked to the claim line', async () => {
    const { checker, documents, last } = setup();
    const uri = documents.open('doc.md', `# Clinic\n\n${CONTRADICTS}\n\n${AGREES}\n`);
    const result = await checker.checkNow(uri);
    assert.deepEqual(result, { documents: 1, sentences: 3, findings: 1, cancelled: false });
    const [diagnostic] = last(uri)!.diagnostics;
    assert.equal(last(uri)!.diagnostics.length, 1);
    assert.equal(diagnostic.range.start.line, 2);
    assert.equal(diagnostic.code, 'c1');
    assert.equal(diagnostic.relatedInformation?.[0].location.range.start.line, 7);
    assert.equal(checker.findingsAt(uri, 12).length, 1);
    assert.equal(checker.relativePath(uri), 'doc.md');
  });

  it('checks only the claims whose scope covers the file, and scores nothing without a model', async () => {
    const scoped = setup({
      claims: [{ id: 'c1', text: 'The clinic supports email alerts.', enabled: true, scope: 'docs/**' }],
    });
    const uri = scoped.documents.open('doc.md', CONTRADICTS);
    await scoped.checker.checkNow(uri);
    assert.deepEqual(scoped.last(uri)!.diagnostics, []);
    assert.equal(scoped.engine.calls, 0);
    const none = setup({ model: false });
    const other = none.documents.open('doc.md', CONTRADICTS);
    assert.deepEqual(await none.checker.checkNow(other), { documents: 0, sentences: 0, findings: 0, cancelled: false });
    assert.equal(none.published.length, 0);
  });

  it('a document over maxFileSize gets one notice instead of a check', async () => {
    const { checker, documents, last, engine } = setup({ settings: { maxFileSize: 20 } });
    const uri = documents.open('big.md', CONTRADICTS.repeat(3));
    await checker.checkNow(uri);
    const diagnostics = last(uri)!.diagnostics;
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0].message), /^Not checked: /);
    assert.equal(engine.calls, 0);
  });

  it('a workspace check reads closed files through the workspace reader and withdraws files gone since', async () => {
    const { checker, files, last, logs } = setup({
      files: { 'a.md': CONTRADICTS, 'b.md': AGREES, 'c.md': `${CONTRADICTS} ${CONTRADICTS.repeat(200)}` },
      settings: { maxFileSize: 1000 },
    });
    const progress: string[] = [];
    const result = await checker.checkWorkspace(new AbortController().signal, {
      report: (_d, _t, message) => progress.push(message),
    });
    assert.deepEqual([result.documents, result.findings, result.cancelled], [3, 1, false]);
    assert.deepEqual(progress, ['0 of 3 files', '1 of 3 files', '2 of 3 files', '3 files checked']);
    assert.ok(
      logs.some((l) => /c\.md: too large/.test(l)),
      logs.join('\n'),
    );
    const a = URI.file(`${ROOT}/a.md`).toString();
    assert.equal(last(a)!.diagnostics.length, 1);
    files.delete(`${ROOT}/a.md`);
    await checker.checkWorkspace(new AbortController().signal, { report: () => {} });
    assert.deepEqual(last(a)!.diagnostics, [], 'a deleted file loses its problems');
  });

  it("a disabled or dismissed claim's findings are withdrawn from closed files without a check", async () => {
    const { checker, claims, files, last, engine } = setup({ files: { 'a.md': CONTRADICTS } });
    await checker.checkWorkspace(new AbortController().signal, { report: () => {} });
    const a = URI.file(`${ROOT}/a.md`).toString();
    assert.equal(last(a)!.diagnostics.length, 1);
    const calls = engine.calls;
    claims.set({
      dismissed: new DismissedSet({ version: 1, dismissed: [{ claimId: 'c1', file: 'a.md', sentence: CONTRADICTS }] }),
    });
    checker.withdrawStaleClosed();
    assert.deepEqual(last(a)!.diagnostics, []);
    assert.equal(engine.calls, calls);
    assert.ok(files.size === 1);
  });

  it('clearDiagnostics empties the problems and cancels a check queued before it', async () => {
    const { checker, documents, published, engine } = setup({ settings: { debounceMs: 10 } });
    const uri = documents.open('doc.md', CONTRADICTS);
    await checker.checkNow(uri);
    checker.scheduleCheck(uri, 30);
    checker.clearDiagnostics();
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(published.at(-1), { uri, diagnostics: [] });
    assert.equal(engine.calls, 1, 'the scheduled check did not run');
  });

  it('dispose() stops scheduled checks: nothing is published after it', async () => {
    const { checker, documents, published } = setup();
    const uri = documents.open('doc.md', CONTRADICTS);
    checker.scheduleCheck(uri, 20);
    checker.dispose();
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(published.length, 0);
  });
});
