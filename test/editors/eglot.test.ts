// A real Emacs (Debian's 28.2) with Eglot (Debian's elpa-eglot 1.9), set up as docs/editors.md
// says (one `eglot-server-programs` entry for the prose modes, the model in
// `eglot-workspace-configuration`), against `consistency-check serve --stdio` on a copy of
// examples/: Flymake gets the examples' diagnostics, ElDoc's hover has no VS Code command link,
// the code actions run only server commands and Dismiss works, and a .tex file that Eglot
// announces as `markdown` (the one languageId of the entry) is still read as LaTeX. The Emacs
// side is eglot-client.el; this file runs it and reads its report. Skipped when Emacs or Eglot
// is not installed (`apt-get install emacs-nox elpa-eglot`), unless CONSISTENCY_REQUIRE_EGLOT=1
// (CI) makes that a failure.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { examplesCopy, MODEL, REPO, runForReport } from './editor-run';

interface Diagnostic {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  code: string;
  message: string;
}

interface Report {
  steps: string[];
  error?: string;
  root?: string;
  announcedShowDocument: boolean | null;
  diagnostics?: Diagnostic[];
  hover?: string;
  actions?: Array<{ title: string; command: string | null }>;
  afterDismiss?: number;
  texMode?: string;
  texLanguageId?: string;
  texManaged?: boolean;
  texDiagnostics?: Diagnostic[];
  stopMs?: number;
}

/** Emacs's version line when Emacs and Eglot are both installed, else undefined. */
function emacsWithEglot(): string | undefined {
  try {
    const probe = `(progn (require 'package) (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa") (package-initialize) (princ (if (require 'eglot nil t) (format "Emacs %s, Eglot" emacs-version) "")))`;
    const out = execFileSync('emacs', ['--batch', '--eval', probe], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 30_000,
    });
    return out.includes('Eglot') ? out.trim() : undefined;
  } catch {
    return undefined;
  }
}

describe('Emacs Eglot (batch, Flymake and ElDoc) against consistency-check serve --stdio', function () {
  this.timeout(150_000);
  let report: Report;
  let workspace: string;

  before(function () {
    const version = emacsWithEglot();
    if (!version) {
      if (process.env.CONSISTENCY_REQUIRE_EGLOT === '1')
        throw new Error('Emacs with Eglot is not installed (apt-get install emacs-nox elpa-eglot)');
      this.skip();
    }
    workspace = examplesCopy('cc-eglot-');
    mkdirSync(path.join(workspace, '.home'));
    // project.el finds the root (and Eglot sends it as rootUri) from version control, as in a real repository.
    execFileSync('git', ['init', '-q'], { cwd: workspace });
    let stderr: string;
    ({ report, stderr } = runForReport<Report>(
      version,
      'emacs',
      ['--batch', '-l', path.join(__dirname, 'eglot-client.el')],
      workspace,
      {
        // Emacs's own state (~/.emacs.d) goes to a scratch home.
        HOME: path.join(workspace, '.home'),
      },
      130_000,
    ));
    assert.equal(
      report.error,
      undefined,
      `Emacs script failed after steps ${report.steps.join(', ')}: ${report.error}\n${stderr}`,
    );
  });
  after(() => workspace && rmSync(workspace, { recursive: true, force: true }));

  it('flags the examples through Flymake, with only eglot-workspace-configuration', () => {
    assert.equal(report.root, `${workspace}/`);
    assert.deepEqual(
      (report.diagnostics ?? []).map((d) => `${d.line + 1}:${d.col + 1} ${d.code}`),
      ['9:41 c1', '18:1 c3'],
    );
    assert.match(
      report.diagnostics![0].message,
      /^Consistency \[c1\]: Contradicts claim "The service supports two factor authentication\." \(\d+%\)$/,
    );
  });

  it('hovers (ElDoc) with the claim and probabilities, and no command link', () => {
    assert.ok(report.steps.includes('hover'), report.steps.join());
    assert.match(report.hover ?? '', /Contradicts pinned claim c1/);
    assert.match(report.hover ?? '', /\| entailment \| neutral \| contradiction \|/);
    assert.doesNotMatch(report.hover ?? '', /command:|\]\(/);
  });

  it('offers only commands the server runs (no VS Code command, no "Go to claim" without window/showDocument), and Dismiss works', () => {
    const actions = report.actions ?? [];
    assert.ok(
      actions.some((a) => a.title.startsWith('Dismiss this finding')),
      JSON.stringify(actions),
    );
    for (const action of actions) assert.match(action.command ?? '', /^consistency\.server\./, action.title);
    assert.equal(report.announcedShowDocument, null, 'Eglot 1.9 does not announce window/showDocument');
    assert.ok(!actions.some((a) => a.title.startsWith('Go to claim')));
    assert.ok(!actions.some((a) => a.title.startsWith('Pin as a claim')), 'no pin action at a bare cursor');
    assert.equal(report.afterDismiss, 1);
    const dismissed = JSON.parse(readFileSync(path.join(workspace, '.consistency', 'dismissed.json'), 'utf8')) as {
      dismissed: Array<{ claimId: string; file: string }>;
    };
    assert.deepEqual(
      dismissed.dismissed.map((d) => [d.claimId, d.file]),
      [['c1', 'docs/faq.md']],
    );
  });

  it('reads a .tex file as LaTeX although Eglot announces it as markdown', () => {
    assert.equal(report.texMode, 'latex-mode');
    assert.equal(report.texManaged, true);
    assert.equal(
      report.texLanguageId,
      'markdown',
      'Eglot 1.9 sends the languageId of the mode that started the server',
    );
    // What the CLI finds in the same file (read as LaTeX): the same sentence, range and probability.
    // (It exits 1: there is a finding.)
    const cli = JSON.parse(
      spawnSync(
        process.execPath,
        [
          path.join(REPO, 'dist/cli.js'),
          'check',
          'paper/report.tex',
          '--model',
          MODEL,
          '--format',
          'json',
          '--no-dismissed',
        ],
        {
          cwd: workspace,
          encoding: 'utf8',
          env: { ...process.env, XDG_CACHE_HOME: path.join(workspace, '.xdg-cache') },
        },
      ).stdout,
    ) as {
      findings: Array<{ claimId: string; line: number; character: number; probabilities: { contradiction: number } }>;
    };
    assert.deepEqual(
      (report.texDiagnostics ?? []).map(
        (d) => `${d.line + 1}:${d.col + 1} ${d.code} ${/\((\d+)%\)$/.exec(d.message)?.[1]}%`,
      ),
      cli.findings.map(
        (f) => `${f.line}:${f.character} ${f.claimId} ${Math.round(f.probabilities.contradiction * 100)}%`,
      ),
    );
    assert.ok(cli.findings.length > 0);
  });

  it('shuts down', () => {
    assert.ok(report.steps.includes('stopped'));
    assert.ok((report.stopMs ?? Infinity) < 1500, `shutdown took ${report.stopMs} ms (Eglot waits 1.5 s)`);
  });
});
