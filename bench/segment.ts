// Segmentation speed against Intl.Segmenter alone on the same text (at least as fast).
// Intl.Segmenter (ICU's sentence rules) is the floor a format-unaware splitter would cost; our
// segmenter reads the format's markup as well, so a ratio >= 1 means that costs nothing extra.
//
//   npx tsx bench/segment.ts [--corpora DIR] [--rounds N] [--only LANGUAGE]
// Corpora: the Debian documentation that `bash scripts/realdocs/install.sh` caches (kernel rST, Git's
// AsciiDoc, LaTeX manuals), and as Markdown the committed sample (test/fixtures/realdocs) and every
// *.md under node_modules/ (several MB of READMEs and changelogs, there wherever `npm ci` ran).
// --only times one language's corpora alone, without the others' texts in memory.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listFiles } from '../scripts/realdocs/run';
import { segmentDocument, type LanguageId } from '../src/core/segment';
import { machine, median, ROOT, round, writeResult } from './lib/report';

interface Corpus {
  language: LanguageId;
  name: string;
  texts: string[];
}

/** The files of a corpus; none when it is not downloaded. */
function files(dir: string, pattern: RegExp): string[] {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? listFiles(dir, pattern) : [];
}

const read = (paths: string[]) => paths.map((p) => readFileSync(p, 'utf8'));

/** Files shorter than this (in UTF-16 code units) make the last Markdown corpus. */
const SMALL_FILE = 16 * 1024;

function corpora(base: string, only: string | undefined): Corpus[] {
  const modules = only === undefined || only === 'markdown' ? read(files(join(ROOT, 'node_modules'), /\.md$/i)) : [];
  const sample = (language: string) => join(ROOT, 'test/fixtures/realdocs', language);
  const list: Corpus[] = [
    {
      language: 'restructuredtext',
      name: 'kernel Documentation/ (linux-doc-6.1)',
      texts: read(files(join(base, 'linux-doc-6.1'), /\.rst$/)),
    },
    { language: 'asciidoc', name: "Git's manuals (git-doc)", texts: read(files(join(base, 'git-doc'), /\.txt$/)) },
    {
      language: 'latex',
      name: 'LaTeX manuals (texlive-latex-base-doc)',
      texts: read(files(join(base, 'texlive-latex-base-doc'), /\.tex$/)),
    },
    { language: 'markdown', name: 'READMEs (committed sample)', texts: read(files(sample('markdown'), /\.md$/i)) },
    { language: 'markdown', name: 'every *.md under node_modules/', texts: modules },
    // Intl.Segmenter's time per character grows with the length of the text it is given (V8 20:
    // 10 KB of one file took 7 ms, its first 80 KB 510 ms), so a few long files decide the ratio
    // above; files under 16 KB, where it stays within 2x of linear, show the cost per character.
    {
      language: 'markdown',
      name: `the same, files under ${SMALL_FILE / 1024} KB`,
      texts: modules.filter((t) => t.length < SMALL_FILE),
    },
  ];
  return list.filter((c) => c.texts.length > 0 && (only === undefined || c.language === only));
}

/** Wall-clock and CPU time (this process, all threads) of one call, in ms. */
interface Timing {
  wall: number;
  cpu: number;
}

function timed(run: () => void): Timing {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function timeOurs(c: Corpus): Timing {
  return timed(() => {
    let n = 0;
    for (const t of c.texts) n += segmentDocument(t, c.language).length;
    if (n < 0) throw new Error('unreachable');
  });
}

function timeIntl(c: Corpus): Timing {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  return timed(() => {
    let n = 0;
    for (const t of c.texts) for (const _ of segmenter.segment(t)) n++;
    if (n < 0) throw new Error('unreachable');
  });
}

function main(): void {
  const option = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const base =
    option('--corpora') ??
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'consistency-checker/realdocs/corpora');
  const rounds = Number(option('--rounds') ?? 5);
  const only = option('--only');
  const results: Record<string, unknown> = {};
  for (const c of corpora(base, only)) {
    const bytes = c.texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    timeOurs(c); // warm up both, so the JIT has compiled each before it is timed
    timeIntl(c);
    const oursTimes: Timing[] = [];
    const intlTimes: Timing[] = [];
    // Interleaved, so a burst of load on the shared machine hits both alike.
    for (let r = 0; r < rounds; r++) {
      oursTimes.push(timeOurs(c));
      intlTimes.push(timeIntl(c));
    }
    const ours = oursTimes.map((t) => t.wall);
    const intl = intlTimes.map((t) => t.wall);
    const ratio = round(median(intl) / median(ours), 2);
    // CPU time as well: on a loaded machine the wall clock also measures the scheduler.
    const oursCpu = median(oursTimes.map((t) => t.cpu));
    const intlCpu = median(intlTimes.map((t) => t.cpu));
    const cpuRatio = round(intlCpu / oursCpu, 2);
    // Two Markdown corpora: the first keeps the plain language key the result file always had.
    results[c.language in results ? `${c.language} (${c.name})` : c.language] = {
      corpus: c.name,
      files: c.texts.length,
      megabytes: round(bytes / 1e6, 2),
      oursMs: round(median(ours), 0),
      intlSegmenterMs: round(median(intl), 0),
      speedRatio: ratio,
      oursCpuMs: round(oursCpu, 0),
      intlSegmenterCpuMs: round(intlCpu, 0),
      cpuSpeedRatio: cpuRatio,
      target: '>= 1 (at least as fast as Intl.Segmenter)',
      met: ratio >= 1,
    };
    console.log(
      `${c.language.padEnd(16)} ${c.name}: ${c.texts.length} files, ${round(bytes / 1e6, 2)} MB: ours ${round(median(ours), 0)} ms, Intl.Segmenter ${round(median(intl), 0)} ms -> ${ratio}x ${ratio >= 1 ? 'met' : 'NOT met'} (CPU time ${round(oursCpu, 0)} ms vs ${round(intlCpu, 0)} ms: ${cpuRatio}x)`,
    );
  }
  writeResult(only === undefined ? 'segment' : `segment-${only}`, { machine: machine(), rounds, results });
}

main();
