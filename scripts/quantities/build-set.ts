// Builds the labelled set of the quantity check (test/fixtures/quantities/pairs.jsonl) from the Linux
// kernel's documentation (Debian's linux-doc-6.1, unpacked by scripts/realdocs/install.sh).
//
//   npx tsx scripts/quantities/build-set.ts                       (the labelled set, pairs.jsonl)
//   npx tsx scripts/quantities/build-set.ts --held-out             (git's documentation, asciidoc:
//                                                                   pairs-git.jsonl, never tuned on)
//
// Every pair starts from a real sentence. Sentences are chosen by a regular expression of its own
// (a number followed by a unit word, or by a plural noun), not by the checker's extractor, so the
// set does not only contain what the extractor already finds. Pairs, labelled by construction:
//   disagree/changed      the sentence against itself with one value changed (x2, or /2)
//   disagree/converted    ... with the value restated in another unit and changed ("30 seconds" -> "60000 ms")
//   agree/converted       ... with the value restated in another unit, equal ("30 seconds" -> "30000 ms")
//   agree/spelled         ... with a small count spelled out, or "%" as "percent", or a bound reworded
//   agree/real            two different real sentences of one document that both give a value of
//                         the same kind and share wording (the hard negatives: same words, other things)
// Seeded; run again to get the same file. labels of agree/real were reviewed by hand (see notes in
// test/fixtures/quantities/SOURCES.md); relabelled pairs are listed in RELABEL below.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { segmentDocument } from '../../src/core/segment';
import { mulberry32, shuffle } from '../../bench/lib/fixture-domain';

const HELD_OUT = process.argv.includes('--held-out');
const CORPORA = path.join(os.homedir(), '.cache/consistency-checker/realdocs/corpora');
const CORPUS = path.join(CORPORA, HELD_OUT ? 'git-doc' : 'linux-doc-6.1');
const LANGUAGE = HELD_OUT ? 'asciidoc' : 'restructuredtext';
const OUT = path.resolve(__dirname, '../../test/fixtures/quantities', HELD_OUT ? 'pairs-git.jsonl' : 'pairs.jsonl');

// Independent of src/core/quantities: a value, then a unit word or a plural noun.
const QUANTITY =
  /(?<![\d.,:])\b(\d+(?:\.\d+)?)(\s?)(milliseconds?|ms|seconds?|secs?|minutes?|hours?|days?|bytes?|KiB|MiB|GiB|KB|kB|MB|GB|%|percent|Hz|kHz|MHz|GHz|bits)\b|(?<![\d.,:])\b(\d+)\s+([a-z]{4,}s)\b(?![.,:]\d)/;
const UNIT_CLASS: Record<string, string> = {};
for (const u of [
  'milliseconds',
  'millisecond',
  'ms',
  'seconds',
  'second',
  'secs',
  'sec',
  'minutes',
  'minute',
  'hours',
  'hour',
  'days',
  'day',
])
  UNIT_CLASS[u] = 'duration';
for (const u of ['bytes', 'byte', 'KiB', 'MiB', 'GiB', 'KB', 'kB', 'MB', 'GB']) UNIT_CLASS[u] = 'size';
for (const u of ['%', 'percent']) UNIT_CLASS[u] = 'percent';
for (const u of ['Hz', 'kHz', 'MHz', 'GHz']) UNIT_CLASS[u] = 'frequency';
UNIT_CLASS.bits = 'bits';

/** unit -> [smaller unit, factor] for restating a value. */
const SMALLER: Record<string, [string, number]> = {
  seconds: ['milliseconds', 1000],
  second: ['milliseconds', 1000],
  secs: ['ms', 1000],
  sec: ['ms', 1000],
  minutes: ['seconds', 60],
  minute: ['seconds', 60],
  hours: ['minutes', 60],
  hour: ['minutes', 60],
  days: ['hours', 24],
  day: ['hours', 24],
  ms: ['microseconds', 1000],
  milliseconds: ['microseconds', 1000],
  millisecond: ['microseconds', 1000],
  KiB: ['bytes', 1024],
  MiB: ['KiB', 1024],
  GiB: ['MiB', 1024],
  KB: ['bytes', 1000],
  kB: ['bytes', 1000],
  MB: ['KB', 1000],
  GB: ['MB', 1000],
  kHz: ['Hz', 1000],
  MHz: ['kHz', 1000],
  GHz: ['MHz', 1000],
};
const SPELLED = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const STOP = new Set(
  'this that with from have will which when there their they them then than also into only some such more most other each were been being does used using uses about after before these those where while would could should must your what'.split(
    ' ',
  ),
);

/** Pairs whose construction label was wrong on review (id -> correct label and why). */
const RELABEL: Record<string, { label: 'agree' | 'disagree'; note: string }> = {};

interface Candidate {
  file: string;
  line: number;
  text: string;
  match: RegExpExecArray;
}

interface Pair {
  id: string;
  a: string;
  b: string;
  label: 'agree' | 'disagree';
  kind: string;
  source: string;
  sourceB?: string;
  note?: string;
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) continue; // a dangling link in the package
    if (stat.isDirectory()) out.push(...files(full));
    else if (name.endsWith('.rst') || name.endsWith('.txt')) out.push(full);
  }
  return out;
}

function prose(text: string): boolean {
  const words = text.split(/\s+/);
  return (
    words.length >= 7 &&
    words.length <= 45 &&
    !/[=(){}<>[\]|`*_\\@]|::|\$|\bCONFIG_|0x/.test(text) &&
    /^[A-Z]/.test(text) &&
    /[.!]$/.test(text)
  );
}

function contentWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !STOP.has(w)));
}

function format(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(3)));
}

function replaceAt(text: string, match: RegExpExecArray, replacement: string): string {
  return text.slice(0, match.index) + replacement + text.slice(match.index + match[0].length);
}

function main(): void {
  const all = files(CORPUS);
  const candidates: Candidate[] = [];
  for (const file of all) {
    const text = readFileSync(file, 'utf8');
    const relative = path.relative(CORPUS, file);
    for (const s of segmentDocument(text, LANGUAGE)) {
      const clean = s.clean;
      if (!prose(clean)) continue;
      const match = QUANTITY.exec(clean);
      if (!match) continue;
      candidates.push({ file: relative, line: text.slice(0, s.start).split('\n').length, text: clean, match });
    }
  }
  const random = mulberry32(14);
  const shuffled = shuffle(candidates, random);
  const pairs: Pair[] = [];
  const used = new Set<string>();
  const push = (p: Omit<Pair, 'id'>) => {
    const id = `${HELD_OUT ? 'g' : 'q'}${String(pairs.length + 1).padStart(3, '0')}`;
    const relabel = RELABEL[id];
    pairs.push({ id, ...p, ...(relabel ? { label: relabel.label, note: relabel.note } : {}) });
  };
  const counts: Record<string, number> = {};
  const want: Record<string, number> = {
    'disagree/changed': 80,
    'disagree/converted': 30,
    'agree/converted': 25,
    'agree/spelled': 20,
  };
  for (const c of shuffled) {
    if (used.has(c.text)) continue;
    const [whole, value, space, unit, countValue, noun] = c.match;
    const v = Number(value ?? countValue);
    const source = `${c.file}:${c.line}`;
    // The second number of a range or a ratio ("between 13 and 13.5 seconds", "4:4:4") changes the
    // statement in ways a construction label cannot tell: not used.
    // A number after a capitalized word, a '#' or a hyphen, or with a leading zero, is a name
    // ("Type 01", "GPIO #23", "SCSI-2"), not a quantity.
    const before = c.text.slice(0, c.match.index);
    if ((/(#|-|\b[A-Z][\w]*\s)$/.test(before) && before.trim().length > 0) || /^0\d/.test(c.match[1] ?? c.match[4]))
      continue;
    if (
      /\d\s*(and|to|-|–|:)\s*$/.test(c.text.slice(0, c.match.index)) ||
      /^[.,:]\d/.test(c.text.slice(c.match.index + c.match[0].length))
    )
      continue;
    const changed = v <= 1 ? v + 2 : v >= 1024 ? v / 2 : v * 2;
    const options: Array<[string, () => string | undefined]> = [
      [
        'disagree/changed',
        () => replaceAt(c.text, c.match, unit ? `${format(changed)}${space}${unit}` : `${format(changed)} ${noun}`),
      ],
      [
        'disagree/converted',
        () =>
          unit && SMALLER[unit]
            ? replaceAt(c.text, c.match, `${format(v * SMALLER[unit][1] * 2)} ${SMALLER[unit][0]}`)
            : undefined,
      ],
      [
        'agree/converted',
        () =>
          unit && SMALLER[unit]
            ? replaceAt(c.text, c.match, `${format(v * SMALLER[unit][1])} ${SMALLER[unit][0]}`)
            : undefined,
      ],
      [
        'agree/spelled',
        () => {
          if (unit === '%') return replaceAt(c.text, c.match, `${value} percent`);
          if (Number.isInteger(v) && v >= 2 && v <= 20 && !/^\d+\.\d/.test(whole))
            return replaceAt(c.text, c.match, `${SPELLED[v]}${unit ? ' ' + unit : ' ' + noun}`);
          if (/\bup to\b/.test(c.text)) return c.text.replace(/\bup to\b/, 'at most');
          return undefined;
        },
      ],
    ];
    for (const [kind, make] of shuffle(options, random)) {
      if ((counts[kind] ?? 0) >= want[kind]) continue;
      const b = make();
      if (!b || b === c.text) continue;
      counts[kind] = (counts[kind] ?? 0) + 1;
      used.add(c.text);
      push({ a: c.text, b, label: kind.startsWith('disagree') ? 'disagree' : 'agree', kind, source });
      break;
    }
    if (Object.keys(want).every((k) => (counts[k] ?? 0) >= want[k])) break;
  }
  // Hard negatives: two real sentences of one document with a value of the same kind and shared wording.
  const byFile = new Map<string, Candidate[]>();
  for (const c of candidates) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  const real: Array<[Candidate, Candidate]> = [];
  for (const list of byFile.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [x, y] = [list[i], list[j]];
        if (x.text === y.text) continue;
        const kx = x.match[3] ? UNIT_CLASS[x.match[3]] : `count:${x.match[5]}`;
        const ky = y.match[3] ? UNIT_CLASS[y.match[3]] : `count:${y.match[5]}`;
        if (kx !== ky) continue;
        const wx = contentWords(x.text);
        const shared = [...contentWords(y.text)].filter((w) => wx.has(w)).length;
        if (shared >= 2) real.push([x, y]);
      }
    }
  }
  let realCount = 0;
  for (const [x, y] of shuffle(real, random)) {
    if (realCount >= 70) break;
    if (used.has(x.text + '\u0000' + y.text)) continue;
    used.add(x.text + '\u0000' + y.text);
    realCount++;
    push({
      a: x.text,
      b: y.text,
      label: 'agree',
      kind: 'agree/real',
      source: `${x.file}:${x.line}`,
      sourceB: `${y.file}:${y.line}`,
    });
  }
  writeFileSync(OUT, pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const tally: Record<string, number> = {};
  for (const p of pairs) tally[p.kind] = (tally[p.kind] ?? 0) + 1;
  console.log(
    `${pairs.length} pairs from ${candidates.length} candidate sentences in ${all.length} files -> ${path.relative(process.cwd(), OUT)}`,
    tally,
  );
}

main();
