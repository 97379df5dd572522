// The quantity check in the server: its findings as each side sees them (see pair-diagnostics.ts).
import type { Claim, DismissedSet } from '../core/claims';
import type { CrossDocument, CrossScope, CrossSide } from '../core/cross';
import { quantityFindings } from '../core/quantities';
import type { SideFinding } from './pair-diagnostics';

type Located = SideFinding['here'] & { relativePath: string };

/** [uri, finding] for each side of each quantity that disagrees (one side when it is a claim). */
export function quantitySideFindings(
  docs: CrossDocument[],
  scope: CrossScope,
  claims: Claim[],
  dismissed: DismissedSet | undefined,
  locate: (side: CrossSide) => Located,
): Array<[string, SideFinding]> {
  const out: Array<[string, SideFinding]> = [];
  for (const f of quantityFindings(docs, { scope, claims, dismissed })) {
    const a = locate(f.a);
    if (f.claim) {
      out.push([
        a.uri,
        {
          kind: 'quantity',
          here: a,
          claim: { id: f.claim.id, text: f.claim.text },
          severity: 'warning',
          says: f.says,
          otherSays: f.otherSays,
        },
      ]);
      continue;
    }
    const b = locate(f.b!);
    out.push([
      a.uri,
      { kind: 'quantity', here: a, other: b, severity: 'warning', says: f.says, otherSays: f.otherSays },
    ]);
    out.push([
      b.uri,
      { kind: 'quantity', here: b, other: a, severity: 'warning', says: f.otherSays, otherSays: f.says },
    ]);
  }
  return out;
}
