// Where the check cache lives: next to the downloaded models in the user cache by default (so it is
// shared by projects and deleted like any cache); `--cache-location .consistency/cache` keeps it in
// the workspace, which is what CI's actions/cache restores (then add it to .gitignore).
import * as path from 'node:path';
import { defaultModelCacheDir } from '../model/cache-dir';

export const CACHE_FILE_NAME = 'check-cache.log';
/** --cache-max-size default: ~300,000 pair scores or a few thousand files' results. */
export const DEFAULT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(defaultModelCacheDir(env)), 'cache');
}
