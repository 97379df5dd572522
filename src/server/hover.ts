// The hover on a flagged sentence: which claim it contradicts, the model's three probabilities,
// and command links to go to the claim, dismiss the finding or unpin the claim.
import type { Finding } from '../core/check';
import type { Claim } from '../core/claims';
import { type ClaimEvidenceInfo, type DismissFindingParams, type UnpinClaimParams } from '../common/protocol';
import { Commands, ServerCommands } from '../common/commands';
import { escapeControlsOneLine } from '../core/text/printable';
import { percent } from './diagnostics';

export function hoverMarkdown(uri: string, findings: Finding[], modelName: string): string {
  return findings.map((f) => findingSection(uri, f, modelName)).join('\n\n---\n\n');
}

function findingSection(uri: string, finding: Finding, modelName: string): string {
  const p = finding.probabilities;
  const dismiss: DismissFindingParams = { uri, claimId: finding.claim.id, sentence: finding.sentence.text };
  const unpin: UnpinClaimParams = { id: finding.claim.id };
  const links = [
    `[Go to claim](${commandUri(Commands.revealClaim, { id: finding.claim.id })})`,
    `[Dismiss](${commandUri(ServerCommands.dismissFinding, dismiss)})`,
    `[Unpin claim](${commandUri(ServerCommands.unpinClaim, unpin)})`,
  ];
  return [
    `**Contradicts pinned claim ${finding.claim.id}**`,
    '',
    `> ${escapeMarkdown(finding.claim.text)}`,
    '',
    `| entailment | neutral | contradiction |`,
    `|:---:|:---:|:---:|`,
    `| ${percent(p.entailment)} | ${percent(p.neutral)} | **${percent(p.contradiction)}** |`,
    '',
    ...directionsLine(finding),
    `Model: \`${modelName}\``,
    '',
    links.join(' · '),
  ].join('\n');
}

/** With consistency.direction "both": what each direction said (the table shows them combined). */
function directionsLine(finding: Finding): string[] {
  if (!finding.directions) return [];
  const [claimFirst, sentenceFirst] = finding.directions;
  return [
    `Contradiction with the claim as premise ${percent(claimFirst.contradiction)}, with the sentence as premise ${percent(sentenceFirst.contradiction)}.`,
    '',
  ];
}

/** The hover on the sentence a claim was pinned from: its evidence in the checked documents. */
export function evidenceHoverMarkdown(
  claim: Claim,
  evidence: ClaimEvidenceInfo,
  relativePath: (uri: string) => string,
): string {
  const tally = `supported by ${evidence.supportedBy} · contradicted by ${evidence.contradictedBy}`;
  const lines = [`**Pinned claim ${claim.id}**: ${tally}${evidence.unsupported ? ' · **unsupported**' : ''}`, ''];
  const shown = evidence.sentences.slice(0, 5);
  for (const e of shown) {
    const where = `${relativePath(e.uri)}:${e.range.start.line + 1}`;
    const strength = e.restates ? 'states it' : percent(e.probability);
    lines.push(
      `- ${e.kind === 'supports' ? 'supports' : 'contradicts'} (${strength}), ${escapeMarkdown(where)}: ${escapeMarkdown(e.sentence)}`,
    );
  }
  if (evidence.sentences.length > shown.length)
    lines.push(`- and ${evidence.sentences.length - shown.length} more in the Claims view`);
  if (evidence.documents === 0) lines.push('_No checked document is in the scope of this claim yet._');
  else if (evidence.unsupported)
    lines.push(
      `_No sentence in the ${evidence.documents} checked document${evidence.documents === 1 ? '' : 's'} in its scope supports it._`,
    );
  lines.push('', `[Go to claim](${commandUri(Commands.revealClaim, { id: claim.id })})`);
  return lines.join('\n');
}

function commandUri(command: string, arg: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
}

function escapeMarkdown(text: string): string {
  return escapeControlsOneLine(text).replace(/[\\`*_{}[\]<>()#+\-!|]/g, '\\$&');
}
