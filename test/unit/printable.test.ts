// Control characters from a repository (claim texts and ids, file names) are shown escaped in
// human-readable output: the CLI's text format, messages, and the hover.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escapeControls, escapeControlsOneLine } from '../../src/core/text/printable';
import { readDocumentFile } from '../../src/core/document-file';
import { hoverMarkdown } from '../../src/server/hover';

describe('printable text', () => {
  it('escapes ESC, BEL, other C0 and C1 controls, DEL and bidi overrides; keeps tab, newline and ordinary text', () => {
    assert.equal(
      escapeControls('a\u001b[2J\u001b[Hb\u0007c\u009bd\u007fe\u202ef\u2066g'),
      'a\\u001b[2J\\u001b[Hb\\u0007c\\u009bd\\u007fe\\u202ef\\u2066g',
    );
    assert.equal(escapeControls('tab\there\nnext Über 日本語 😀'), 'tab\there\nnext Über 日本語 😀');
    assert.equal(escapeControlsOneLine('one\ntwo\r'), 'one\\u000atwo\\u000d');
  });

  it('the hover shows a claim text with escapes as visible text', () => {
    const finding = {
      claim: { id: 'c1', text: 'Evil\u001b]8;;http://x\u0007 claim.', enabled: true },
      sentence: { start: 0, end: 2, text: 'Y.', clean: 'Y.' },
      probabilities: { entailment: 0.1, neutral: 0.1, contradiction: 0.8 },
      severity: 'warning',
    };
    const markdown = hoverMarkdown('file:///a.md', [finding as never], 'm');
    assert.ok(!/[\u001b\u0007]/.test(markdown), markdown);
    assert.match(markdown, /Evil\\\\u001b/);
  });
});

describe('readDocumentFile on what cannot be read', function () {
  if (process.platform !== 'linux') return;
  it('a file whose read fails (EIO from /proc/self/mem; EACCES for mode 000 as a user) is skipped with a reason, not thrown', async () => {
    const read = await readDocumentFile('/proc/self/mem', 0);
    assert.equal(read.ok, false);
    assert.match((read as { reason: string }).reason, /^skipped: cannot read \(E[A-Z]+\)$/);
  });

  it('UTF-16 LE and BE with a byte-order mark are decoded, not called binary', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-utf16-'));
    try {
      const text = 'Héllo wörld. Second sentence.\n';
      fs.writeFileSync(
        path.join(dir, 'le.md'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      );
      fs.writeFileSync(
        path.join(dir, 'be.md'),
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
      );
      for (const f of ['le.md', 'be.md'])
        assert.deepEqual(await readDocumentFile(path.join(dir, f), 0), { ok: true, text });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
