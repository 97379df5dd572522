// Cross mode: contradictions between sentences of a document or a workspace, no claim needed.
export { CrossChecker, CROSS_SUPPRESSION_ID, crossDismissal, isCrossDismissed } from './cross-check';
export type { CrossDocument, CrossFinding, CrossOptions, CrossOutcome, CrossSide, CrossStats } from './cross-check';
export { allPairs, candidatePairs, DEFAULT_MAX_POSTING, DEFAULT_PER_SENTENCE } from './candidates';
export type { CandidateOptions, CandidatePair, CandidateSentence, CrossScope } from './candidates';
export { paragraphIndexes } from './paragraphs';
