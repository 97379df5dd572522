// Where downloaded models live for the CLI: the XDG cache folder, so they are shared between
// projects and can be deleted like any cache. (The VS Code extension passes its own global
// storage folder instead.)
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function defaultModelCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
  platform: NodeJS.Platform = process.platform,
): string {
  // XDG says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'consistency-checker', 'models');
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'consistency-checker', 'models');
  return join(home, '.cache', 'consistency-checker', 'models');
}
