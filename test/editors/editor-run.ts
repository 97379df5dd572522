// Shared by the real-editor tests (neovim.test.ts, eglot.test.ts): an editor runs a client script
// against the server on a scratch copy of examples/ and writes a JSON report, which the test reads.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const MODEL = path.join(REPO, 'test/fixtures/tiny-bert-nli');

/** A scratch copy of examples/ (remove it after the test). */
export function examplesCopy(prefix: string): string {
  const workspace = mkdtempSync(path.join(os.tmpdir(), prefix));
  cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
  return workspace;
}

/**
 * Runs `command args` in `workspace` with CC_WORKSPACE, CC_MODEL, CC_SERVER and CC_RESULT set (and
 * the server's pair cache in the workspace), and returns the report the script wrote to CC_RESULT.
 * Throws with the editor's output when it wrote none.
 */
export function runForReport<T>(
  editor: string,
  command: string,
  args: string[],
  workspace: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): { report: T; stderr: string } {
  const result = path.join(workspace, '..', `${path.basename(workspace)}-report.json`);
  const run = spawnSync(command, args, {
    cwd: workspace,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: {
      ...process.env,
      CC_WORKSPACE: workspace,
      CC_MODEL: MODEL,
      CC_SERVER: path.join(REPO, 'dist/cli.js'),
      CC_RESULT: result,
      XDG_CACHE_HOME: path.join(workspace, '.xdg-cache'),
      ...env,
    },
  });
  try {
    return { report: JSON.parse(readFileSync(result, 'utf8')) as T, stderr: run.stderr };
  } catch {
    throw new Error(`${editor} wrote no report (exit ${run.status}): ${run.stderr}${run.stdout}`);
  } finally {
    rmSync(result, { force: true });
  }
}
