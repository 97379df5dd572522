// Public API of pair selection (which claim x sentence pairs reach the NLI model).
export {
  PairSelector,
  analyzeSentence,
  limitPairingCaches,
  isShortStatement,
  neededEvidence,
  DEFAULT_FLOOR,
  DEFAULT_FRACTION,
  SHORT_PAIR_FLOOR,
  SHORT_TEXT_WORDS,
} from './selector';
export type { PairingMode, PairSelectorOptions, SentenceKeys } from './selector';
export { analyzeText } from './terms';
export type { AnalyzeOptions, Term, TextAnalysis } from './terms';
export { stem } from './stem';
