// The claims and dismissed files under random input: parsing never throws anything but a
// ClaimsError (with the file name), and an update of a file that does not parse is refused
// without touching a byte of it; an update of a valid file keeps every claim it had.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  ClaimsError,
  addClaim,
  addDismissal,
  loadClaims,
  loadDismissed,
  parseClaims,
  parseDismissed,
  updateClaimsFile,
  updateDismissedFile,
} from '../../src/core/claims';
import { SEED, problem, runs, tried } from './figures';

const FILE = '/ws/.consistency/claims.json';

/** Values shaped like claims files, with every field sometimes of the wrong type. */
const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const claimLike = fc.record(
  {
    id: fc.oneof(fc.stringMatching(/^c\d{1,3}$/), fc.string(), anyValue),
    text: fc.oneof(fc.string({ minLength: 1 }), anyValue),
    enabled: fc.oneof(fc.boolean(), anyValue),
    scope: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), anyValue),
    source: fc.oneof(
      fc.record(
        {
          file: fc.oneof(fc.string(), anyValue),
          start: fc.oneof(fc.nat(), anyValue),
          end: fc.oneof(fc.nat(), anyValue),
          line: fc.oneof(fc.nat(), anyValue),
        },
        { requiredKeys: [] },
      ),
      anyValue,
    ),
    note: fc.oneof(fc.string(), anyValue),
    extra: anyValue,
  },
  { requiredKeys: [] },
);
const claimsLike = fc.record(
  {
    version: fc.oneof(fc.constant(1), anyValue),
    claims: fc.oneof(fc.array(claimLike, { maxLength: 6 }), anyValue),
    other: anyValue,
  },
  { requiredKeys: [] },
);
const dismissedLike = fc.record(
  {
    version: fc.oneof(fc.constant(1), anyValue),
    dismissed: fc.oneof(
      fc.array(
        fc.record(
          {
            claimId: fc.oneof(fc.string(), anyValue),
            file: fc.oneof(fc.string(), anyValue),
            sentence: fc.oneof(fc.string(), anyValue),
            at: fc.oneof(fc.string(), anyValue),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 5 },
      ),
      anyValue,
    ),
  },
  { requiredKeys: [] },
);

/** Text that is JSON-ish: valid documents, documents with random edits, and plain junk. */
function jsonishText(shape: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const valid = shape.map((v) => JSON.stringify(v, null, 2));
  const mutated = fc
    .tuple(valid, fc.nat(), fc.nat({ max: 8 }), fc.string({ maxLength: 6 }))
    .map(([t, at, del, ins]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + ins + t.slice(i + del);
    });
  return fc.oneof(
    valid,
    mutated,
    fc.json(),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom(
      '',
      '\uFEFF',
      '{',
      '[',
      'null',
      '{"version":1,"claims":[{"id":"c1","text":"x"}]',
      '\uFEFF{"version":1,"claims":[]}',
      '{"version":1,"claims":[]}\u0000',
    ),
  );
}

function mustBeClaimsError(error: unknown): void {
  if (!(error instanceof ClaimsError))
    throw new Error(`threw ${(error as Error)?.name}: ${(error as Error)?.stack ?? error}`);
  assert.ok(error.message.startsWith(FILE) || error.file === FILE, `message does not name the file: ${error.message}`);
}

function property(
  area: string,
  numRuns: number,
  seed: number,
  arbitrary: fc.Arbitrary<string>,
  body: (text: string) => void,
): void {
  let count = 0;
  try {
    fc.assert(
      fc.property(arbitrary, (text) => {
        count++;
        body(text);
      }),
      { seed, numRuns },
    );
  } catch (error) {
    const message = (error as Error).message;
    problem(
      area,
      /threw (?!ClaimsError)/.test(message) ? 'crashes' : 'failures',
      message.split('\n').slice(0, 6).join(' | '),
    );
    throw error;
  } finally {
    tried(area, 'inputs', count);
  }
}

describe('reliability: claims and dismissed files under random input', function () {
  this.timeout(600_000);

  it('parseClaims: any text either parses or throws a ClaimsError naming the file', () => {
    property('claims/parse', runs(2000), SEED + 300, jsonishText(claimsLike), (text) => {
      try {
        const doc = parseClaims(text, FILE);
        assert.equal(doc.version, 1);
        assert.ok(Array.isArray(doc.claims));
        for (const c of doc.claims)
          assert.ok(typeof c.id === 'string' && typeof c.text === 'string' && c.text.trim() !== '');
      } catch (error) {
        mustBeClaimsError(error);
      }
    });
  });

  it('parseDismissed: any text either parses or throws a ClaimsError naming the file', () => {
    property('claims/parse-dismissed', runs(1000), SEED + 301, jsonishText(dismissedLike), (text) => {
      try {
        parseDismissed(text, FILE);
      } catch (error) {
        mustBeClaimsError(error);
      }
    });
  });

  describe('on disk', () => {
    let dir: string;
    let file: string;
    let dismissed: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-rel-claims-'));
      fs.mkdirSync(path.join(dir, '.consistency'));
      file = path.join(dir, '.consistency', 'claims.json');
      dismissed = path.join(dir, '.consistency', 'dismissed.json');
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const hash = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

    /** Random bytes, or random JSON-ish text as UTF-8 (with or without BOM), or UTF-16. */
    const fileBytes = fc.oneof(
      jsonishText(claimsLike).map((t) => Buffer.from(t, 'utf8')),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      jsonishText(claimsLike).map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])),
    );

    it('updateClaimsFile on random file content: invalid is refused byte for byte, valid keeps every claim', async () => {
      let count = 0;
      const area = 'claims/update';
      try {
        await fc.assert(
          fc.asyncProperty(fileBytes, async (bytes) => {
            count++;
            fs.writeFileSync(file, bytes);
            const before = hash(file);
            let loaded: Awaited<ReturnType<typeof loadClaims>> | undefined;
            try {
              loaded = await loadClaims(file);
            } catch (error) {
              if (!(error instanceof ClaimsError)) throw new Error(`loadClaims threw ${(error as Error).stack}`);
            }
            let updated: Awaited<ReturnType<typeof updateClaimsFile>> | undefined;
            let refusal: unknown;
            try {
              updated = await updateClaimsFile(
                file,
                (doc) => void addClaim(doc, { text: 'Pinned by the reliability test.' }),
              );
            } catch (error) {
              refusal = error;
            }
            if (loaded === undefined) {
              if (!(refusal instanceof ClaimsError)) {
                problem(
                  area,
                  refusal ? 'crashes' : 'lostWrites',
                  `invalid file was ${refusal ? 'refused with a non-ClaimsError' : 'overwritten'}: ${JSON.stringify(bytes.toString('utf8').slice(0, 100))}`,
                );
                throw new Error(`invalid file not refused properly: ${String(refusal)}`);
              }
              if (hash(file) !== before) {
                problem(
                  area,
                  'lostWrites',
                  `refused update still changed the file: ${JSON.stringify(bytes.toString('utf8').slice(0, 100))}`,
                );
                throw new Error('refused update changed the file');
              }
            } else {
              if (refusal !== undefined) throw new Error(`valid file refused: ${(refusal as Error).message}`);
              const after = parseClaims(fs.readFileSync(file, 'utf8'), file);
              const ids = after.claims.map((c) => c.id);
              for (const c of loaded.claims) {
                if (!ids.includes(c.id)) {
                  problem(area, 'lostWrites', `claim ${c.id} lost by an update`);
                  throw new Error(`claim ${c.id} lost`);
                }
              }
              assert.equal(after.claims.length, loaded.claims.length + 1);
              assert.deepEqual(
                updated?.claims.map((c) => c.id),
                ids,
              );
            }
            const leftovers = fs.readdirSync(path.dirname(file)).filter((n) => n !== 'claims.json');
            assert.deepEqual(leftovers, [], 'temp files left behind');
          }),
          { seed: SEED + 302, numRuns: runs(250) },
        );
      } catch (error) {
        if (!/invalid file|lost|changed the file/.test((error as Error).message))
          problem(area, 'failures', (error as Error).message.split('\n').slice(0, 6).join(' | '));
        throw error;
      } finally {
        tried(area, 'inputs', count);
      }
    });

    it('updateDismissedFile on random file content: invalid is refused byte for byte', async () => {
      let count = 0;
      const area = 'claims/update-dismissed';
      try {
        await fc.assert(
          fc.asyncProperty(jsonishText(dismissedLike), async (text) => {
            count++;
            fs.writeFileSync(dismissed, text);
            const before = hash(dismissed);
            const valid = await loadDismissed(dismissed).then(
              () => true,
              (e) => {
                if (!(e instanceof ClaimsError)) throw e;
                return false;
              },
            );
            const outcome = await updateDismissedFile(
              dismissed,
              (doc) => void addDismissal(doc, { claimId: 'c1', file: 'a.md', sentence: 'S.' }),
            ).then(
              () => 'saved',
              (e: unknown) => (e instanceof ClaimsError ? 'refused' : `threw ${(e as Error).stack}`),
            );
            if (!valid) {
              assert.equal(outcome, 'refused');
              if (hash(dismissed) !== before) {
                problem(area, 'lostWrites', 'refused update changed dismissed.json');
                throw new Error('refused update changed the file');
              }
            } else {
              assert.equal(outcome, 'saved');
            }
          }),
          { seed: SEED + 303, numRuns: runs(150) },
        );
      } catch (error) {
        problem(area, 'failures', (error as Error).message.split('\n').slice(0, 6).join(' | '));
        throw error;
      } finally {
        tried(area, 'inputs', count);
      }
    });
  });
});
