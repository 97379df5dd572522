import { strict as assert } from 'node:assert';
import { disagreement, extractQuantities, quantityFindings, quantityText } from '../../src/core/quantities';
import { DismissedSet } from '../../src/core/claims';
import { segmentDocument } from '../../src/core/segment';
import { Suppressions } from '../../src/core/suppressions';
import type { CrossDocument } from '../../src/core/cross';

const mentions = (text: string) => extractQuantities(text).map((m) => [m.dimension, m.value, m.high, m.bound]);
const disagree = (a: string, b: string) => disagreement(quantityText(a), quantityText(b)) !== undefined;
const doc = (relativePath: string, text: string): CrossDocument => ({
  relativePath,
  text,
  sentences: segmentDocument(text, 'markdown'),
  suppressions: Suppressions.of(text, 'markdown'),
});

describe('quantities: extraction', () => {
  it('reads values with units, spelled forms, rates, counts, bounds and ranges in base units', () => {
    assert.deepEqual(mentions('The API allows 100 requests per second.'), [['rate:reques', 100, undefined, 'exact']]);
    assert.deepEqual(mentions('Clients may send up to 50 req/s.'), [['rate:reques', 50, undefined, 'upper']]);
    assert.deepEqual(mentions('The timeout is half a minute.'), [['duration', 30, undefined, 'exact']]);
    assert.deepEqual(mentions('Wait 30s.'), [['duration', 30, undefined, 'exact']]);
    assert.deepEqual(mentions('One hundred users can connect.'), [['count:user', 100, undefined, 'exact']]);
    assert.deepEqual(mentions('The cache holds at most 512 MiB.'), [['size', 512 * 2 ** 20, undefined, 'upper']]);
    assert.deepEqual(mentions('It takes between 10 and 20 seconds.'), [['duration', 10, 20, 'range']]);
    assert.deepEqual(mentions('About 95% of requests succeed.'), [['percent', 95, undefined, 'approx']]);
    assert.deepEqual(mentions('The server listens on port 8080.'), [['port', 8080, undefined, 'exact']]);
    assert.deepEqual(mentions('It needs mount.cifs version 1.4 or later.'), [
      ['version:cifs', '1.4', undefined, 'lower'],
    ]);
    assert.deepEqual(mentions('It needs at least Python 3.8.'), [['version:python', '3.8', undefined, 'exact']]);
  });

  it('leaves out years, references, ordinals and identifiers', () => {
    assert.deepEqual(mentions('See section 4.2, RFC 7231 and figure 3, written in 2019.'), []);
    assert.deepEqual(mentions('The 3rd run on x86_64 with ext4 and 192.168.0.1 at 10:30.'), []);
    // A name with a slash is not a rate (a card model: "DVB-S/S2" is no "DVB-S per second").
    assert.deepEqual(mentions('PROF 7300 DVB-S/S2'), []);
    assert.deepEqual(mentions('It handles 5000 ops/s.'), [['rate:oper', 5000, undefined, 'exact']]);
    // A year-like number that starts a range is its first value; years alone stay out.
    assert.deepEqual(mentions('The range of 2000 to 3000 interrupts per second works.'), [
      ['rate:interr', 2000, 3000, 'range'],
    ]);
    assert.deepEqual(mentions('From 2019 to 2021 it grew.'), []);
  });
});

describe('quantities: disagreement', () => {
  it('flags different values for the same quantity of the same subject, across units and spelled forms', () => {
    assert.ok(disagree('The session timeout is 30 seconds.', 'The session timeout is 60 seconds.'));
    assert.ok(disagree('The session timeout is 30 seconds.', 'By default the session timeout is two minutes.'));
    assert.ok(disagree('Uploads are limited to 10 MB per file.', 'Uploads are limited to 20 MB per file.'));
    assert.ok(disagree('The cache holds 512 MiB.', 'By default the cache holds at most 256 MiB of entries.'));
  });

  it('accepts equal values in other words, and does not compare lower with upper bounds', () => {
    assert.ok(!disagree('The session timeout is 30 seconds.', 'The session timeout is half a minute.'));
    assert.ok(!disagree('The session timeout is 30 seconds.', 'The session timeout is 30000 ms.'));
    assert.ok(!disagree('The buffer is 1 MiB.', 'The buffer is 1 MB.'));
    assert.ok(!disagree('Workers need at least 2 CPUs.', 'Workers use at most 8 CPUs.'));
    assert.ok(!disagree('Retries take between 10 and 20 seconds.', 'Retries take 15 seconds.'));
  });

  it('needs the same subject: parallel statements about different things are not flagged', () => {
    assert.ok(!disagree('The period of a data bit is 2 ms.', 'The period of a start bit is 4 ms.'));
    assert.ok(!disagree('The session timeout is 30 seconds.', 'The build takes 60 seconds.'));
    assert.ok(!disagree('Uses only 24 bits out of 32 in total.', 'Uses only 56 bits out of 64 in total.'));
    assert.ok(!disagree('The server has 4 CPUs.', 'The laptop has 8 CPUs.'));
  });

  it('between two sentences, a rate of things is its own subject; a count of things is not', () => {
    assert.ok(disagree('The API allows 100 requests per second.', 'Clients may send up to 50 requests per second.'));
    assert.ok(!disagree('The API allows 100 requests per second.', 'Clients may send up to 100 requests per second.'));
    assert.ok(!disagree('The API allows 100 requests per second.', 'Uploads take 50 seconds.'));
    assert.ok(!disagree('The API allows 100 requests per second.', 'The link carries 50 MB per second.'));
  });
});

describe('quantities: over documents', () => {
  it('finds pairs across documents and against claims, outside their own paragraph, honouring dismissals and comments', () => {
    const docs = [
      doc('a.md', 'The session timeout is 30 seconds.\n'),
      doc('b.md', 'Intro.\n\nThe session timeout is 60 seconds.\n'),
    ];
    const claims = [{ id: 'c1', text: 'The API allows 100 requests per second.', enabled: true }];
    const between = quantityFindings(docs, { scope: 'workspace', claims: [] });
    assert.equal(between.length, 1);
    assert.equal(between[0].says, '30 seconds');
    assert.equal(between[0].otherSays, '60 seconds');
    assert.equal(quantityFindings(docs, { scope: 'document', claims: [] }).length, 0);
    const sameParagraph = [doc('c.md', 'The session timeout is 30 seconds. The session timeout is 60 seconds.\n')];
    assert.equal(quantityFindings(sameParagraph, { scope: 'document', claims: [] }).length, 0);

    const withClaim = quantityFindings([doc('d.md', 'Clients may send up to 50 requests per second.\n')], { claims });
    assert.equal(withClaim.length, 1);
    assert.equal(withClaim[0].claim?.id, 'c1');
    assert.equal(withClaim[0].says, 'up to 50 requests per second');
    assert.equal(withClaim[0].otherSays, '100 requests per second');

    const dismissed = new DismissedSet({
      version: 1,
      dismissed: [{ claimId: 'quantity:c1', file: 'd.md', sentence: 'Clients may send up to 50 requests per second.' }],
    });
    assert.equal(
      quantityFindings([doc('d.md', 'Clients may send up to 50 requests per second.\n')], { claims, dismissed }).length,
      0,
    );
    const silenced = [
      doc('d.md', '<!-- consistency-disable claim=quantity -->\n\nClients may send up to 50 requests per second.\n'),
    ];
    assert.equal(quantityFindings(silenced, { claims }).length, 0);
  });
});
