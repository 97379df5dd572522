// extensionTestsPath of the multi-root suite (out/e2e/multiroot/index.js): runs
// out/e2e/multiroot/*.test.js in a workspace of two folders (scripts/e2e/run.mjs, phase multiroot).
import { runFolder } from '../runner';

export function run(): Promise<void> {
  return runFolder(__dirname, 'multiroot');
}
