// The language server: builds the parts (claims store, model host, document checker, cross
// mode) and wires LSP to them; each group of requests is registered by its file in handlers/.
// Everything heavy is async (ONNX Runtime runs on its own threads), so the server keeps
// answering hovers and requests while it checks.
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { escapeControls } from '../core/text/printable';
import { defaultModelCacheDir } from '../core/model';
import { readDocumentFile } from '../core/document-file';
import { walkFiles } from '../core/find-files';
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
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Claim } from '../core/claims';
import {
  ClaimsChangedNotification,
  EvidenceNotification,
  StatusNotification,
  type ClaimInfo,
} from '../common/protocol';
import { Commands, ServerCommands } from '../common/commands';
import { ClaimsStore, type ClaimsSnapshot } from './claims-store';
import { DocumentChecker } from './document-checker';
import { CrossService } from './cross-service';
import { ModelHost, modelRequest, WORKER_ENGINES, type EngineLoader, type ModelState } from './model-host';
import { PersistentPairs } from './persistent-pairs';
import { defaultCacheDir } from '../core/cache';
import { FolderSettings, SettingsSource } from './settings';
import { clientProfile, UNKNOWN_CLIENT, type ClientProfile } from './client-profile';
import type { Logger, WorkspaceReader } from './interfaces';
import { StatusReporter } from './status-reporter';
import { modelMessageForEditors, ShownOnce } from './editor-messages';
import { onDocumentEvents } from './document-events';
import { watchClaimsFiles } from './claims-watch';
import type { InitOptions, ServerContext } from './server-context';
import { registerClaimRequests } from './handlers/claim-requests';
import { registerCheckRequests } from './handlers/check-requests';
import { registerEditorFeatures } from './handlers/editor-features';
import { registerModelRequests } from './handlers/model-requests';

export interface ServerOptions {
  /** How the model is loaded and fingerprinted (default: a worker thread running ONNX Runtime). */
  engines?: EngineLoader;
}

/** The files of the workspace on disk. */
const DISK: WorkspaceReader = { files: (root, filter) => walkFiles(root, filter), read: readDocumentFile };

export function startServer(
  connection: Connection = createConnection(ProposedFeatures.all),
  options: ServerOptions = {},
): void {
  const documents = new TextDocuments(TextDocument);
  let client: ClientProfile = UNKNOWN_CLIENT;
  let settingsSource = new SettingsSource(connection, false, undefined);
  // Settings per workspace folder (resource-scoped ones differ between folders), and unscoped.
  const folderSettings = new FolderSettings(settingsSource);
  let initOptions: InitOptions = {};
  /** Whether the editor sends workspace/didChangeWorkspaceFolders (it announced workspaceFolders). */
  let workspaceFolderChanges = false;
  const shown = new ShownOnce();
  const logger: Logger = { log: (m) => connection.console.log(m), error: (m) => connection.console.error(m) };

  const status = new StatusReporter((s) => void connection.sendNotification(StatusNotification, s));
  // Other editors have no global storage: they share the CLI's XDG cache.
  const modelCacheDir = () =>
    initOptions.globalStoragePath ? path.join(initOptions.globalStoragePath, 'models') : defaultModelCacheDir();
  // Pair scores on disk (shared with `check --cache`): VS Code's global storage, else the CLI's folder.
  const pairs = new PersistentPairs(
    () => (initOptions.globalStoragePath ? path.join(initOptions.globalStoragePath, 'cache') : defaultCacheDir()),
    (message) => logger.log(message),
  );
  const model = new ModelHost(
    (state) => onModelState(state),
    () => ({
      // The extension's bundled models/ folder sits beside dist/ in the package.
      bundledRoot: path.resolve(__dirname, '..', 'models'),
      cacheRoot: modelCacheDir(),
    }),
    options.engines ?? WORKER_ENGINES,
    {
      // With scores of this model on disk, checks start from them and the model loads at the first pair they lack.
      cacheHolds: (fingerprint) => pairs.holdsScoresOf(fingerprint),
      onLoad: (event) => {
        if (event.phase === 'loading') {
          logger.log(`Loading the model: a pair is not in the pair cache (${event.model})`);
          status.fromModel({ kind: 'loading', model: event.model });
        } else {
          logger.log(`Model loaded: ${event.engine.modelName} (${event.engine.onnxFile})`);
          status.ready(model.status);
        }
      },
    },
  );
  const onModelState = (state: ModelState) => {
    status.fromModel(state);
    if (state.kind === 'ready') {
      logger.log(
        state.deferred
          ? `Model ready: ${state.engine.modelName}, not loaded yet: checks are answered from the pair cache until a pair is not in it`
          : `Model ready: ${state.engine.modelName} (${state.engine.onnxFile})`,
      );
      checker.checkAllOpen();
      cross.schedule();
    } else if (state.kind === 'error' || state.kind === 'none') {
      logger.error(`Consistency Checker: ${state.message} ${state.hint}`);
      // Our VS Code client shows these with its own buttons; other editors get one message each.
      if (!client.ours && !initOptions.clientShowsModelErrors) showError(modelMessageForEditors(state));
    }
  };
  /** window/showMessage, once per distinct text: a notification, since some clients do not implement showMessageRequest. */
  const showError = (message: string) => {
    if (shown.first(message))
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
  };
  const claims = new ClaimsStore((snapshot) => onClaimsChanged(snapshot));
  const cross: CrossService = new CrossService({
    diagnostics: { publish: (params) => void connection.sendDiagnostics(params) },
    logger,
    documents,
    workspace: DISK,
    claims,
    settings: () => folderSettings.global,
    scoring: () => checker.backgroundScoring(),
    relativePath: (uri) => checker.relativePath(uri),
  });
  const checker = new DocumentChecker({
    diagnostics: cross.claimCheckSink,
    logger,
    documents,
    workspace: DISK,
    model,
    claims,
    settings: (uri) => folderSettings.for(uri),
    folders: () => folderSettings.folderUris.map((uri) => URI.parse(uri).fsPath),
    onProgress: (done, total) => status.progress(done, total),
    onPublished: () => evidenceChanged(),
    pairs,
  });
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

  const claimInfo = (claim: Claim): ClaimInfo => ({ ...claim });
  const onClaimsChanged = (snapshot: ClaimsSnapshot) => {
    void connection.sendNotification(ClaimsChangedNotification, {
      claims: snapshot.claims.map(claimInfo),
      error: snapshot.error?.message,
    });
    if (snapshot.error) {
      logger.error(escapeControls(snapshot.error.message));
      if (!client.ours)
        showError(
          `Consistency Checker: the claims file is invalid, so no claim is checked until it is fixed. ${escapeControls(snapshot.error.message)}`,
        );
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
    folderSettings.use(settingsSource);
    const options = params.initializationOptions;
    initOptions = (options && typeof options === 'object' ? options : {}) as InitOptions;
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const root = rootUri ? URI.parse(rootUri).fsPath : (params.rootPath ?? undefined);
    claims.setRoot(root);
    workspaceFolderChanges = params.capabilities.workspace?.workspaceFolders === true;
    folderSettings.setFolders(
      params.workspaceFolders?.length ? params.workspaceFolders.map((f) => f.uri) : rootUri ? [rootUri] : [],
    );
    return {
      capabilities: {
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.pinClaim'] },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
      },
      // VERSION is defined by the bundler; a server run from source (in-process tests) has none.
      serverInfo: { name: 'consistency-checker', version: typeof VERSION === 'string' ? VERSION : 'dev' },
    };
  });

  connection.onInitialized(async () => {
    await settingsSource.settle(SETTINGS_SETTLE_MS);
    await folderSettings.refresh();
    await claims.load();
    claims.cleanUp();
    watchClaimsFiles(connection, claims, client.watchedFiles, logger);
    void model.configure(modelRequest(folderSettings.global));
    if (workspaceFolderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders(async (change) => {
        const removed = new Set(change.removed.map((f) => f.uri));
        folderSettings.setFolders([
          ...folderSettings.folderUris.filter((uri) => !removed.has(uri)),
          ...change.added.map((f) => f.uri),
        ]);
        await refreshSettings();
      });
    }
  });

  /** Asks the editor for every folder's settings again; re-checks what they change. */
  const refreshSettings = async () => {
    const before = folderSettings.signature();
    await folderSettings.refresh();
    await model.configure(modelRequest(folderSettings.global));
    if (folderSettings.signature() !== before) {
      checker.checkAllOpen();
      cross.schedule();
    }
  };

  connection.onDidChangeConfiguration(async (change) => {
    settingsSource.push(change?.settings);
    await refreshSettings();
  });

  onDocumentEvents(documents, { checker, cross, settings: (uri) => folderSettings.for(uri) });

  const context: ServerContext = {
    connection,
    documents,
    claims,
    checker,
    cross,
    model,
    status,
    settings: (uri) => folderSettings.for(uri),
    client: () => client,
    initOptions: () => initOptions,
    modelCacheDir,
    claimInfo,
    currentEvidence,
    goToClaimCommand: () =>
      client.ours ? Commands.revealClaim : client.showDocument ? ServerCommands.revealClaim : undefined,
  };
  registerEditorFeatures(context);
  registerClaimRequests(context);
  registerCheckRequests(context);
  registerModelRequests(context);

  // Answered at once, even in the middle of a check (Neovim waits 500 ms, then kills). Writing the
  // pair cache can take longer than that after a long check, so it and the model worker's stop run
  // right after the answer is sent, before `exit` is read.
  connection.onShutdown(() => {
    claims.dispose();
    checker.dispose();
    cross.dispose();
    clearTimeout(evidenceTimer);
    setImmediate(() => {
      checker.closePairCache();
      void model.dispose();
    });
  });

  documents.listen(connection);
  connection.listen();
}

/** How long the server waits after `initialized` for settings an editor pushes (only when it has none). */
const SETTINGS_SETTLE_MS = 500;

declare const VERSION: string | undefined;
