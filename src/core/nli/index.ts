// Public API of the NLI engine. Other modules import from here only.
export { NliEngine } from './engine';
export { ModelError } from './model-error';
export type { NliLabel, NliPair, NliScore, NliEngineOptions, LabelOrder } from './types';
export { parseLabelOrder, LABELS_HOW_TO } from './labels';
