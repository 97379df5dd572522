// The verdict flags `check` and `eval` share (src/core/verdict.ts): --threshold, --error-threshold,
// --margin, --direction, --combine, with the editor's defaults.
import type { VerdictOptions } from '../core/verdict';
import { DEFAULT_SETTINGS } from '../common/settings';
import type { ParsedArgs } from './args';
import { optionalNumberFlag, settingBounds, settingChoiceFlag, settingFlag } from './option-values';

export const VERDICT_FLAGS = ['threshold', 'error-threshold', 'margin', 'direction', 'combine'];

export const VERDICT_USAGE = `  --threshold T          warn when P(contradiction) >= T (default ${DEFAULT_SETTINGS.threshold})
  --error-threshold T    report an error when P(contradiction) >= T (default: no error tier);
                         when given, check exits 1 only on errors
  --margin M             flag only when P(contradiction) - P(entailment) >= M
                         (default ${DEFAULT_SETTINGS.margin}; 0 turns the rule off)
  --direction D          claim-premise (default: the claim is the premise) or both (also
                         score the sentence as the premise)
  --combine C            with --direction both: max (default: the more contradicting
                         direction) or mean (the average of the two)`;

export function verdictOptions(args: ParsedArgs): Required<VerdictOptions> {
  const direction = settingChoiceFlag(args, 'direction', 'direction');
  const combine = settingChoiceFlag(args, 'combine', 'directionCombine');
  return {
    threshold: settingFlag(args, 'threshold', 'threshold'),
    errorThreshold:
      optionalNumberFlag(args, 'error-threshold', settingBounds('errorThreshold')) ?? DEFAULT_SETTINGS.errorThreshold,
    margin: settingFlag(args, 'margin', 'margin'),
    direction,
    combine,
  };
}
