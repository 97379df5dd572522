// The claims module: the pinned-claims file and the dismissed-findings file under
// .consistency/, with their schema, precise error messages, atomic lost-update-safe saves,
// scope matching and dismissal keys. Pure logic on Node's fs; no vscode, no LSP.
// Format reference: docs/claims-format.md.
export type { Claim, ClaimSource, ClaimsDocument, DismissedDocument, DismissedFinding } from './types';
export { ClaimsError } from './errors';
export type { ClaimsProblem, ParseOptions } from './errors';
export { CLAIMS_DIR, CLAIMS_FILE, DISMISSED_FILE, claimsPath, dismissedPath, workspaceRelativeSegments } from './paths';
export { parseClaims, loadClaims, loadClaimsWithLines, serializeClaims, updateClaimsFile } from './claims-file';
export { MAX_CLAIMS_FILE_BYTES, type ReadOptions } from './file-io';
export { assertInsideWorkspace, isInside } from './confine';
export { addClaim } from './add-claim';
export type { NewClaim } from './add-claim';
export { claimAppliesTo } from './scope';
export { parseDismissed, loadDismissed, serializeDismissed, updateDismissedFile } from './dismissed-file';
export { dismissalKey, DismissedSet, addDismissal, normalizeSentence } from './dismissal-key';
export type { JsonFormat } from './json-format';
