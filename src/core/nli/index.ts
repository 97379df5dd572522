// Public API of the NLI engine. Other modules import from here only.
export { NliEngine } from './engine';
export { ModelError } from './model-error';
export type { NliLabel, NliPair, NliScore, NliEngineOptions } from './types';
