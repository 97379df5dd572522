// Shared by the NLI engine tests: the tiny-bert-nli fixture, its reference data, and writable
// copies of it to break in error tests. The fixture files are read-only, so copies are made file
// by file (fs.cp would copy the read-only modes too).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FIXTURE_DIR = path.resolve(__dirname, '../fixtures/tiny-bert-nli');

export interface ReferencePair {
  premise: string;
  hypothesis: string;
  input_ids: number[];
  token_type_ids: number[];
  logits: number[];
}

export interface TokenizationCase {
  text: string;
  ids: number[];
  tokens: string[];
}

export interface SyntheticPair {
  premise: string;
  hypothesis: string;
  label: 'entailment' | 'neutral' | 'contradiction';
}

export function readFixtureJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8')) as T;
}

export const referencePairs = (): ReferencePair[] =>
  readFixtureJson<{ pairs: ReferencePair[] }>('reference.json').pairs;
export const tokenizationCases = (): TokenizationCase[] =>
  readFixtureJson<{ cases: TokenizationCase[] }>('tokenization.json').cases;
export const syntheticPairs = (): SyntheticPair[] => readFixtureJson<SyntheticPair[]>('synthetic-test.json');

/** A writable copy of the model files (not the test data) in a fresh temp folder. */
export function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nli-fixture-'));
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), fs.readFileSync(path.join(FIXTURE_DIR, file)));
  }
  return dir;
}

export function removeCopy(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  return a.reduce((max, x, i) => Math.max(max, Math.abs(x - b[i])), 0);
}
