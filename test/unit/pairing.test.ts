// Smart pair selection (src/core/pairing): the word-level evidence it uses, and its recall on the
// benchmark corpus (bench/corpus) and on a document in the fixture model's own domain.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Checker, planPairs } from '../../src/core/check';
import type { Claim } from '../../src/core/claims';
import { NliEngine } from '../../src/core/nli';
import { candidatePairs } from '../../src/core/cross';
import { analyzeText, PairSelector, stem } from '../../src/core/pairing';
import { ScoreCache } from '../../src/core/score-cache';
import { segmentDocument } from '../../src/core/segment';
import { goldSentence, loadCorpus } from '../../bench/lib/corpus';
import { fixtureDomainCorpus, isTaskContradiction } from '../../bench/lib/fixture-domain';

const FIXTURE_MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-nli');
const keysOf = (text: string) => analyzeText(text).keys;

describe('pairing: text analysis', () => {
  it('maps the forms of a word to one stem', () => {
    assert.equal(stem('encrypted'), stem('encryption'));
    assert.equal(stem('replicas'), stem('replication'));
    assert.equal(stem('configured'), stem('configuration'));
    assert.equal(stem('caches'), stem('cached'));
    assert.equal(stem('process'), 'proces');
    assert.notEqual(stem('cluster'), stem('client'));
  });

  it('drops function words and keeps numbers, number words and units', () => {
    const keys = keysOf('Cache entries expire after five minutes.');
    assert.ok(keys.has(stem('cache')) && keys.has(stem('entries')) && keys.has(stem('expire')));
    assert.ok(!keys.has('after'));
    assert.ok(keys.has('#5'));
    assert.ok(keys.has('~duration'));
    assert.ok(keysOf('Entries live for 60 seconds.').has('~duration'));
    assert.ok(keysOf('The limit is 10,000 requests.').has('#10000'));
  });

  it('relates antonyms, negative prefixes and acronyms', () => {
    const enabled = analyzeText('The cache is enabled.').terms.find((t) => t.keys[0] === stem('enabled'))!;
    assert.ok(enabled.keys.some((k) => keysOf('The cache is disabled.').has(k)));
    assert.ok(keysOf('Backups are unencrypted.').has(stem('encrypted')));
    // "write-ahead log" spells WAL, and WAL matches the phrase.
    const selector = new PairSelector(['Write-ahead log segments are 64 MB.']);
    assert.ok(selector.evidence(0, 'Each WAL segment is 16 MB.') >= 2);
  });
});

describe('pairing: PairSelector', () => {
  const selector = new PairSelector([
    'The database is encrypted at rest.',
    'Requests that exceed the rate limit receive HTTP status 429.',
    'It is.',
  ]);

  it('keeps a negated or changed statement of the claim', () => {
    assert.ok(selector.accepts(0, 'In the community edition, the database is not encrypted at rest.'));
    assert.ok(selector.accepts(1, 'When a client exceeds the limit, the gateway answers with status 503.'));
  });

  it('skips sentences that share nothing with the claim, or only one generic word', () => {
    assert.ok(!selector.accepts(0, 'Plugins run in a separate process.'));
    assert.ok(!selector.accepts(1, 'The database stores rows in pages of 8 KB.'));
  });

  it('scores every sentence against a claim with no content words', () => {
    assert.ok(selector.accepts(2, 'Anything at all.'));
  });

  it('depends only on the two texts (the same sentence gets the same answer in any document)', () => {
    const a = new PairSelector(['The database is encrypted at rest.']);
    const text = 'The database is not encrypted at rest.';
    assert.deepEqual([a.accepts(0, text), a.accepts(0, text)], [true, true]);
    assert.equal(a.evidence(0, text), selector.evidence(0, text));
  });
});

describe('pairing: short statements', () => {
  it('lets two short statements through on one shared content word (NLI-style contradictions)', () => {
    const hiking = new PairSelector(['A man is hiking in the mountains.']);
    assert.ok(hiking.accepts(0, 'A man is lying in bed at home.'), 'the subject is shared');
    assert.ok(new PairSelector(['A man is strumming a guitar.']).accepts(0, 'Nobody is playing a guitar.'));
    assert.ok(hiking.accepts(0, 'A woman is reading a book.'), 'man / woman: WordNet antonyms');
    assert.ok(!hiking.accepts(0, 'The printer is out of paper.'), 'nothing is shared');
    assert.ok(
      !new PairSelector(['A man is hiking in the mountains.'], { shortWords: 0 }).accepts(
        0,
        'A man is lying in bed at home.',
      ),
      'with the rule off, one word of three is under the floor',
    );
  });

  it('needs both texts short, and statements rather than headings', () => {
    const claim = new PairSelector(['The clinic does not open at nine.']);
    assert.ok(claim.accepts(0, 'The clinic closes early on Fridays.'));
    assert.ok(!claim.accepts(0, 'Clinic'), 'a heading names a topic');
    assert.ok(
      !claim.accepts(
        0,
        'When you call the clinic, have your insurance card, your appointment letter and a list of questions ready.',
      ),
      'a long sentence needs the usual floor',
    );
    const long = new PairSelector([
      'Requests that exceed the configured rate limit of the gateway receive an error response with a retry header.',
    ]);
    assert.ok(!long.accepts(0, 'The gateway is written in Go.'), 'a long claim needs the usual floor');
  });

  it('reads the same in cross mode', () => {
    const pair = (a: string, b: string) =>
      candidatePairs(
        [
          { doc: 0, paragraph: 0, text: a },
          { doc: 1, paragraph: 0, text: b },
        ],
        { scope: 'workspace' },
      ).length;
    assert.equal(pair('A man is hiking in the mountains.', 'A man is lying in bed at home.'), 1);
    assert.equal(pair('The printer is out of paper.', 'A man is lying in bed at home.'), 0);
    assert.equal(
      pair(
        'The clinic does not open at nine.',
        'When you call the clinic, have your insurance card, your appointment letter and a list of questions ready.',
      ),
      0,
    );
  });
});

describe('pairing: recall against exhaustive mode', function () {
  this.timeout(120_000);
  let engine: NliEngine;
  before(async () => {
    engine = await NliEngine.load(FIXTURE_MODEL, { threads: 1 });
  });
  after(async () => engine?.dispose());

  it('selects every hand-annotated contradiction of bench/corpus while skipping over 90% of the pairs', () => {
    const corpus = loadCorpus();
    let selected = 0;
    let all = 0;
    for (const g of corpus.gold) {
      const doc = corpus.documents.find((d) => d.relativePath === g.file)!;
      const sentence = goldSentence(doc, g.phrase);
      const claim = corpus.claims.find((c) => c.id === g.claim)!;
      const { pairs } = planPairs({ relativePath: doc.relativePath, sentences: [sentence] }, [claim], 'smart');
      assert.equal(pairs.length, 1, `smart pairing skips ${g.claim} against "${sentence.clean}"`);
    }
    for (const doc of corpus.documents) {
      const plan = planPairs({ relativePath: doc.relativePath, sentences: doc.sentences }, corpus.claims, 'smart');
      selected += plan.pairs.length;
      all += plan.pairs.length + plan.skipped;
    }
    assert.ok(selected * 10 < all, `smart pairing selects ${selected} of ${all} pairs`);
  });

  it('keeps every true contradiction the exhaustive mode flags in the fixture model domain', async () => {
    const domain = fixtureDomainCorpus();
    const doc = { relativePath: 'fixture-domain.txt', sentences: segmentDocument(domain.text, 'plaintext') };
    const flagged = async (pairing: 'smart' | 'exhaustive') => {
      const { findings } = await new Checker(engine, new ScoreCache()).check(doc, domain.claims, {
        threshold: 0.5,
        pairing,
      });
      return new Set(findings.map((f) => `${f.claim.id}@${f.sentence.start}`));
    };
    const exhaustive = await flagged('exhaustive');
    const smart = await flagged('smart');
    const claimOf = (id: string) => domain.claims.find((c) => c.id === id) as Claim;
    const sentenceAt = (start: number) => doc.sentences.find((s) => s.start === start)!;
    // The fixture model also flags unrelated pairs whose sentence is negated; by its own task's
    // definition those are errors. Every flag that is a contradiction must survive smart pairing.
    const trueFlags = [...exhaustive].filter((id) => {
      const [claimId, start] = id.split('@');
      return isTaskContradiction(claimOf(claimId).text, sentenceAt(Number(start)).clean);
    });
    assert.ok(trueFlags.length >= domain.claims.length, `only ${trueFlags.length} true flags`);
    for (const id of trueFlags) assert.ok(smart.has(id), `smart pairing lost ${id}`);
    // Smart mode scores a subset of the same pairs with the same model: it never adds a flag.
    for (const id of smart) assert.ok(exhaustive.has(id));
  });

  it('keeps the exhaustive flags of the fixture model on bench/corpus that are annotated contradictions', async () => {
    const corpus = loadCorpus();
    for (const doc of corpus.documents) {
      const input = { relativePath: doc.relativePath, sentences: doc.sentences };
      const goldHere = corpus.gold
        .filter((g) => g.file === doc.relativePath)
        .map((g) => `${g.claim}@${goldSentence(doc, g.phrase).start}`);
      const run = async (pairing: 'smart' | 'exhaustive') =>
        new Set(
          (
            await new Checker(engine, new ScoreCache()).check(input, corpus.claims, { threshold: 0.5, pairing })
          ).findings.map((f) => `${f.claim.id}@${f.sentence.start}`),
        );
      const exhaustive = await run('exhaustive');
      const smart = await run('smart');
      for (const id of goldHere.filter((g) => exhaustive.has(g)))
        assert.ok(smart.has(id), `smart pairing lost ${id} in ${doc.relativePath}`);
    }
  });
});
