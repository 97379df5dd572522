// `--labels`, for every command that takes a model folder (check, score, eval, model convert).
import { parseLabelOrder, type LabelOrder } from '../core/nli';
import { UsageError, type ParsedArgs } from './args';

/** `--labels entailment,neutral,contradiction`: the output order of a model with a generic config. */
export function labelsOption(args: ParsedArgs): LabelOrder | undefined {
  const value = args.get('labels');
  if (value === undefined) return undefined;
  try {
    return { labels: parseLabelOrder(value), source: '--labels' };
  } catch (err) {
    throw new UsageError(`--${(err as Error).message}`);
  }
}

/** The usage line every command that takes a model folder shows for --labels. */
export const LABELS_USAGE = `  --labels L,L,L         output order of a model whose config.json says LABEL_0..2
                         (e.g. entailment,neutral,contradiction; see the model card)`;
