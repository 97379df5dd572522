// The language server: wires LSP requests to the document checker, the claims store and the
// model host. Everything heavy is async (ONNX Runtime runs on its own threads), so the server
// keeps answering hovers and requests while it checks.
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { escapeControls } from '../core/text/printable';
import { defaultModelCacheDir, pullModel, requireCatalogEntry, bundledModelCatalog, proxyFromEditorSettings, type ProxyConfig } from '../core/model';
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  MessageType,
  ShowMessageNotification,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
  type Hover,
  type HoverParams,
  type MarkupContent,
  type CodeActionParams,
  type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Claim } from '../core/claims';
import {
  CheckDocumentRequest,
  CheckWorkspaceRequest,
  ClaimsChangedNotification,
  ClearDiagnosticsNotification,
  DismissFindingRequest,
  ListDismissedRequest,
  RestoreDismissalRequest,
  DownloadModelRequest,
  EvidenceNotification,
  EvidenceRequest,
  ListClaimsRequest,
  PinClaimRequest,
  StatusNotification,
  StatusRequest,
  UnpinClaimRequest,
  UpdateClaimRequest,
  VisibleRangesNotification,
  type CheckResult,
  type ClaimInfo,
  type DismissFindingParams,
  type DismissPairParams,
  CrossCheckWorkspaceRequest,
  type PinClaimParams,
  type ServerStatus,
  type UnpinClaimParams,
} from '../common/protocol';
import { ClientCommands, Commands, ServerCommands } from '../common/commands';
import { DEFAULT_SETTINGS, type ConsistencySettings } from '../common/settings';
import { ClaimsStore, type ClaimsSnapshot } from './claims-store';
import * as valid from './request-params';
import { findingActions, pinSentenceAction } from './code-actions';
import { DocumentChecker } from './document-checker';
// Issue 14: contradictions between sentences and quantities that disagree (no claim needed).
import { CrossService } from './cross-service';
import { isPairDiagnostic, pairActions } from './pair-diagnostics';
import { evidenceHoverMarkdown, hoverMarkdown } from './hover';
import { ModelHost, type ModelRequest, type ModelState } from './model-host';
import { PersistentPairs } from './persistent-pairs';
import { defaultCacheDir } from '../core/cache';
import { SettingsSource } from './settings';
import { clientProfile, withoutCommandLinks, UNKNOWN_CLIENT, type ClientProfile } from './client-profile';

/** Options a client may pass in `initializationOptions`. */
interface InitOptions {
  /** The VS Code client shows model errors with its own buttons; the server then stays quiet. */
  clientShowsModelErrors?: boolean;
  /** VS Code's globalStorageUri path: downloaded models go to its models/ folder. */
  globalStoragePath?: string;
  /** The editor's proxy settings (VS Code: http.proxy, http.proxyStrictSSL) for model downloads. */
  http?: { proxy?: string; proxyStrictSSL?: boolean };
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  let settings: ConsistencySettings = DEFAULT_SETTINGS;
  let client: ClientProfile = UNKNOWN_CLIENT;
  let settingsSource = new SettingsSource(connection, false, undefined);
  let initOptions: InitOptions = {};
  const shown = new ShownOnce();

  const status = new StatusReporter(connection);
  const model = new ModelHost(
    (state) => onModelState(state),
    () => ({
      // The extension's bundled models/ folder sits beside dist/ in the package.
      bundledRoot: path.resolve(__dirname, '..', 'models'),
      cacheRoot: modelCacheDir(),
    }),
  );
  // Other editors have no global storage: they share the CLI's XDG cache.
  const modelCacheDir = () =>
    initOptions.globalStoragePath ? path.join(initOptions.globalStoragePath, 'models') : defaultModelCacheDir();
  const onModelState = (state: ModelState) => {
    status.fromModel(state);
    if (state.kind === 'ready') {
      connection.console.log(`Model ready: ${state.engine.modelName} (${state.engine.onnxFile})`);
      checker.checkAllOpen();
      cross.schedule();
    } else if (state.kind === 'error' || state.kind === 'none') {
      connection.console.error(`Consistency Checker: ${state.message} ${state.hint}`);
      // Our VS Code client shows these with its own buttons; other editors get one message each.
      if (!client.ours && !initOptions.clientShowsModelErrors) showError(modelMessageForEditors(state));
    }
  };
  /** window/showMessage, once per distinct text: a notification, since some clients do not implement showMessageRequest. */
  const showError = (message: string) => {
    if (shown.first(message)) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
  };
  const claims = new ClaimsStore((snapshot) => onClaimsChanged(snapshot));
  const cross: CrossService = new CrossService({
    connection,
    documents,
    claims,
    settings: () => settings,
    scoring: () => checker.backgroundScoring(),
    relativePath: (uri) => checker.relativePath(uri),
  });
  const checker = new DocumentChecker(
    cross.wrapConnection(connection),
    documents,
    model,
    claims,
    () => settings,
    (done, total) => status.progress(done, total),
    () => evidenceChanged(),
    // Pair scores on disk (shared with `check --cache`): VS Code's global storage, else the CLI's folder.
    new PersistentPairs(
      () => (initOptions.globalStoragePath ? path.join(initOptions.globalStoragePath, 'cache') : defaultCacheDir()),
      (message) => connection.console.log(message),
    ),
  );
  // Evidence (what supports and contradicts each claim) is sent at most every 300 ms while checks publish.
  let evidenceTimer: NodeJS.Timeout | undefined;
  const currentEvidence = () => checker.evidence(claims.current.claims.filter((c) => c.enabled));
  const evidenceChanged = () => {
    if (evidenceTimer) return;
    evidenceTimer = setTimeout(() => {
      evidenceTimer = undefined;
      void connection.sendNotification(EvidenceNotification, { claims: currentEvidence() });
    }, 300);
    evidenceTimer.unref();
  };

  const claimInfo = (claim: Claim, counts = checker.findingCounts()): ClaimInfo => ({ ...claim, findings: counts.get(claim.id) ?? 0 });
  const onClaimsChanged = (snapshot: ClaimsSnapshot) => {
    const counts = checker.findingCounts();
    void connection.sendNotification(ClaimsChangedNotification, {
      claims: snapshot.claims.map((c) => claimInfo(c, counts)),
      error: snapshot.error?.message,
    });
    if (snapshot.error) {
      connection.console.error(escapeControls(snapshot.error.message));
      if (!client.ours) showError(`Consistency Checker: the claims file is invalid, so no claim is checked until it is fixed. ${escapeControls(snapshot.error.message)}`);
    } else {
      shown.forgetMatching('the claims file is invalid'); // broken again later: said again
    }
    checker.withdrawStaleClosed();
    checker.checkAllOpen();
    cross.schedule();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    client = clientProfile(params);
    settingsSource = new SettingsSource(connection, client.configuration, params.initializationOptions);
    const options = params.initializationOptions;
    initOptions = (options && typeof options === 'object' ? options : {}) as InitOptions;
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const root = rootUri ? URI.parse(rootUri).fsPath : params.rootPath ?? undefined;
    claims.setRoot(root);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.pinClaim'] },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
      },
      serverInfo: { name: 'consistency-checker', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    await settingsSource.settle(SETTINGS_SETTLE_MS);
    settings = await settingsSource.fetch();
    await claims.load();
    claims.watch();
    void model.configure(modelRequest(settings));
  });

  connection.onDidChangeConfiguration(async (change) => {
    const previous = settings;
    settingsSource.push(change?.settings);
    settings = await settingsSource.fetch();
    await model.configure(modelRequest(settings));
    if (JSON.stringify(previous) !== JSON.stringify(settings)) {
      checker.checkAllOpen();
      cross.schedule();
    }
  });

  documents.onDidOpen((e) => {
    if (settings.checkFrequency !== 'manual') {
      checker.scheduleCheck(e.document.uri, 0);
      cross.schedule();
    }
  });
  documents.onDidChangeContent((e) => {
    if (settings.checkFrequency === 'edit') {
      checker.scheduleCheck(e.document.uri, settings.debounceMs);
      cross.schedule();
    }
  });
  documents.onDidSave((e) => {
    if (settings.checkFrequency === 'save') {
      checker.scheduleCheck(e.document.uri, 0);
      cross.schedule();
    }
  });
  documents.onDidClose((e) => {
    cross.forget(e.document.uri);
    checker.forget(e.document.uri);
  });

  connection.onHover((params) => {
    const hover = hoverAt(params);
    if (!hover || client.ours) return hover;
    const available = (command: string) => (command === Commands.revealClaim ? !!goToClaimCommand() : command.startsWith('consistency.server.'));
    return { ...hover, contents: { kind: 'markdown' as const, value: withoutCommandLinks(hover.contents.value, available) } };
  });
  const hoverAt = (params: HoverParams): (Hover & { contents: MarkupContent }) | null => {
    const document = documents.get(params.textDocument.uri);
    const engine = model.engine;
    if (!document || !engine) return null;
    const offset = document.offsetAt(params.position);
    const findings = checker.findingsAt(document.uri, offset);
    const pairHover = cross.hover(document.uri, offset, document, engine.modelName);
    if (findings.length === 0 && pairHover) return { contents: { kind: 'markdown', value: pairHover.markdown }, range: pairHover.range };
    if (findings.length === 0) {
      // On the sentence a claim was pinned from: what supports and contradicts that claim.
      const relativePath = checker.relativePath(document.uri);
      const pinned = claims.current.claims.find((c) => c.source?.file === relativePath && c.source.start <= offset && offset <= c.source.end);
      if (!pinned?.source) return null;
      const [evidence] = checker.evidence([pinned]);
      return {
        contents: { kind: 'markdown', value: evidenceHoverMarkdown(pinned, evidence, (uri) => checker.relativePath(uri)) },
        range: { start: document.positionAt(pinned.source.start), end: document.positionAt(pinned.source.end) },
      };
    }
    const first = findings[0].sentence;
    return {
      contents: { kind: 'markdown', value: hoverMarkdown(document.uri, findings, engine.modelName) + (pairHover ? `\n\n---\n\n${pairHover.markdown}` : '') },
      range: { start: document.positionAt(first.start), end: document.positionAt(first.end) },
    };
  };

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const claimText = (id: string) => claims.current.claims.find((c) => c.id === id)?.text;
    const actions = [
      ...findingActions(document.uri, params.context.diagnostics.filter((d) => !isPairDiagnostic(d)), claimText, goToClaimCommand(), ...(client.ours ? [ClientCommands.dismissFinding, Commands.unpinClaim] : [])),
      ...pairActions(document.uri, params.context.diagnostics),
    ];
    const offer = settings.pinCodeAction && claims.root ? pinOffered(document, params) : undefined;
    if (offer) actions.push(pinSentenceAction(document.uri, offer.text, offer.range));
    return actions;
  });

  /**
   * "Pin as a claim" only where the writer asked for it: on a selection (the selected text), or
   * when the editor asks for refactorings (VS Code's Refactor menu; the sentence at the cursor).
   * Never as a lightbulb on every sentence, as cSpell and LTeX do; consistency.pinCodeAction off hides it.
   */
  const pinOffered = (document: TextDocument, params: CodeActionParams): { text: string; range: Range } | undefined => {
    const start = document.offsetAt(params.range.start);
    const end = document.offsetAt(params.range.end);
    const selected = document.getText().slice(start, end).replace(/\s+/g, ' ').trim();
    if (selected) return { text: selected, range: params.range };
    const refactoring = params.context.only?.some((kind) => kind === 'refactor' || kind.startsWith('refactor.')) ?? false;
    const sentence = refactoring ? checker.sentenceAt(document.uri, start) : undefined;
    return sentence && { text: sentence.clean, range: { start: document.positionAt(sentence.start), end: document.positionAt(sentence.end) } };
  };

  const pin = async (params: PinClaimParams): Promise<ClaimInfo> => {
    const document = params.uri ? documents.get(params.uri) : undefined;
    let text = params.text?.trim();
    let range = params.range;
    if (!text && document && params.position) {
      const sentence = checker.sentenceAt(document.uri, document.offsetAt(params.position));
      if (sentence) {
        text = sentence.clean;
        range = { start: document.positionAt(sentence.start), end: document.positionAt(sentence.end) };
      }
    }
    if (!text) throw new Error('Nothing to pin: select a sentence or place the cursor in one.');
    const source =
      document && range && params.uri
        ? {
            file: checker.relativePath(params.uri),
            start: document.offsetAt(range.start),
            end: document.offsetAt(range.end),
            line: range.start.line + 1,
          }
        : undefined;
    const claim = await claims.pin(text, { source, note: params.note, scope: params.scope });
    return claimInfo(claim);
  };
  const unpin = async (params: UnpinClaimParams) => ({ removed: await claims.unpin(params.id) });
  /**
   * "Go to claim": our client reveals the claim itself (consistency.revealClaim); other editors
   * that implement window/showDocument get the server's command; the rest are not offered it.
   */
  const goToClaimCommand = (): string | undefined =>
    client.ours ? Commands.revealClaim : client.showDocument ? ServerCommands.revealClaim : undefined;
  const revealClaim = async ({ id }: UnpinClaimParams) => {
    const file = claims.claimsFile;
    if (!file || !claims.current.claims.some((c) => c.id === id)) throw valid.invalidParams(`${ServerCommands.revealClaim}: there is no claim ${id}`);
    const line = claims.claimLine(id);
    const at = { line, character: 0 };
    return connection.window.showDocument({ uri: URI.file(file).toString(), takeFocus: true, selection: { start: at, end: at } });
  };
  const dismiss = async (params: DismissFindingParams) => {
    await claims.dismiss(params.claimId, checker.relativePath(params.uri), params.sentence);
  };

  // Every custom request's params are validated first (request-params.ts): InvalidParams, not a TypeError.
  connection.onRequest(PinClaimRequest, async (params) => ({ claim: await pin(valid.pinParams(params)) }));
  connection.onRequest(UnpinClaimRequest, (params) => unpin(valid.unpinParams(params)));
  connection.onRequest(UpdateClaimRequest, async (params) => {
    const { id, ...change } = valid.updateParams(params);
    return { claim: claimInfo(await claims.update(id, change)) };
  });
  connection.onRequest(ListClaimsRequest, () => ({
    claims: claims.current.claims.map((c) => claimInfo(c)),
    claimsFile: claims.claimsFile,
    error: claims.current.error?.message,
  }));
  connection.onRequest(DismissFindingRequest, (params) => dismiss(valid.dismissParams(params)));
  // The "Dismissed findings" list, and restoring one (also the Undo right after dismissing).
  connection.onRequest(ListDismissedRequest, async () => {
    const text = new Map(claims.current.claims.map((c) => [c.id, c.text]));
    return { dismissed: (await claims.listDismissed()).map((d) => ({ ...d, claim: text.get(d.claimId) })) };
  });
  connection.onRequest(RestoreDismissalRequest, async (raw) => {
    const params = valid.restoreParams(raw);
    const file = params.file ?? checker.relativePath(params.uri!);
    return { restored: await claims.restore(params.claimId, file, params.sentence) };
  });
  connection.onRequest(StatusRequest, () => status.current);
  connection.onRequest(EvidenceRequest, () => ({ claims: currentEvidence() }));

  connection.onExecuteCommand(async (params) => {
    const arg = params.arguments?.[0];
    switch (params.command) {
      case ServerCommands.dismissFinding:
        return dismiss(valid.dismissParams(arg, params.command));
      case ServerCommands.unpinClaim:
        return unpin(valid.unpinParams(arg, params.command));
      case ServerCommands.pinSentence:
        return pin(valid.pinParams(arg, params.command));
      case ServerCommands.revealClaim:
        return revealClaim(valid.unpinParams(arg, params.command));
      case ServerCommands.dismissPair:
        return cross.dismissPair(valid.dismissPairParams(arg, params.command));
      default:
        throw valid.invalidParams(`Unknown command ${String(params.command)}`);
    }
  });

  connection.onRequest(CheckDocumentRequest, async (raw, token): Promise<CheckResult> => {
    const params = valid.checkDocumentParams(raw);
    await claims.load();
    const document = documents.get(params.uri);
    if (!document) throw new Error(`Document not open: ${params.uri}`);
    if (!model.engine) throw new Error(modelUnavailable(model.status));
    const run = checker.checkNow(params.uri);
    token.onCancellationRequested(() => checker.scheduleCheck(params.uri, 0));
    const result = await run;
    status.ready(model.status);
    return result ?? { documents: 0, sentences: 0, findings: 0, cancelled: true };
  });

  connection.onRequest(CheckWorkspaceRequest, async (raw, token): Promise<CheckResult> => {
    const params = valid.checkWorkspaceParams(raw);
    if (!model.engine) throw new Error(modelUnavailable(model.status));
    if (!claims.root) throw new Error('Open a folder to check a workspace.');
    await claims.load();
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    let reporter: WorkDoneProgressReporter | undefined;
    if (params.workDoneToken !== undefined) {
      reporter = connection.window.attachWorkDoneProgress(params.workDoneToken);
    } else if (client.workDoneProgress) {
      const created = await connection.window.createWorkDoneProgress();
      created.token.onCancellationRequested(() => controller.abort());
      reporter = created;
    }
    reporter?.begin('Checking workspace', 0, undefined, true);
    try {
      const result = await checker.checkWorkspace(controller.signal, {
        report: (done, total, message) => {
          reporter?.report(total > 0 ? Math.round((done / total) * 100) : 0, message);
          status.checkingFiles(done, total);
        },
      });
      return result;
    } finally {
      reporter?.done();
      status.ready(model.status);
    }
  });

  // "Consistency: Find contradictions between documents": cross mode over the whole workspace, whatever
  // consistency.crossCheck says, with progress and cancellation.
  connection.onRequest(CrossCheckWorkspaceRequest, async (raw, token): Promise<CheckResult> => {
    const params = valid.checkWorkspaceParams(raw, 'consistency/crossCheckWorkspace');
    if (!model.engine) throw new Error(modelUnavailable(model.status));
    if (!claims.root) throw new Error('Open a folder to find contradictions between documents.');
    await claims.load();
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const reporter = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
    reporter?.begin('Finding contradictions between documents', 0, undefined, true);
    try {
      return await cross.checkWorkspace(controller.signal, {
        report: (done, total, message) => reporter?.report(total > 0 ? Math.round((done / total) * 100) : 0, message),
      });
    } finally {
      reporter?.done();
      status.ready(model.status);
    }
  });

  connection.onRequest(DownloadModelRequest, async (raw, token) => {
    const params = valid.downloadModelParams(raw);
    const entry = requireCatalogEntry(bundledModelCatalog(), params.id);
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const reporter = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
    reporter?.begin(`Downloading ${entry.id}`, 0, undefined, true);
    try {
      const result = await pullModel({
        entry,
        cacheRoot: modelCacheDir(),
        signal: controller.signal,
        download: { proxy: await downloadProxy() },
        onProgress: (p) => {
          const mb = (n: number) => (n / 1e6).toFixed(1);
          const percent = p.total ? Math.round((p.bytes / p.total) * 100) : undefined;
          reporter?.report(percent ?? 0, `${p.file} (${p.index}/${p.count}): ${mb(p.bytes)}${p.total ? ` of ${mb(p.total)}` : ''} MB`);
        },
        onStatus: (message) => reporter?.report(message),
      });
      await model.reload(modelRequest(settings));
      return { dir: result.dir };
    } finally {
      reporter?.done();
    }
  });

  /**
   * The proxy for model downloads: the editor's http.proxy / http.proxyStrictSSL as they are now
   * (asked at download time, so a changed setting needs no restart), else as passed at start,
   * else HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
   */
  const downloadProxy = async (): Promise<ProxyConfig> => {
    let current: { proxy?: unknown; proxyStrictSSL?: unknown } | undefined;
    if (client.configuration) {
      try {
        [current] = await connection.workspace.getConfiguration([{ section: 'http' }]);
      } catch {
        current = undefined;
      }
    }
    // VS Code always answers with its http.proxy (default ""); other clients answer null or
    // something without it, and then what the client passed at start applies.
    const fresh = current && typeof current === 'object' && 'proxy' in current ? current : undefined;
    return proxyFromEditorSettings(fresh ?? initOptions.http);
  };

  connection.onNotification(ClearDiagnosticsNotification, (raw) => {
    const params = valid.clearDiagnosticsParams(raw);
    if (params) checker.clearDiagnostics(params.uri);
  });
  connection.onNotification(VisibleRangesNotification, (raw) => {
    const params = valid.visibleRangesParams(raw);
    if (!params) return; // a notification cannot be answered with an error: a malformed one is dropped
    checker.setVisibleRanges(params);
    cross.setVisible(params);
  });

  // Answered at once, even in the middle of a check (Neovim waits 500 ms, then kills). Writing the
  // pair cache can take longer than that after a long check, so it and the model worker's stop run
  // right after the answer is sent, before `exit` is read.
  connection.onShutdown(() => {
    claims.dispose();
    setImmediate(() => {
      checker.closePairCache();
      void model.dispose();
    });
  });

  // A bug in one handler must not take down the server and every open document's diagnostics.
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`Unhandled error: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
  });

  documents.listen(connection);
  connection.listen();
}

/** How long the server waits after `initialized` for settings an editor pushes (only when it has none). */
const SETTINGS_SETTLE_MS = 500;

/** What the model host loads, from the settings. */
function modelRequest(settings: ConsistencySettings): ModelRequest {
  return { model: settings.model, threads: settings.threads, labels: settings.modelLabels };
}

function modelUnavailable(state: ModelState): string {
  switch (state.kind) {
    case 'loading':
      return `The NLI model is still loading (${state.model}).`;
    case 'none':
    case 'error':
      return `${state.message} ${state.hint}`;
    default:
      return 'The NLI model is not available.';
  }
}

/** The missing- or broken-model message for editors other than ours, with the step that fixes it there. */
function modelMessageForEditors(state: Extract<ModelState, { kind: 'none' | 'error' }>): string {
  if (state.kind === 'none' && state.download) {
    const id = state.download.id;
    return `Consistency Checker: the NLI model '${id}' is not installed, so nothing is checked. Install it with "consistency-check model pull ${id}" in a terminal, or set consistency.model to a model folder.`;
  }
  return `Consistency Checker: ${state.message} ${state.hint}`;
}

/** Messages already shown, so one problem is one notification, not one per check. */
class ShownOnce {
  private readonly texts = new Set<string>();
  first(text: string): boolean {
    if (this.texts.has(text)) return false;
    this.texts.add(text);
    return true;
  }
  forgetMatching(part: string): void {
    for (const text of this.texts) if (text.includes(part)) this.texts.delete(text);
  }
}

/** Keeps `consistency/status` up to date, throttling progress so the client is not flooded. */
class StatusReporter {
  current: ServerStatus = { state: 'starting', message: 'Starting' };
  private lastProgress = 0;

  constructor(private readonly connection: Connection) {}

  fromModel(state: ModelState): void {
    switch (state.kind) {
      case 'loading':
        return this.send({ state: 'loadingModel', message: 'Loading model', model: state.model });
      case 'ready':
        return this.send({ state: 'ready', message: 'Ready', model: state.engine.modelName });
      case 'none':
        return this.send({
          state: 'noModel',
          message: state.download ? 'Model not installed' : 'No model',
          detail: `${state.message} ${state.hint}`,
          download: state.download && { id: state.download.id, repo: state.download.repository, size: state.download.downloadSize },
        });
      case 'error':
        return this.send({ state: 'error', message: 'Model error', model: state.model, detail: `${state.message} ${state.hint}` });
    }
  }

  progress(done: number, total: number): void {
    const now = Date.now();
    if (done < total && now - this.lastProgress < 200) return;
    this.lastProgress = now;
    if (done >= total) this.send({ ...this.current, state: 'ready', message: 'Ready', done: undefined, total: undefined });
    else this.send({ ...this.current, state: 'checking', message: `Checking ${done} of ${total} pairs`, done, total });
  }

  checkingFiles(done: number, total: number): void {
    this.send({ ...this.current, state: 'checking', message: `Checking ${done} of ${total} files`, done, total });
  }

  ready(state: ModelState): void {
    this.fromModel(state);
  }

  private send(status: ServerStatus): void {
    this.current = status;
    void this.connection.sendNotification(StatusNotification, status);
  }
}

declare const VERSION: string;
