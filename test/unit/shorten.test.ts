import { strict as assert } from 'node:assert';
import { shortenText } from '../../src/core/text/shorten';

describe('shortenText', () => {
  it('keeps a text that fits, on one line', () => {
    assert.equal(shortenText('The database is\n encrypted  at rest.', 40), 'The database is encrypted at rest.');
  });
  it('cuts at a word boundary, the ellipsis within the limit', () => {
    const out = shortenText('The service supports two factor authentication.', 30);
    assert.equal(out, 'The service supports two…');
    assert.equal(
      shortenText('The service supports two factor authentication.', 32),
      'The service supports two factor…',
    );
    assert.ok(out.length <= 30);
  });
  it('cuts a long word where the room ends', () => {
    assert.equal(shortenText('Supercalifragilisticexpialidocious', 10), 'Supercali…');
  });
});
