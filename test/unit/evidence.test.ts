// Evidence: the sentences that support each claim come from the scores the checker
// already computes — no extra model call — and claims nothing supports are reported as such; the
// CLI's `check --evidence` and `evidence` in process, with the fixture model.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Checker, type PairScorer } from '../../src/core/check';
import type { Claim } from '../../src/core/claims';
import { summarizeEvidence, supportingDirection } from '../../src/core/evidence';
import { NliEngine, type NliPair } from '../../src/core/nli';
import { segmentDocument } from '../../src/core/segment';
import { run as runCheck } from '../../src/cli/commands/check';
import { run as runEvidence } from '../../src/cli/commands/evidence';
import { captureCommand } from '../helpers/cli-capture';
import { TINY_MODEL_DIR } from '../helpers/model-onnx-run';

// The fixture model's entailment pattern: a premise with an extra sentence entails its first one.
const SUPPORTED = 'The clinic supports email alerts. This changed in 2021.';
const SUPPORTING = 'The clinic supports email alerts.';
const CONTRADICTING = 'The clinic does not support email alerts.';
const UNSUPPORTED = 'The museum includes audio recordings. This changed in 2021.';
const claim = (id: string, text: string): Claim => ({ id, text, enabled: true });
const CLAIMS = [claim('c1', SUPPORTED), claim('c2', UNSUPPORTED)];
// The last sentence is about something else: nothing in the document supports the museum claim.
const TEXT = `# Notes\n\n${SUPPORTING} ${CONTRADICTING}\n\nThe library is closed on Mondays.\n`;

describe('evidence', function () {
  this.timeout(60_000);
  let engine: NliEngine;
  before(async () => {
    engine = await NliEngine.load(TINY_MODEL_DIR, { threads: 1 });
  });
  after(() => engine.dispose());

  const counting = (): PairScorer & { pairs: NliPair[] } => {
    const pairs: NliPair[] = [];
    return {
      modelName: engine.modelName,
      pairs,
      score: (batch: NliPair[]) => (pairs.push(...batch), engine.score(batch)),
    };
  };
  const doc = { relativePath: 'a.md', sentences: segmentDocument(TEXT, 'markdown') };

  it('finds the supporting sentences from the same scores: no extra model call', async () => {
    const without = counting();
    const plain = await new Checker(without).check(doc, CLAIMS, { threshold: 0.5 });
    assert.deepEqual(plain.support, []);
    const withSupport = counting();
    const outcome = await new Checker(withSupport).check(doc, CLAIMS, { threshold: 0.5, supportThreshold: 0.5 });
    assert.deepEqual(withSupport.pairs, without.pairs, 'the same pairs reach the model');
    assert.deepEqual(
      outcome.support.map((s) => [s.claim.id, s.sentence.text]),
      [['c1', SUPPORTING]],
    );
    assert.ok(outcome.support[0].probabilities.entailment >= 0.5);
    assert.deepEqual(
      outcome.findings.map((f) => [f.claim.id, f.sentence.text]),
      [['c1', CONTRADICTING]],
    );
    const strict = await new Checker(engine).check(doc, CLAIMS, { threshold: 0.5, supportThreshold: 0.99 });
    assert.deepEqual(strict.support, []);
  });

  it('counts a sentence that states the claim itself as support, without scoring it', async () => {
    const scorer = counting();
    const one = {
      relativePath: 'c.md',
      sentences: segmentDocument('The museum includes audio recordings.\n', 'markdown'),
    };
    const single = await new Checker(scorer).check(one, [claim('c9', 'The museum includes audio recordings.')], {
      threshold: 0.5,
      supportThreshold: 0.5,
    });
    assert.deepEqual(
      single.support.map((s) => [s.claim.id, s.sentence.text, s.restates]),
      [['c9', 'The museum includes audio recordings.', true]],
    );
    assert.ok(
      !scorer.pairs.some((p) => p.premise === 'The museum includes audio recordings.'),
      'the restatement is not scored',
    );
  });

  it('with both directions, the more entailing direction decides support', () => {
    const forward = { entailment: 0.2, neutral: 0.7, contradiction: 0.1 };
    const backward = { entailment: 0.8, neutral: 0.1, contradiction: 0.1 };
    assert.equal(supportingDirection([forward, backward]), backward);
  });

  it('summarizes per claim: supported by, contradicted by, unsupported only when in scope', () => {
    const c3 = claim('c3', 'Out of scope.');
    const summary = summarizeEvidence(
      [...CLAIMS, c3],
      [
        {
          claimIds: ['c1', 'c2'],
          support: [{ claim: { id: 'c1' } }],
          findings: [{ claim: { id: 'c1' } }, { claim: { id: 'c1' } }],
        },
        { claimIds: ['c1'], support: [{ claim: { id: 'c1' } }], findings: [] },
      ],
    );
    assert.deepEqual(summary, [
      { claimId: 'c1', supportedBy: 2, contradictedBy: 2, documents: 2, unsupported: false },
      { claimId: 'c2', supportedBy: 0, contradictedBy: 0, documents: 1, unsupported: true },
      { claimId: 'c3', supportedBy: 0, contradictedBy: 0, documents: 0, unsupported: false },
    ]);
  });

  describe('CLI', () => {
    let work: string;
    let docPath: string;
    let claimsPath: string;
    before(() => {
      work = mkdtempSync(path.join(os.tmpdir(), 'cc-evidence-'));
      mkdirSync(path.join(work, '.consistency'));
      claimsPath = path.join(work, '.consistency', 'claims.json');
      writeFileSync(
        claimsPath,
        JSON.stringify({
          version: 1,
          claims: [
            { id: 'c1', text: SUPPORTED },
            { id: 'c2', text: UNSUPPORTED },
          ],
        }),
      );
      docPath = path.join(work, 'a.md');
      writeFileSync(docPath, TEXT);
    });
    after(() => rmSync(work, { recursive: true, force: true }));
    const args = (...extra: string[]) => [
      docPath,
      '--claims',
      claimsPath,
      '--model',
      TINY_MODEL_DIR,
      '--threads',
      '1',
      ...extra,
    ];

    it('check --evidence adds support entries and per-claim counts to JSON; support never fails a build', async () => {
      const r = await captureCommand(runCheck, args('--evidence', '--format', 'json'));
      assert.equal(r.code, 1, 'the contradiction still fails the build');
      const report = JSON.parse(r.out) as {
        support: Array<{ claimId: string; sentence: string; line: number; probabilities: { entailment: number } }>;
        evidence: Array<{ claimId: string; supportedBy: number; contradictedBy: number; unsupported: boolean }>;
      };
      assert.deepEqual(
        report.support.map((s) => [s.claimId, s.sentence, s.line]),
        [['c1', SUPPORTING, 3]],
      );
      assert.deepEqual(
        report.evidence.map((e) => [e.claimId, e.supportedBy, e.contradictedBy, e.unsupported]),
        [
          ['c1', 1, 1, false],
          ['c2', 0, 0, true],
        ],
      );
      const plain = await captureCommand(runCheck, args('--format', 'json'));
      assert.equal((JSON.parse(plain.out) as { support?: unknown }).support, undefined);

      const supportOnly = path.join(work, 'b.md');
      writeFileSync(supportOnly, `${SUPPORTING}\n`);
      const notes = await captureCommand(runCheck, [
        supportOnly,
        '--claims',
        claimsPath,
        '--model',
        TINY_MODEL_DIR,
        '--threads',
        '1',
        '--evidence',
      ]);
      assert.equal(notes.code, 0, 'notes alone exit 0');
      assert.match(
        notes.out,
        /b\.md:1:1: note: Supports claim "The clinic supports email alerts\. This changed in 2021\." \(\d+%\) \[c1\]/,
      );
    });

    it('evidence prints a table per claim, with the unsupported ones marked', async () => {
      const r = await captureCommand(runEvidence, args());
      assert.equal(r.code, 0, r.err);
      assert.match(
        r.out,
        /^c1 {2}"The clinic supports email alerts\. This changed in 2021\."\n {4}supported by 1 · contradicted by 1\n/m,
      );
      assert.match(r.out, /^ {4}supports {5}.*a\.md:3:1 \(\d+%\) {2}The clinic supports email alerts\.$/m);
      assert.match(r.out, /^ {4}contradicts {2}.*a\.md:3:35 \(\d+%\) {2}The clinic does not support email alerts\.$/m);
      assert.match(r.out, /^c2 {2}".*"\n {4}supported by 0 · contradicted by 0 · UNSUPPORTED in 1 file$/m);
      await assert.rejects(captureCommand(runEvidence, args('--format', 'sarif')), /--format must be text or json/);
    });
  });
});
