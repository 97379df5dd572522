// Segmentation of real public documentation (a committed sample, test/fixtures/realdocs) judged
// by each format's reference parser, whose reading is committed beside the files. The full
// corpora run in `npm run test:realdocs`; this keeps the same thresholds in every `npm test`.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { THRESHOLDS, failures, measure } from '../../scripts/realdocs/run';
import type { LanguageId } from '../../src/core/segment';
import type { Reference } from '../realdocs/metrics';

const SAMPLE = join(__dirname, '..', 'fixtures', 'realdocs');
const LANGUAGES: LanguageId[] = ['markdown', 'asciidoc', 'restructuredtext', 'latex'];

describe('segment: real documents (committed sample)', () => {
  for (const language of LANGUAGES) {
    it(`${language}: coverage >= ${THRESHOLDS.coverage}, leak <= ${THRESHOLDS.leak}, broken <= ${THRESHOLDS.broken}`, () => {
      const folder = join(SAMPLE, language);
      const refs = (JSON.parse(readFileSync(join(folder, 'references.json'), 'utf8')) as Reference[]).map((r) => ({
        ...r,
        file: join(folder, r.file),
      }));
      const result = measure(language, refs, (f) => f.slice(folder.length + 1));
      assert.ok(result.files >= 20, `${result.files} files measured`);
      const problems = failures(result);
      assert.deepEqual(
        problems,
        [],
        `${JSON.stringify({ ...result, examples: undefined })}\n${result.examples.join('\n')}`,
      );
    });
  }
});
