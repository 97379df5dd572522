// The shapes of the two files under .consistency/ (see docs/claims-format.md).

/** Where a claim was pinned from: workspace-relative path, UTF-16 offsets, 1-based line. */
export interface ClaimSource {
  file: string;
  start: number;
  end: number;
  line?: number;
}

export interface Claim {
  id: string;
  text: string;
  /** Defaults to true when the file leaves it out. */
  enabled: boolean;
  /** Glob or globs relative to the workspace root; absent means every document. */
  scope?: string | string[];
  source?: ClaimSource;
  note?: string;
}

export interface ClaimsDocument {
  version: 1;
  claims: Claim[];
}

export interface DismissedFinding {
  claimId: string;
  /** Workspace-relative, forward slashes. */
  file: string;
  sentence: string;
  /** ISO date of the dismissal. */
  at?: string;
}

export interface DismissedDocument {
  version: 1;
  dismissed: DismissedFinding[];
}

/** The only format version this code reads and writes. */
export const FORMAT_VERSION = 1;
