// The hover on a flagged sentence: which claim it contradicts, the model's three probabilities,
// and command links to go to the claim, dismiss the finding or unpin the claim.
import type { Finding } from '../core/check';
import { Commands, ServerCommands, type DismissFindingParams, type UnpinClaimParams } from '../common/protocol';
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
    `Model: \`${modelName}\``,
    '',
    links.join(' · '),
  ].join('\n');
}

function commandUri(command: string, arg: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+\-!|]/g, '\\$&');
}
