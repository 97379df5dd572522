// Long batch commands (`check`, `evidence`) run in one child Node process started with memory
// settings that only take effect when a process starts, so the CLI cannot apply them to itself:
// glibc's malloc settings (src/common/malloc-env.ts) and --max-semi-space-size (V8's young
// generation otherwise grows to 2 x 16 MB, which a run that reads one file at a time never needs:
// its short-lived garbage is per file). Together ~50 MB less peak RSS on the kernel's whole
// Documentation (docs/benchmarks.md, "Memory").
// The parent only waits: the child shares the terminal (progress line, stdin for --files-from -),
// gets the signals the parent gets, and exits when the parent disappears (kill -9), so no check
// outlives the process its caller started. Settings the user gave win over these.
import { spawn } from 'node:child_process';
import { withMallocSettings } from '../common/malloc-env';

/** Set in the child: it must not relaunch itself again. */
const CHILD_MARKER = 'CONSISTENCY_CHECK_CHILD';
const LONG_COMMANDS = new Set(['check', 'evidence']);
const SEMI_SPACE_FLAG = '--max-semi-space-size=4';
const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface LaunchContext {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Node flags of this process (process.execArgv). */
  execArgv: readonly string[];
}

/** Whether `argv` (the CLI's arguments, command first) should run in a tuned child. Linux only:
 * MALLOC_ARENA_MAX is glibc's, and the figures were measured there. */
export function wantsTunedChild(argv: readonly string[], context: LaunchContext): boolean {
  return (
    context.platform === 'linux' &&
    LONG_COMMANDS.has(argv[0]) &&
    context.env[CHILD_MARKER] === undefined &&
    !argv.includes('--help')
  );
}

/** The child's environment and Node flags: ours, unless the user already chose. */
export function tunedChildSettings(context: LaunchContext): { env: NodeJS.ProcessEnv; execArgv: string[] } {
  const env: NodeJS.ProcessEnv = { ...withMallocSettings(context.env, context.platform), [CHILD_MARKER]: '1' };
  const chosen = [...context.execArgv, context.env.NODE_OPTIONS ?? ''].some((flag) =>
    flag.includes('--max-semi-space-size'),
  );
  return { env, execArgv: chosen ? [...context.execArgv] : [...context.execArgv, SEMI_SPACE_FLAG] };
}

/**
 * Runs `script argv` in the tuned child and resolves with its exit code (a child killed by a
 * signal kills this process with the same signal). Resolves undefined when the child could not be
 * started: the caller then runs the command itself, untuned.
 */
export function runInTunedChild(script: string, argv: readonly string[]): Promise<number | undefined> {
  const { env, execArgv } = tunedChildSettings({
    platform: process.platform,
    env: process.env,
    execArgv: process.execArgv,
  });
  return new Promise((resolve) => {
    // The IPC channel is only a lifeline: the child exits when it closes (see watchParent).
    const child = spawn(process.execPath, [...execArgv, script, ...argv], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env,
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const unlisten = () => FORWARDED_SIGNALS.forEach((s) => process.removeListener(s, forward));
    child.once('spawn', () => FORWARDED_SIGNALS.forEach((s) => process.on(s, forward)));
    child.once('error', () => {
      unlisten();
      resolve(undefined);
    });
    child.once('exit', (code, signal) => {
      unlisten();
      if (signal) process.kill(process.pid, signal);
      resolve(code ?? 1);
    });
  });
}

/** In the child: exit when the parent is gone (its end of the IPC channel closed). */
export function watchParent(): void {
  if (process.env[CHILD_MARKER] === undefined || !process.channel) return;
  process.channel.unref(); // the lifeline must not keep the child alive once its work is done
  process.once('disconnect', () => process.exit(EXIT_PARENT_GONE));
}

/** 128 + SIGKILL, what a shell reports for the killed parent. */
const EXIT_PARENT_GONE = 137;
