// The heavy half of the client, loaded after activation: starts the language server as a separate
// Node process with vscode-languageclient (IPC), restarts it when it dies, and wraps the custom
// `consistency/*` messages in typed methods for the commands and views.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  CheckDocumentRequest,
  CheckWorkspaceRequest,
  CrossCheckWorkspaceRequest,
  ClaimsChangedNotification,
  ClearDiagnosticsNotification,
  DismissFindingRequest,
  ListDismissedRequest,
  RestoreDismissalRequest,
  type DismissedFindingInfo,
  type RestoreDismissalParams,
  EvidenceNotification,
  EvidenceRequest,
  ListClaimsRequest,
  PinClaimRequest,
  StatusNotification,
  DownloadModelRequest,
  StatusRequest,
  UnpinClaimRequest,
  UpdateClaimRequest,
  VisibleRangesNotification,
  type CheckResult,
  type ClaimInfo,
  type DismissFindingParams,
  type PinClaimParams,
  type ServerStatus,
  type UpdateClaimParams,
  type VisibleRangesParams,
} from '../common/protocol';
import type { ClaimsView } from './claimsView';
import { Commands, HOVER_SERVER_COMMANDS } from '../common/commands';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../common/settings';
import { errorText } from '../core/util/error-text';
import { withMallocSettings } from '../common/malloc-env';
import { ModelSetup } from './modelSetup';
import type { StatusBar } from './statusBar';
import { openSettings, writerMessage } from './messages';

const CRASH_WINDOW_MS = 3 * 60 * 1000;
const MAX_CRASHES = 5;
const VISIBLE_RANGES_DEBOUNCE_MS = 150;

export interface ControllerDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  statusBar: StatusBar;
  claimsView: ClaimsView;
}

export class Controller implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private crashes: number[] = [];
  private toldAboutRestart = false;
  private stoppedOnPurpose = false;
  private restarts = 0;
  private readonly shownProblems = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private clientDisposables: vscode.Disposable[] = [];
  private rangesTimer: NodeJS.Timeout | undefined;
  private languages: string[] = [];
  private readonly statusEmitter = new vscode.EventEmitter<ServerStatus>();
  readonly onStatus = this.statusEmitter.event;
  private readonly modelSetup: ModelSetup;

  constructor(private readonly deps: ControllerDeps) {
    this.modelSetup = new ModelSetup((id, progress, token) => this.downloadModel(id, progress, token), deps.log);
    this.disposables.push(
      this.statusEmitter,
      vscode.window.onDidChangeTextEditorVisibleRanges(() => this.scheduleVisibleRanges()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.scheduleVisibleRanges()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.languages`) && this.client) {
          const next = readLanguages();
          if (next.join() !== this.languages.join()) {
            deps.log.info(`consistency.languages changed to ${next.join(', ')}: restarting the language server`);
            void this.restart();
          }
        }
      }),
    );
  }

  get serverPid(): number | undefined {
    return this.client?.serverProcess?.pid;
  }

  get restartCount(): number {
    return this.restarts;
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  /**
   * Starts the server unless it runs or is starting (vscode-languageclient restarts it by itself
   * after a crash); resolves when the initialize handshake is done. Never waits for the model.
   */
  start(): Promise<LanguageClient> {
    const client = this.client;
    if (client?.state === State.Running) return Promise.resolve(client);
    if (this.starting) return this.starting;
    if (client?.state === State.Starting) return waitForState(client, State.Running, 60_000).then(() => client);
    this.stoppedOnPurpose = false;
    const started = (async () => {
      if (client) await this.dropClient(client); // stopped for good (crash limit, failed start)
      return this.createAndStart();
    })();
    this.starting = started;
    const clear = (): void => {
      if (this.starting === started) this.starting = undefined;
    };
    started.then(clear, clear);
    return started;
  }

  private async dropClient(client: LanguageClient): Promise<void> {
    if (this.client === client) this.client = undefined;
    for (const d of this.clientDisposables) d.dispose();
    this.clientDisposables = [];
    try {
      await client.dispose(2000);
    } catch {
      // already stopped
    }
  }

  async stop(): Promise<void> {
    this.stoppedOnPurpose = true;
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientDisposables) d.dispose();
    this.clientDisposables = [];
    if (client && client.state !== State.Stopped) {
      try {
        await client.stop(4000);
      } catch (error) {
        this.deps.log.warn(`stopping the language server: ${errorText(error)}`);
      }
    }
  }

  async restart(): Promise<void> {
    this.deps.log.info('restarting the language server');
    this.crashes = [];
    await this.stop();
    this.restarts++;
    await this.start();
  }

  private async createAndStart(): Promise<LanguageClient> {
    const { context, log, statusBar } = this.deps;
    const t0 = Date.now();
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    this.languages = readLanguages();
    // The server loads the model and lives as long as the window: glibc's malloc settings keep
    // ~30 MB less of what ONNX Runtime once held (src/common/malloc-env.ts).
    const env = withMallocSettings(process.env, process.platform);
    const run = { module: serverModule, transport: TransportKind.ipc, options: { env } };
    const serverOptions: ServerOptions = { run, debug: run };
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.languages.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      synchronize: {
        configurationSection: SETTINGS_SECTION,
        fileEvents: vscode.workspace.createFileSystemWatcher('**/.consistency/claims.json'),
      },
      outputChannel: log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticCollectionName: 'consistency',
      markdown: {
        isTrusted: { enabledCommands: [...Object.values(Commands), ...HOVER_SERVER_COMMANDS] },
        supportHtml: false,
      },
      initializationOptions: {
        globalStoragePath: context.globalStorageUri.fsPath,
        client: 'vscode',
        // This client shows model problems itself, with "Open settings" and "Show log" buttons.
        clientShowsModelErrors: true,
        // Model downloads go through VS Code's proxy (the server also asks again at download time).
        http: httpProxySettings(),
      },
      errorHandler: {
        error: (_error, _message, count) => ({
          action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
        }),
        closed: () => this.onClosed(),
      },
    };
    const client = new LanguageClient(SETTINGS_SECTION, 'Consistency Checker', serverOptions, clientOptions);
    this.client = client;
    this.clientDisposables.push(
      client.onNotification(StatusNotification, (status) => this.onServerStatus(status)),
      client.onNotification(ClaimsChangedNotification, ({ claims, error }) => {
        this.deps.claimsView.set(claims, error);
        this.deps.statusBar.setClaimsError(error);
      }),
      client.onNotification(EvidenceNotification, ({ claims }) => this.deps.claimsView.setEvidence(claims)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) {
          log.info(`language server running (pid ${client.serverProcess?.pid ?? '?'})`);
          void this.afterStart(client);
        } else if (e.newState === State.Stopped && this.client === client && this.stoppedOnPurpose) {
          statusBar.stopped();
        }
      }),
    );
    statusBar.update({ state: 'starting', message: 'Starting the language server' });
    try {
      await client.start();
    } catch (error) {
      const message = `The Consistency Checker language server did not start: ${errorText(error)}`;
      log.error(message);
      statusBar.update({ state: 'error', message: 'The language server did not start', detail: errorText(error) });
      this.showProblem(message, 'error');
      throw error;
    }
    log.info(`language server started in ${Date.now() - t0} ms`);
    return client;
  }

  /** After every (re)start: fetch the claims and the status, send the visible ranges. */
  private async afterStart(client: LanguageClient): Promise<void> {
    try {
      const [status, list, evidence] = await Promise.all([
        client.sendRequest(StatusRequest),
        client.sendRequest(ListClaimsRequest),
        client.sendRequest(EvidenceRequest),
      ]);
      this.onServerStatus(status);
      this.deps.claimsView.set(list.claims, list.error);
      this.deps.statusBar.setClaimsError(list.error);
      this.deps.claimsView.setEvidence(evidence.claims);
      this.claimsFile = list.claimsFile;
    } catch (error) {
      this.deps.log.warn(`after start: ${errorText(error)}`);
    }
    this.sendVisibleRanges();
  }

  claimsFile: string | undefined;

  private onClosed(): { action: CloseAction; message?: string; handled?: boolean } {
    const { log, statusBar } = this.deps;
    if (this.stoppedOnPurpose) return { action: CloseAction.DoNotRestart, handled: true };
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    if (this.crashes.length >= MAX_CRASHES) {
      const message = `The Consistency Checker language server stopped ${MAX_CRASHES} times in 3 minutes and will not be restarted. See the log, then run "Consistency: Restart server".`;
      log.error(message);
      statusBar.update({
        state: 'error',
        message: 'The language server keeps stopping',
        detail: 'Run "Consistency: Restart server" after looking at the log.',
      });
      this.showProblem(message, 'error');
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.restarts++;
    log.warn(`the language server stopped unexpectedly; restarting it (restart ${this.restarts})`);
    statusBar.update({ state: 'starting', message: 'Restarting the language server' });
    if (!this.toldAboutRestart) {
      this.toldAboutRestart = true;
      void vscode.window
        .showWarningMessage(
          'Consistency Checker: the language server stopped unexpectedly and was restarted.',
          'Show log',
        )
        .then((choice) => choice === 'Show log' && log.show(true));
    }
    return { action: CloseAction.Restart, handled: true };
  }

  private onServerStatus(status: ServerStatus): void {
    this.deps.statusBar.update(status);
    if (status.state === 'error' && status.model) {
      this.modelSetup.offered = undefined; // the setting names a model: the default one is not what to download
      this.modelSetup.problem = writerMessage(status.detail ?? status.message);
    } else if (status.state === 'ready' || status.state === 'noModel') {
      this.modelSetup.problem = undefined;
    }
    this.statusEmitter.fire(status);
    if (status.state === 'noModel' && status.download) {
      this.deps.log.info(`server: ${status.detail ?? status.message}`);
      void this.modelSetup.offer(status.download);
    } else if (status.state === 'noModel' || status.state === 'error') {
      const text = status.detail ? `${status.message}: ${writerMessage(status.detail)}` : writerMessage(status.message);
      this.deps.log.warn(`server: ${text}`);
      this.showProblem(`Consistency Checker: ${text}`, status.state === 'error' ? 'error' : 'warning');
    } else if (status.state === 'ready') {
      this.shownProblems.clear(); // a later problem is worth telling again
    }
  }

  /** A notification with "Open settings" / "Show log", once per distinct message. */
  showProblem(message: string, kind: 'error' | 'warning'): void {
    if (this.shownProblems.has(message)) return;
    this.shownProblems.add(message);
    const show = kind === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const remote = vscode.env.remoteName
      ? ' In this remote window, set consistency.model on the Remote tab of the settings.'
      : '';
    void show(message + remote, 'Open settings', 'Show log').then((choice) => {
      if (choice === 'Open settings') void openSettings('consistency.model');
      else if (choice === 'Show log') this.deps.log.show(true);
    });
  }

  // ---- typed requests -------------------------------------------------------------------

  private async connection(): Promise<LanguageClient> {
    const client = this.client;
    if (client && client.state === State.Running) return client;
    if (client && client.state === State.Starting) {
      await waitForState(client, State.Running, 30_000);
      return client;
    }
    return this.start();
  }

  async pinClaim(params: PinClaimParams): Promise<ClaimInfo> {
    return (await (await this.connection()).sendRequest(PinClaimRequest, params)).claim;
  }
  async unpinClaim(id: string): Promise<boolean> {
    return (await (await this.connection()).sendRequest(UnpinClaimRequest, { id })).removed;
  }
  async updateClaim(params: UpdateClaimParams): Promise<ClaimInfo> {
    return (await (await this.connection()).sendRequest(UpdateClaimRequest, params)).claim;
  }
  async listClaims(): Promise<{ claims: ClaimInfo[]; claimsFile?: string; error?: string }> {
    const list = await (await this.connection()).sendRequest(ListClaimsRequest);
    this.claimsFile = list.claimsFile ?? this.claimsFile;
    this.deps.claimsView.set(list.claims, list.error);
    this.deps.statusBar.setClaimsError(list.error);
    return list;
  }
  async dismissFinding(params: DismissFindingParams): Promise<void> {
    await (await this.connection()).sendRequest(DismissFindingRequest, params);
  }
  async listDismissed(): Promise<{ dismissed: DismissedFindingInfo[] }> {
    return (await this.connection()).sendRequest(ListDismissedRequest);
  }
  async restoreDismissal(params: RestoreDismissalParams): Promise<boolean> {
    return (await (await this.connection()).sendRequest(RestoreDismissalRequest, params)).restored;
  }
  async checkDocument(uri: string): Promise<CheckResult> {
    return (await this.connection()).sendRequest(CheckDocumentRequest, { uri });
  }
  async clearDiagnostics(uri?: string): Promise<void> {
    await (await this.connection()).sendNotification(ClearDiagnosticsNotification, uri ? { uri } : {});
  }
  async getStatus(): Promise<ServerStatus> {
    return (await this.connection()).sendRequest(StatusRequest);
  }

  /** Check workspace, shown as a notification progress with a Cancel button. */
  async checkWorkspace(
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<CheckResult> {
    const client = await this.connection();
    return withWorkDoneProgress(client, 'check-workspace', progress, token, (workDoneToken) =>
      client.sendRequest(CheckWorkspaceRequest, { workDoneToken }, token),
    );
  }

  /** "Consistency: Find contradictions between documents": cross mode over the workspace, with Cancel. */
  async findContradictions(
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<CheckResult> {
    const client = await this.connection();
    return withWorkDoneProgress(client, 'cross-check-workspace', progress, token, (workDoneToken) =>
      client.sendRequest(CrossCheckWorkspaceRequest, { workDoneToken }, token),
    );
  }

  /** "Consistency: Download model": fetches the model the server reported missing. */
  downloadOfferedModel(): Promise<void> {
    return this.modelSetup.downloadOffered();
  }

  /** Downloads and converts a catalog model (only after the user agreed), with progress in MB. */
  async downloadModel(
    id: string,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<{ dir: string }> {
    const client = await this.connection();
    return withWorkDoneProgress(client, 'download-model', progress, token, (workDoneToken) =>
      client.sendRequest(DownloadModelRequest, { id, workDoneToken }, token),
    );
  }

  // ---- visible ranges --------------------------------------------------------------------

  private scheduleVisibleRanges(): void {
    if (this.rangesTimer) clearTimeout(this.rangesTimer);
    this.rangesTimer = setTimeout(() => {
      this.rangesTimer = undefined;
      this.sendVisibleRanges();
    }, VISIBLE_RANGES_DEBOUNCE_MS);
  }

  private sendVisibleRanges(): void {
    const client = this.client;
    if (!client || client.state !== State.Running) return;
    const params: VisibleRangesParams = {
      editors: vscode.window.visibleTextEditors
        .filter(
          (e) =>
            (e.document.uri.scheme === 'file' || e.document.uri.scheme === 'untitled') &&
            this.languages.includes(e.document.languageId),
        )
        .map((e) => ({
          uri: e.document.uri.toString(),
          ranges: e.visibleRanges.map((r) => ({
            start: { line: r.start.line, character: r.start.character },
            end: { line: r.end.line, character: r.end.character },
          })),
        })),
    };
    client
      .sendNotification(VisibleRangesNotification, params)
      .catch((error) => this.deps.log.debug(`visibleRanges: ${errorText(error)}`));
  }

  async dispose(): Promise<void> {
    if (this.rangesTimer) clearTimeout(this.rangesTimer);
    for (const d of this.disposables) d.dispose();
    await this.stop();
  }
}

/**
 * Runs a request with a client-created work-done token: the server's `$/progress` reports drive a
 * VS Code progress, and cancelling it cancels both the request and the work-done progress.
 */
async function withWorkDoneProgress<T>(
  client: LanguageClient,
  name: string,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
  send: (workDoneToken: string) => Promise<T>,
): Promise<T> {
  const workDoneToken = `consistency-${name}-${Date.now()}`;
  let reported = 0;
  const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
    if (value.kind === 'end') return;
    const pct = value.percentage;
    const increment = pct !== undefined && pct > reported ? pct - reported : undefined;
    if (pct !== undefined) reported = Math.max(reported, pct);
    progress.report({ message: value.message, increment });
  });
  const onCancel = token.onCancellationRequested(() => {
    void client.sendNotification(WorkDoneProgressCancelNotification.type, { token: workDoneToken });
  });
  try {
    return await send(workDoneToken);
  } finally {
    sub.dispose();
    onCancel.dispose();
  }
}

function readLanguages(): string[] {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('languages');
  return Array.isArray(value) && value.every((v) => typeof v === 'string') && value.length > 0
    ? (value as string[])
    : [...DEFAULT_SETTINGS.languages];
}

function waitForState(client: LanguageClient, state: State, timeoutMs: number): Promise<void> {
  if (client.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('The language server did not start in time'));
    }, timeoutMs);
    const sub = client.onDidChangeState((e) => {
      if (e.newState === state) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      } else if (e.newState === State.Stopped) {
        clearTimeout(timer);
        sub.dispose();
        reject(new Error('The language server stopped'));
      }
    });
  });
}

/** VS Code's proxy settings, for the server's model downloads. */
function httpProxySettings(): { proxy?: string; proxyStrictSSL?: boolean } {
  const http = vscode.workspace.getConfiguration('http');
  return { proxy: http.get<string>('proxy') || undefined, proxyStrictSSL: http.get<boolean>('proxyStrictSSL') };
}
