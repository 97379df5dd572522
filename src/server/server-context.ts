// The parts of a running server that the request handlers (handlers/*.ts) share. server.ts builds
// it once; each handler file registers one group of requests against it.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Claim } from '../core/claims';
import type { ClaimEvidenceInfo, ClaimInfo } from '../common/protocol';
import type { ConsistencySettings } from '../common/settings';
import type { ClaimsStore } from './claims-store';
import type { ClientProfile } from './client-profile';
import type { CrossService } from './cross-service';
import type { DocumentChecker } from './document-checker';
import type { ModelHost } from './model-host';
import type { StatusReporter } from './status-reporter';

/** Options a client may pass in `initializationOptions`. */
export interface InitOptions {
  /** The VS Code client shows model errors with its own buttons; the server then stays quiet. */
  clientShowsModelErrors?: boolean;
  /** VS Code's globalStorageUri path: downloaded models go to its models/ folder. */
  globalStoragePath?: string;
  /** The editor's proxy settings (VS Code: http.proxy, http.proxyStrictSSL) for model downloads. */
  http?: { proxy?: string; proxyStrictSSL?: boolean };
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  claims: ClaimsStore;
  checker: DocumentChecker;
  cross: CrossService;
  model: ModelHost;
  status: StatusReporter;
  /** The settings of a document's workspace folder; no URI: the unscoped ones (the model). */
  settings(uri?: string): ConsistencySettings;
  client(): ClientProfile;
  initOptions(): InitOptions;
  /** Where downloaded models go. */
  modelCacheDir(): string;
  /** A claim as the client lists it, with its number of findings. */
  claimInfo(claim: Claim): ClaimInfo;
  /** What supports and contradicts each enabled claim now. */
  currentEvidence(): ClaimEvidenceInfo[];
  /**
   * "Go to claim": our client reveals the claim itself (consistency.revealClaim); other editors
   * that implement window/showDocument get the server's command; the rest are not offered it.
   */
  goToClaimCommand(): string | undefined;
}
