// extensionTestsPath of the main suites (out/e2e/index.js): runs out/e2e/suite/*.test.js.
import * as path from 'node:path';
import { runFolder } from './runner';

export function run(): Promise<void> {
  return runFolder(path.join(__dirname, 'suite'), 'extension');
}
