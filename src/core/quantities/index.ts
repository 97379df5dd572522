// The quantity check: statements that give different values for the same quantity.
export { extractQuantities, tokenize, type Bound, type Mention } from './extract';
export {
  describe,
  differ,
  disagreement,
  MIN_SHARED_TERMS,
  quantityText,
  sameSubject,
  UNSHARED_ALLOWED,
  type Disagreement,
  type QuantityText,
} from './compare';
export { quantityFindings, type QuantityFinding, type QuantityOptions } from './check';
