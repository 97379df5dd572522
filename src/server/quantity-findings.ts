// Placeholder until the quantity check lands (src/core/quantities).
import type { Claim, DismissedSet } from '../core/claims';
import type { CrossDocument, CrossScope, CrossSide } from '../core/cross';
import type { SideFinding } from './pair-diagnostics';

export function quantitySideFindings(
  _docs: CrossDocument[],
  _scope: CrossScope,
  _claims: Claim[],
  _dismissed: DismissedSet | undefined,
  _side: (side: CrossSide) => SideFinding['here'] & { relativePath: string },
): Array<[string, SideFinding]> {
  return [];
}
