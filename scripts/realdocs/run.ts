// The real-documents suite (`npm run test:realdocs`): segments public documentation in each format
// and judges it by the format's own reference parser (scripts/realdocs/oracle.py, oracle-asciidoc.rb),
// then fails when a figure misses its threshold or a file takes too long. The corpora come from
// scripts/realdocs/install.sh (Debian packages, cached); Markdown uses the READMEs in node_modules/.
//
// Usage: tsx scripts/realdocs/run.ts [--corpora DIR] [--only LANGUAGE] [--examples]
//        tsx scripts/realdocs/run.ts --list LANGUAGE FILE  (any documents: FILE holds one path a line)
//        tsx scripts/realdocs/run.ts --write-sample DIR   (refreshes the committed sample's references)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { segmentDocument, type LanguageId } from '../../src/core/segment';
import {
  emptyCounts,
  figures,
  measureFile,
  type Counts,
  type Figures,
  type Reference,
} from '../../test/realdocs/metrics';

/** What every format must reach on every corpus. */
export const THRESHOLDS = { coverage: 0.98, leak: 0.005, broken: 0.005, slowestFileMs: 2000 };

interface Corpus {
  language: LanguageId;
  name: string;
  /** Folder under the corpora folder (or absolute). */
  root: string;
  pattern: RegExp;
  /** Keep every n-th file (sorted by path), so the suite stays within CI's time. */
  every: number;
}

const REPO = resolve(__dirname, '../..');

function corpora(base: string): Corpus[] {
  return [
    {
      language: 'markdown',
      name: 'READMEs in node_modules',
      root: join(REPO, 'node_modules'),
      pattern: /\/readme\.md$/i,
      every: 3,
    },
    {
      language: 'asciidoc',
      name: "Git's manual pages (git-doc)",
      root: join(base, 'git-doc/usr/share/doc/git-doc'),
      pattern: /\.txt$/,
      every: 1,
    },
    {
      language: 'restructuredtext',
      name: "Linux kernel's Documentation/ (linux-doc-6.1)",
      root: join(base, 'linux-doc-6.1/usr/share/doc/linux-doc-6.1'),
      pattern: /\.rst$/,
      every: 6,
    },
    {
      language: 'latex',
      name: 'LaTeX manuals (texlive-latex-base-doc)',
      root: join(base, 'texlive-latex-base-doc/usr/share/doc'),
      pattern: /\.tex$/,
      every: 1,
    },
    // Package manuals (beamer, memoir, fancyvrb, xcolor, ...), every other file: pylatexenc takes minutes on all.
    {
      language: 'latex',
      name: 'LaTeX package manuals (texlive-latex-recommended-doc)',
      root: join(base, 'texlive-latex-recommended-doc/usr/share/doc'),
      pattern: /\.tex$/,
      every: 2,
    },
    // Sphinx projects: docutils' own documentation, Sphinx's and Python's (their .rst sources as .rst.txt).
    {
      language: 'restructuredtext',
      name: "docutils' documentation (docutils-doc)",
      root: join(base, 'docutils-doc/usr/share/doc/docutils-doc'),
      pattern: /\.txt$/,
      every: 1,
    },
    {
      language: 'restructuredtext',
      name: "Sphinx's documentation (sphinx-doc)",
      root: join(base, 'sphinx-doc/usr/share/doc/sphinx-doc'),
      pattern: /\.rst\.txt$/,
      every: 1,
    },
    {
      language: 'restructuredtext',
      name: "Python's documentation (python3.11-doc)",
      root: join(base, 'python3.11-doc/usr/share/doc/python3.11'),
      pattern: /\.rst\.txt$/,
      every: 3,
    },
  ];
}

/** Regular files under root matching pattern, sorted; symlinks are not followed. */
export function listFiles(root: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && pattern.test(path)) out.push(path);
    }
  };
  walk(root);
  return out.sort();
}

/** The reference parser's reading of each file. */
export function references(language: LanguageId, files: string[]): Reference[] {
  if (files.length === 0) return [];
  const here = join(REPO, 'scripts/realdocs');
  const [command, args] =
    language === 'asciidoc'
      ? ['ruby', [join(here, 'oracle-asciidoc.rb')]]
      : ['/usr/bin/python3', [join(here, 'oracle.py'), language]];
  const out = execFileSync(command, [...args, ...files], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Reference);
}

export interface Result extends Figures {
  slowestFileMs: number;
  slowestFile: string;
  examples: string[];
}

/** Segments each file and measures it against its reference. `display` names files in examples. */
export function measure(language: LanguageId, refs: Reference[], display: (file: string) => string): Result {
  const counts: Counts = emptyCounts();
  let slowest = { ms: 0, file: '' };
  for (const ref of refs) {
    if (ref.error) continue;
    let text = readFileSync(ref.file, 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const t0 = performance.now();
    const sentences = segmentDocument(text, language);
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, file: display(ref.file) };
    measureFile(text, sentences, { ...ref, file: display(ref.file) }, counts);
  }
  return {
    ...figures(counts),
    slowestFileMs: Math.round(slowest.ms),
    slowestFile: slowest.file,
    examples: counts.examples,
  };
}

export function failures(r: Result): string[] {
  const t = THRESHOLDS;
  const out: string[] = [];
  if (r.coverage < t.coverage) out.push(`coverage ${r.coverage} < ${t.coverage}`);
  if (r.leak > t.leak) out.push(`leak ${r.leak} > ${t.leak}`);
  if (r.broken > t.broken) out.push(`broken ${r.broken} > ${t.broken}`);
  if (r.slowestFileMs > t.slowestFileMs) out.push(`${r.slowestFile} took ${r.slowestFileMs} ms`);
  return out;
}

function defaultCorporaFolder(): string {
  return process.env.REALDOCS_CACHE
    ? join(process.env.REALDOCS_CACHE, 'corpora')
    : join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'consistency-checker/realdocs/corpora');
}

function main(argv: string[]): number {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = option('--only');
  const sample = option('--write-sample');
  if (sample) return writeSample(resolve(sample));
  const base = option('--corpora') ?? defaultCorporaFolder();
  const list = option('--list');
  const selected: Corpus[] = list
    ? [{ language: list as LanguageId, name: argv[argv.indexOf('--list') + 2], root: '/', pattern: /./, every: 1 }]
    : corpora(base);
  let failed = 0;
  let passed = 0;
  for (const corpus of selected) {
    if (only && corpus.language !== only) continue;
    const t0 = performance.now();
    const files = list
      ? readFileSync(corpus.name, 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => resolve(l.trim()))
      : listFiles(corpus.root, corpus.pattern).filter((_, k) => k % corpus.every === 0);
    const result = measure(corpus.language, references(corpus.language, files), (f) => relative(corpus.root, f));
    const problems = failures(result);
    const { examples, ...shown } = result;
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '} ${corpus.language} · ${corpus.name}: ${JSON.stringify(shown)} (${seconds} s)`,
    );
    for (const p of problems) console.log(`     ${p}`);
    if (problems.length || argv.includes('--examples')) for (const e of examples) console.log(`       ${e}`);
    if (problems.length) failed++;
    else passed++;
  }
  console.log(`realdocs: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

/** Rewrites references.json of each format folder of the committed sample (test/fixtures/realdocs). */
function writeSample(dir: string): number {
  for (const language of readdirSync(dir)) {
    const folder = join(dir, language);
    if (!statSync(folder).isDirectory()) continue;
    const files = readdirSync(folder)
      .filter((f) => f !== 'references.json')
      .sort()
      .map((f) => join(folder, f));
    const refs = references(language as LanguageId, files).map((r) => ({ ...r, file: relative(folder, r.file) }));
    writeFileSync(join(folder, 'references.json'), JSON.stringify(refs) + '\n');
    console.log(`${language}: ${refs.length} references`);
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
