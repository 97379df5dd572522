// extensionTestsPath of the packaged-extension suite (out/e2e/vsix/index.js): runs
// out/e2e/vsix/*.test.js against the extension installed from the .vsix.
import { runFolder } from '../runner';

export function run(): Promise<void> {
  return runFolder(__dirname, 'vsix');
}
