// Entry point of the VS Code extension (dist/extension.js). Activation only creates the UI
// (output channel, status bar, Claims view, commands) and returns: the language client, its
// protocol and the server process are loaded and started afterwards, and nothing waits for the
// model, which the server loads in its own process.
import { moduleCpuStart, moduleStart } from './timing';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimInfo, ServerStatus } from '../common/protocol';
import { ClaimsView } from './claimsView';
import { registerCommands } from './commands';
import type { Controller } from './controller';
import type * as ControllerModule from './controller';
import { OUTPUT_NAME } from './ids';
import { StatusBar } from './statusBar';

/** What `activate` returns: for tests and for other extensions. */
export interface ConsistencyApi {
  /** Milliseconds spent loading this module plus running activate(). */
  readonly activationMs: number;
  /** The parts of activationMs, and the CPU time they took (their cost without contention). */
  readonly activationTimes: { moduleMs: number; activateMs: number; cpuMs: number };
  /** Resolves once the language server runs (initialize done); the model may still be loading. */
  ready(): Promise<void>;
  /** PID of the language server process, while it runs. */
  serverPid(): number | undefined;
  /** The last status the server reported. */
  status(): ServerStatus | undefined;
  /** What the status bar item says now (e.g. "$(error) Consistency: claims file invalid"). */
  statusBarText(): string;
  /** Fires on every status the server reports. */
  onStatus: vscode.Event<ServerStatus>;
  /** The claims as last reported by the server. */
  claims(): readonly ClaimInfo[];
  /** A claim's row in the Claims view ("supported by 1 · contradicted by 1", "unsupported") and its children. */
  claimRow(id: string): ReturnType<ClaimsView['row']>;
  /** How many times the server was started again (after a crash or a restart command). */
  restartCount(): number;
}

let controllerPromise: Promise<Controller> | undefined;

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export function activate(context: vscode.ExtensionContext): ConsistencyApi {
  const activateStart = performance.now();
  const cpuStart = process.cpuUsage();
  const steps: [string, number][] = [];
  const step = (name: string): void => void steps.push([name, performance.now()]);
  const log = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
  step('output channel');
  const statusBar = new StatusBar();
  step('status bar');
  let loaded: Controller | undefined;
  const statusEmitter = new vscode.EventEmitter<ServerStatus>();
  // The heavy part (vscode-languageclient + protocol, bundled separately as dist/client.js) is
  // loaded only here, after activation.
  const controller = (): Promise<Controller> =>
    (controllerPromise ??= Promise.resolve().then(() => {
      const { Controller } = loadControllerModule();
      const c = new Controller({ context, log, statusBar, claimsView });
      context.subscriptions.push(
        c,
        c.onStatus((s) => statusEmitter.fire(s)),
      );
      loaded = c;
      return c;
    }));
  const claimsView = new ClaimsView({
    setEnabled: async (claim, enabled) => {
      try {
        await (await controller()).updateClaim({ id: claim.id, enabled });
      } catch (error) {
        void vscode.window.showErrorMessage(
          `Consistency Checker: ${error instanceof Error ? error.message : String(error)}`,
        );
        claimsView.refresh();
      }
    },
  });
  step('claims view');
  context.subscriptions.push(
    log,
    statusBar,
    claimsView,
    statusEmitter,
    ...registerCommands({ controller, claimsView, statusBar, log }),
  );
  step('commands');

  const started = new Promise<void>((resolve, reject) => {
    // setImmediate: let activate() return before the language client's modules are evaluated.
    setImmediate(() => {
      controller()
        .then((c) => c.start())
        .then(
          () => resolve(),
          (error) => {
            log.error(`could not start the language server: ${error instanceof Error ? error.message : String(error)}`);
            reject(error);
          },
        );
    });
  });
  started.catch(() => undefined); // reported in the log and a notification already

  const end = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  // The extension host loads the module and calls activate() later (it prepares the context in
  // between): count the two spans we are responsible for, not the wait between them.
  const moduleMs = moduleEnd - moduleStart;
  const activateMs = end - activateStart;
  const activationMs = round(moduleMs + activateMs);
  const cpuMs = round((cpu.user + cpu.system + moduleCpu.user + moduleCpu.system) / 1000);
  log.info(
    `activated in ${activationMs} ms (module ${round(moduleMs)} ms, activate() ${round(activateMs)} ms; CPU ${cpuMs} ms); ` +
      `VS Code ${vscode.version}, ${vscode.env.appHost}${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''}`,
  );
  const parts: string[] = [];
  let previous = activateStart;
  for (const [name, t] of steps) {
    parts.push(`${name} ${round(t - previous)} ms`);
    previous = t;
  }
  log.debug(`activate() steps: ${parts.join(', ')}`);

  return {
    activationMs,
    activationTimes: { moduleMs: round(moduleMs), activateMs: round(activateMs), cpuMs },
    ready: async () => {
      await started;
      const c = await controller();
      await c.start();
    },
    serverPid: () => loaded?.serverPid,
    status: () => statusBar.status,
    statusBarText: () => statusBar.text,
    onStatus: statusEmitter.event,
    claims: () => claimsView.all,
    claimRow: (id) => claimsView.row(id),
    restartCount: () => loaded?.restartCount ?? 0,
  };
}

export async function deactivate(): Promise<void> {
  const c = await controllerPromise?.catch(() => undefined);
  await c?.stop();
}

/** dist/client.js, built from src/client/controller.ts; a runtime require keeps it out of this bundle. */
function loadControllerModule(): typeof ControllerModule {
  const file = path.join(__dirname, 'client.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as typeof ControllerModule;
}

/** Set when this module's top level has run (the last statement of the bundle). */
const moduleEnd = performance.now();
const moduleCpu = process.cpuUsage(moduleCpuStart);
