// The custom LSP messages between the VS Code client (or any editor) and the language server.
// One module so that both sides agree on names and shapes. Settings are in settings.ts and command
// ids in commands.ts, which do not load vscode-languageserver-protocol as this module does.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

/** A claim as the client sees it (mirrors the claims file entry; the client counts findings from the diagnostics). */
export interface ClaimInfo {
  id: string;
  text: string;
  enabled: boolean;
  scope?: string | string[];
  note?: string;
  source?: { file: string; start: number; end: number; line?: number };
}

export interface PinClaimParams {
  /** Claim text; when absent the server takes the sentence at `position` in `uri`. */
  text?: string;
  uri?: string;
  /** Offset-free position (LSP line/character) used when no text is given. */
  position?: { line: number; character: number };
  /** Selected range the text came from (recorded as the claim's source). */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  note?: string;
  scope?: string;
}
export interface PinClaimResult {
  claim: ClaimInfo;
}
export const PinClaimRequest = new RequestType<PinClaimParams, PinClaimResult, void>('consistency/pinClaim');

export interface UnpinClaimParams {
  id: string;
}
export const UnpinClaimRequest = new RequestType<UnpinClaimParams, { removed: boolean }, void>(
  'consistency/unpinClaim',
);

export interface UpdateClaimParams {
  id: string;
  text?: string;
  enabled?: boolean;
  scope?: string | null;
  note?: string | null;
}
export const UpdateClaimRequest = new RequestType<UpdateClaimParams, { claim: ClaimInfo }, void>(
  'consistency/updateClaim',
);

export const ListClaimsRequest = new RequestType0<{ claims: ClaimInfo[]; claimsFile?: string; error?: string }, void>(
  'consistency/listClaims',
);

export interface DismissFindingParams {
  uri: string;
  claimId: string;
  /** The sentence text as flagged; dismissals are keyed by content, not position. */
  sentence: string;
}
export const DismissFindingRequest = new RequestType<DismissFindingParams, void, void>('consistency/dismissFinding');

/** A dismissed finding as `.consistency/dismissed.json` lists it (`file` relative to the workspace root). */
export interface DismissedFindingInfo {
  claimId: string;
  file: string;
  sentence: string;
  /** When it was dismissed (ISO 8601), if recorded. */
  at?: string;
  /** The claim's text now; absent when the claim is gone. */
  claim?: string;
}
export const ListDismissedRequest = new RequestType0<{ dismissed: DismissedFindingInfo[] }, void>(
  'consistency/listDismissed',
);

/** Takes a dismissal back: `uri` (an open document) or `file` (workspace-relative) names the document. */
export interface RestoreDismissalParams {
  claimId: string;
  sentence: string;
  uri?: string;
  file?: string;
}
export const RestoreDismissalRequest = new RequestType<RestoreDismissalParams, { restored: boolean }, void>(
  'consistency/restoreDismissal',
);

export interface CheckDocumentParams {
  uri: string;
}
export interface CheckResult {
  documents: number;
  sentences: number;
  findings: number;
  cancelled: boolean;
}
export const CheckDocumentRequest = new RequestType<CheckDocumentParams, CheckResult, void>(
  'consistency/checkDocument',
);

export interface CheckWorkspaceParams {
  /** Optional work-done token created by the client (`window/workDoneProgress/create`). */
  workDoneToken?: string | number;
}
export const CheckWorkspaceRequest = new RequestType<CheckWorkspaceParams, CheckResult, void>(
  'consistency/checkWorkspace',
);

export const ClearDiagnosticsNotification = new NotificationType<{ uri?: string }>('consistency/clearDiagnostics');

export type ServerState = 'starting' | 'loadingModel' | 'ready' | 'checking' | 'error' | 'noModel';
export interface ServerStatus {
  state: ServerState;
  /** Human-readable one-liner for a status bar. */
  message: string;
  model?: string;
  /** While checking: pairs (or sentences) done and total. */
  done?: number;
  total?: number;
  /** When state is error/noModel: what to do about it. */
  detail?: string;
  /** When state is noModel because a catalog model is not installed: what can be downloaded. */
  download?: { id: string; repo: string; size: string };
}
/** Server -> client, whenever the state changes. */
export const StatusNotification = new NotificationType<ServerStatus>('consistency/status');
/** Client -> server, on demand. */
export const StatusRequest = new RequestType0<ServerStatus, void>('consistency/getStatus');

export interface DownloadModelParams {
  /** Catalog id, e.g. `e5-small-v2-nli`. */
  id: string;
  /** Work-done progress token created by the client; progress is reported in MB. */
  workDoneToken?: string | number;
}
/**
 * Client -> server, only after the user agreed: downloads (resumable, SHA-256 verified) and
 * converts a catalog model into the user cache, then loads it. Cancel the request to stop.
 */
export const DownloadModelRequest = new RequestType<DownloadModelParams, { dir: string }, void>(
  'consistency/downloadModel',
);

/** Client -> server: the ranges each visible editor shows, so they are checked first. */
export interface VisibleRangesParams {
  editors: {
    uri: string;
    ranges: { start: { line: number; character: number }; end: { line: number; character: number } }[];
  }[];
}
export const VisibleRangesNotification = new NotificationType<VisibleRangesParams>('consistency/visibleRanges');

/** A sentence that supports or contradicts a claim (evidence). */
export interface EvidenceSentence {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  sentence: string;
  kind: 'supports' | 'contradicts';
  /** P(entailment) for support, P(contradiction) for a contradiction. */
  probability: number;
  /** Support only: the sentence states the claim itself (its source, or the same words; not scored). */
  restates?: boolean;
}

/** Per claim, over the documents the server has checked (open, or in a workspace check). */
export interface ClaimEvidenceInfo {
  claimId: string;
  supportedBy: number;
  contradictedBy: number;
  /** Checked documents the claim applies to. */
  documents: number;
  /** Applies to a checked document, and no sentence supports it. */
  unsupported: boolean;
  /** The sentences, supporting ones first, at most EVIDENCE_SENTENCES_PER_CLAIM. */
  sentences: EvidenceSentence[];
}
export const EVIDENCE_SENTENCES_PER_CLAIM = 50;
/** Server -> client, after checks change what supports or contradicts the claims. */
export const EvidenceNotification = new NotificationType<{ claims: ClaimEvidenceInfo[] }>('consistency/evidence');
/** Client -> server, on demand (after a restart). */
export const EvidenceRequest = new RequestType0<{ claims: ClaimEvidenceInfo[] }, void>('consistency/getEvidence');

/** Server -> client: the claims file changed (pin, unpin, edit on disk). */
export const ClaimsChangedNotification = new NotificationType<{ claims: ClaimInfo[]; error?: string }>(
  'consistency/claimsChanged',
);

/** One side of a finding between two sentences. */
export interface PairSide {
  uri: string;
  sentence: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** Dismiss a cross or quantity finding between two sentences (both sides' diagnostics go). */
export interface DismissPairParams {
  kind: 'cross' | 'quantity';
  a: PairSide;
  b: PairSide;
}

/** The `data` of a cross (code `cross`) or quantity (code `quantity`) diagnostic. */
export interface PairFindingData {
  kind: 'cross' | 'quantity';
  sentence: string;
  /** The text "Pin this one as a claim" pins (the sentence as a reader sees it, markup removed). */
  pin?: string;
  /** The other sentence; absent for a quantity that disagrees with a claim (then claimId). */
  other?: PairSide;
  claimId?: string;
  probabilities?: { entailment: number; neutral: number; contradiction: number };
}

/** "Consistency: Find contradictions between documents" (cross mode over the workspace, on demand). */
export const CrossCheckWorkspaceRequest = new RequestType<CheckWorkspaceParams, CheckResult, void>(
  'consistency/crossCheckWorkspace',
);

/** The `data` attached to each diagnostic, so code actions need no lookup. */
export interface FindingData {
  claimId: string;
  sentence: string;
  probabilities: { entailment: number; neutral: number; contradiction: number };
}
