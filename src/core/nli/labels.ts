// The model's label order comes from config.json id2label, because NLI models disagree:
// e5/MNLI-style heads are [entailment, neutral, contradiction], sentence-transformers
// cross-encoders are [contradiction, entailment, neutral]. Guessing the order would silently
// turn contradictions into entailments, so an unmappable config is an error.
//
// Many Hub fine-tunes ship the generic names transformers writes when nobody named the outputs
// (LABEL_0, LABEL_1, LABEL_2). Their order is then known only from outside the config: the
// model catalog, or the user (`--labels`, the `consistency.modelLabels` setting). When the config
// does name its outputs, an order given from outside must agree with it.
import { ModelError } from './model-error';
import { NLI_LABELS, type LabelOrder, type NliLabel } from './types';
import type { JsonObject } from './model-folder';

export interface ModelLabels {
  /** Names as the model spells them, in output order. */
  labels: string[];
  /** canonical[i] is the canonical name of output i. */
  canonical: NliLabel[];
}

/** What to write to name the outputs of a model whose config.json does not. */
export const LABELS_HOW_TO =
  'Name the outputs in the order the model was trained with (see its model card): ' +
  '`--labels entailment,neutral,contradiction` on the command line, or the "consistency.modelLabels" setting in the editor.';

export function readLabels(config: JsonObject, configPath: string, given?: LabelOrder): ModelLabels {
  const labels = readId2label(config, configPath);
  return { labels, canonical: resolveLabelOrder(labels, configPath, given) };
}

/** id2label's names in index order (any names); throws ModelError when it is missing or malformed. */
export function readId2label(config: JsonObject, configPath: string): string[] {
  const fail = (what: string): never => {
    throw new ModelError(`${configPath}: ${what}`, configPath, UNMAPPABLE_HINT);
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
  return labels;
}

/**
 * The canonical name of each output: from the config's own names, or, when they are the generic
 * LABEL_i, from `given`. A `given` order that disagrees with names the config does have is an error
 * naming both, since one of them would invert every finding.
 */
export function resolveLabelOrder(names: string[], configPath: string, given?: LabelOrder): NliLabel[] {
  if (names.length === 3 && isGeneric(names)) {
    if (!given) {
      throw new ModelError(
        `${configPath}: id2label ${JSON.stringify(names)} is generic, so it does not say which output is entailment, neutral or contradiction. ${LABELS_HOW_TO}`,
        configPath,
        'The model card usually gives the order of the outputs (for example as a label_mapping list).',
      );
    }
    return [...given.labels];
  }
  const canonical = names.map((name) => canonicalLabel(name));
  const mapped = canonical.filter((c): c is NliLabel => c !== undefined);
  if (mapped.length !== NLI_LABELS.length || new Set(mapped).size !== NLI_LABELS.length || names.length !== 3) {
    throw new ModelError(
      `${configPath}: id2label ${JSON.stringify(names)} cannot be mapped to entailment, neutral and contradiction`,
      configPath,
      UNMAPPABLE_HINT,
    );
  }
  if (given && given.labels.some((label, i) => label !== mapped[i])) {
    throw new ModelError(
      `${configPath}: id2label says the outputs are ${mapped.join(', ')}, but ${given.source} says ${given.labels.join(', ')}`,
      configPath,
      `Check the model card for the order the model was trained with, then correct ${given.source} or config.json.`,
    );
  }
  return mapped;
}

/**
 * Parses a label order as users write it: "entailment,neutral,contradiction" or a list of the
 * three names (any case, each once). Throws RangeError with a message the caller can show.
 */
export function parseLabelOrder(value: string | readonly string[]): NliLabel[] {
  const parts = (typeof value === 'string' ? value.split(',') : [...value]).map((s) => s.trim());
  const labels = parts.map((part) => canonicalLabel(part));
  if (parts.length !== 3 || labels.some((l) => l === undefined) || new Set(labels).size !== 3) {
    throw new RangeError(
      `labels must name entailment, neutral and contradiction once each, in output order (e.g. entailment,neutral,contradiction), not ${JSON.stringify(parts.join(','))}`,
    );
  }
  return labels as NliLabel[];
}

/** True for transformers' default names, LABEL_0 .. LABEL_n-1 in order. */
export function isGeneric(names: readonly string[]): boolean {
  return names.length > 0 && names.every((name, i) => name.trim().toUpperCase() === `LABEL_${i}`);
}

function canonicalLabel(name: string): NliLabel | undefined {
  return NLI_LABELS.find((c) => c === name.trim().toLowerCase());
}

const UNMAPPABLE_HINT =
  'Use an NLI model whose config.json id2label names its three outputs entailment, neutral and contradiction (any case).';
