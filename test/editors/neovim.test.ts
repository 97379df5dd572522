// A real Neovim (Debian's 0.7.2 here; any later one too) with its built-in LSP client, default
// capabilities and `settings = { consistency = { model = ... } }`, against `consistency-check
// serve --stdio` on a copy of examples/: it gets the examples' diagnostics,
// a hover without VS Code command links, Dismiss, "Go to claim" only where the editor can open a
// document, and UTF-16 ranges after an edit with an emoji and CJK. The Lua side is
// neovim-client.lua; this file runs it and reads its report. Skipped when `nvim` is not installed
// (`apt-get install neovim`), unless CONSISTENCY_REQUIRE_NEOVIM=1 (CI) makes that a failure.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { examplesCopy, runForReport } from './editor-run';

interface Report {
  steps: string[];
  error?: string;
  announcedShowDocument: boolean;
  diagnostics: Array<{ line: number; col: number; code: string; message: string }>;
  hover?: string;
  actions: Array<{ title: string; command?: string }>;
  afterGoToClaim?: { file: string; line: number };
  afterDismiss?: number;
  edited: { flagged: boolean; expectedStart: number; expectedEnd: number };
  editedRange?: { start: { line: number; character: number }; end: { line: number; character: number } };
  stopMs: number;
}

function neovimVersion(): string | undefined {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
}

describe('Neovim (headless, built-in LSP client) against consistency-check serve --stdio', function () {
  this.timeout(120_000);
  let report: Report;
  let workspace: string;

  before(function () {
    const version = neovimVersion();
    if (!version) {
      if (process.env.CONSISTENCY_REQUIRE_NEOVIM === '1')
        throw new Error('nvim is not installed (apt-get install neovim)');
      this.skip();
    }
    workspace = examplesCopy('cc-nvim-');
    ({ report } = runForReport<Report>(
      version,
      'nvim',
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${path.join(__dirname, 'neovim-client.lua')}`],
      workspace,
      {
        // Neovim's own state goes to a scratch folder too.
        XDG_STATE_HOME: path.join(workspace, '.xdg-state'),
      },
      100_000,
    ));
    assert.equal(
      report.error,
      undefined,
      `Neovim script failed after steps ${report.steps.join(', ')}: ${report.error}`,
    );
  });
  after(() => workspace && rmSync(workspace, { recursive: true, force: true }));

  it('flags the examples with only `settings` (no capability the client does not announce by default)', () => {
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.line + 1}:${d.col + 1} ${d.code}`),
      ['9:41 c1', '18:1 c3'],
    );
    assert.match(
      report.diagnostics[0].message,
      /^Contradicts claim "The service supports two factor authentication\." \(\d+%\)$/,
    );
  });

  it('hovers with the claim and probabilities, and no command link', () => {
    assert.match(report.hover ?? '', /Contradicts pinned claim c1/);
    assert.match(report.hover ?? '', /\| entailment \| neutral \| contradiction \|/);
    assert.doesNotMatch(report.hover ?? '', /command:|\]\(/);
  });

  it('offers only commands the server runs, and "Go to claim" only where window/showDocument is announced', () => {
    for (const action of report.actions) assert.match(action.command ?? '', /^consistency\.server\./, action.title);
    const goTo = report.actions.some((a) => a.title.startsWith('Go to claim'));
    assert.equal(goTo, report.announcedShowDocument);
    if (goTo) {
      assert.match(report.afterGoToClaim?.file ?? '', /\.consistency[\\/]claims\.json$/);
      assert.equal(report.afterGoToClaim?.line, 4, 'the line of claim c1 in examples/.consistency/claims.json');
    }
  });

  it('dismisses a finding through its code action', () => {
    assert.ok(report.steps.includes('dismiss'));
    assert.equal(report.afterDismiss, 1);
    const dismissed = JSON.parse(readFileSync(path.join(workspace, '.consistency', 'dismissed.json'), 'utf8')) as {
      dismissed: Array<{ claimId: string; file: string }>;
    };
    assert.deepEqual(
      dismissed.dismissed.map((d) => [d.claimId, d.file]),
      [['c1', 'docs/faq.md']],
    );
  });

  it('flags an edited line with an emoji and CJK at its UTF-16 range', () => {
    assert.ok(report.edited.flagged, 'the contradiction on the edited line was flagged');
    assert.deepEqual(report.editedRange, {
      start: { line: 0, character: report.edited.expectedStart },
      end: { line: 0, character: report.edited.expectedEnd },
    });
    // 'Ünïcode 😀 中文 works well. ' is 26 UTF-16 code units (😀 is two), 33 bytes.
    assert.equal(report.edited.expectedStart, 26);
  });

  it('stops quickly (Neovim kills a server that has not exited 500 ms after shutdown)', () => {
    assert.ok(report.steps.includes('stopped'));
    assert.ok(report.stopMs < 500, `stop took ${report.stopMs.toFixed(0)} ms`);
  });
});
