// The report written in pieces (json-chunks.ts) must be exactly the text JSON.stringify writes,
// and a sentence kept in a finding must be its own string (detached-string.ts), equal to the slice.
import { strict as assert } from 'node:assert';
import { jsonChunks, writeChunks } from '../../src/cli/json-chunks';
import { formatJson, formatSarif, jsonReport, sarifReport, type ReportedFinding } from '../../src/cli/report';
import { withAutomationId } from '../../src/cli/sarif-runs';
import { detachedString } from '../../src/core/util/detached-string';

// The bundle defines VERSION (scripts/build.mjs); the SARIF driver names it.
(globalThis as { VERSION?: string }).VERSION = '0.0.0-test';

const joined = (value: unknown) => [...jsonChunks(value)].join('');

function finding(i: number): ReportedFinding {
  return {
    file: `docs/f${i % 7}.md`,
    start: i * 10,
    end: i * 10 + 9,
    line: i + 1,
    character: 1,
    endLine: i + 1,
    endCharacter: 10,
    sentence: `Sentence ${i} says "no"\nacross lines\t\u2028 and \u00e9\u4e2d ${'x'.repeat(i % 50)}`,
    claimId: `c${i % 3}`,
    claim: 'The claim.',
    probabilities: { entailment: 0.1, neutral: 0.2 + i / 1e6, contradiction: 0.7 },
    severity: i % 2 ? 'warning' : 'error',
    ...(i % 5 === 0 ? { directions: [{ entailment: 0, neutral: 0.5, contradiction: 0.5 }] } : {}),
    ...(i % 11 === 0 ? { kind: 'cross' as const, other: { ...placeOf(i + 1) } } : {}),
  };
}
const placeOf = (i: number) => ({
  file: 'docs/other.md',
  start: i,
  end: i + 1,
  line: 1,
  character: 1,
  endLine: 1,
  endCharacter: 2,
  sentence: 'Other.',
});

describe('report in pieces', () => {
  it('joins to exactly JSON.stringify(value, null, 2) for every kind of value', () => {
    const values: unknown[] = [
      null,
      0,
      -0,
      NaN,
      Infinity,
      1e21,
      'a\nb "c" \u0000 \ud800',
      true,
      [],
      {},
      [[]],
      [{}],
      { a: [], b: {}, c: [[], {}] },
      [undefined, () => 1, Symbol('s'), null, 1],
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
      { a: undefined },
      { when: new Date(0), inner: { toJSON: () => ({ replaced: [1, 2] }) } },
      Object.assign(Object.create(null) as object, { x: [1, { y: 'z' }] }),
      { nested: { deeper: { deepest: [1, [2, [3, { k: 'v' }]]] } } },
      new Map([[1, 2]]),
      { '': 1, 'key "quoted"\n': 2 },
    ];
    values.forEach((value, i) => assert.equal(joined(value), JSON.stringify(value, null, 2), `value ${i}`));
  });

  it('writes the JSON and SARIF reports byte for byte as before', () => {
    const findings = Array.from({ length: 300 }, (_, i) => finding(i));
    const summary = { files: 7, sentences: 900, claims: 3, model: 'm' };
    const evidence = {
      support: [{ ...finding(1), restates: true }],
      claims: [{ claimId: 'c0', documents: 2, supportedBy: 1, contradictedBy: 3, unsupported: false }],
    };
    for (const ev of [undefined, evidence]) {
      assert.equal(joined(jsonReport(findings, summary, ev)) + '\n', formatJson(findings, summary, ev));
      assert.equal(joined(sarifReport(findings, summary, ev)) + '\n', formatSarif(findings, summary, ev));
    }
    // The automation id as the SARIF text had it when it was added by parsing the text.
    const viaText = JSON.parse(formatSarif(findings, summary)) as { runs: Array<Record<string, unknown>> };
    for (const run of viaText.runs) run.automationDetails = { id: 'consistency/1-of-3' };
    assert.equal(
      joined(withAutomationId(sarifReport(findings, summary), 'consistency/1-of-3')),
      JSON.stringify(viaText, null, 2),
    );
  });

  it('is written in pieces, never as one string of the whole report', () => {
    const report = jsonReport(
      Array.from({ length: 2000 }, (_, i) => finding(i)),
      { files: 7, sentences: 9, claims: 3, model: 'm' },
    );
    const whole = JSON.stringify(report, null, 2).length;
    const writes: string[] = [];
    writeChunks({ write: (text: string) => writes.push(text) }, jsonChunks(report));
    assert.equal(writes.join(''), JSON.stringify(report, null, 2));
    assert.ok(writes.length > 5, `${writes.length} writes`);
    assert.ok(Math.max(...writes.map((w) => w.length)) < whole / 5);
  });
});

describe('detachedString', () => {
  it('copies any text exactly, one-byte, two-byte and broken surrogates alike', () => {
    const doc = `${'Plain ASCII. '.repeat(100)}Caf\u00e9 \u00ff. \u4e2d\u6587\u3002 \ud83d\ude00 \ud800 lone \udc00 end.`;
    for (const [start, end] of [
      [0, 13],
      [1300, 1312],
      [1300, doc.length],
      [doc.length - 12, doc.length],
      [5, 5],
    ]) {
      const slice = doc.slice(start, end);
      assert.equal(detachedString(slice), slice);
    }
  });
});
