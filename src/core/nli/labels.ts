// The model's label order comes from config.json id2label, because NLI models disagree:
// e5/MNLI-style heads are [entailment, neutral, contradiction], sentence-transformers
// cross-encoders are [contradiction, entailment, neutral]. Guessing the order would silently
// turn contradictions into entailments, so an unmappable config is an error.
import { ModelError } from './model-error';
import { NLI_LABELS, type NliLabel } from './types';
import type { JsonObject } from './model-folder';

export interface ModelLabels {
  /** Names as the model spells them, in output order. */
  labels: string[];
  /** canonical[i] is the canonical name of output i. */
  canonical: NliLabel[];
}

export function readLabels(config: JsonObject, configPath: string): ModelLabels {
  const fail = (what: string): never => {
    throw new ModelError(
      `${configPath}: ${what}`,
      configPath,
      'Use an NLI model whose config.json id2label names its three outputs entailment, neutral and contradiction (any case).',
    );
  };
  const id2label = config.id2label;
  if (id2label === null || typeof id2label !== 'object' || Array.isArray(id2label)) {
    return fail('id2label is missing, so the order of the model outputs is unknown');
  }
  const entries = Object.entries(id2label as Record<string, unknown>);
  const labels: string[] = new Array(entries.length);
  for (const [key, name] of entries) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= entries.length || labels[index] !== undefined) {
      fail(`id2label keys must be 0..${entries.length - 1}, got ${JSON.stringify(key)}`);
    }
    if (typeof name !== 'string') fail(`id2label[${key}] is not a string`);
    labels[index] = name as string;
  }
  const canonical = labels.map((name) => NLI_LABELS.find((c) => c === name.trim().toLowerCase()));
  const mapped = canonical.filter((c): c is NliLabel => c !== undefined);
  if (mapped.length !== NLI_LABELS.length || new Set(mapped).size !== NLI_LABELS.length || labels.length !== 3) {
    fail(`id2label ${JSON.stringify(labels)} cannot be mapped to entailment, neutral and contradiction`);
  }
  return { labels, canonical: mapped };
}
