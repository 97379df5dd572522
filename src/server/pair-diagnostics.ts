// Findings between two sentences (cross mode, code `cross`; quantities, code `quantity`) as LSP
// diagnostics, hovers and quick fixes. Each side of a pair gets its own diagnostic with the other
// side as related information, so the pair is visible (and navigable) from either document.
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import {
  type DismissFindingParams,
  type DismissPairParams,
  type PairFindingData,
  type PairSide,
  type PinClaimParams,
} from '../common/protocol';
import { ServerCommands } from '../common/commands';
import type { ConsistencySettings } from '../common/settings';
import type { FindingSeverity, Probabilities } from '../core/verdict';
import { escapeControlsOneLine } from '../core/text/printable';
import { DIAGNOSTIC_SOURCE } from '../common/constants';
import { percent } from './diagnostics';

export type PairKind = 'cross' | 'quantity';

/** One side's view of a finding: this sentence, and the other sentence or the claim. */
export interface SideFinding {
  kind: PairKind;
  here: PairSide & { clean: string };
  /** The other sentence (cross; quantity between sentences). */
  other?: PairSide & { relativePath: string };
  /** A quantity that disagrees with a claim. */
  claim?: { id: string; text: string };
  probabilities?: Probabilities;
  /** [here as premise, other as premise]. */
  directions?: Probabilities[];
  severity: FindingSeverity;
  /** quantity: what this side says and what the other says ("50 requests per second", "100"). */
  says?: string;
  otherSays?: string;
}

const SEVERITY: Record<ConsistencySettings['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function pairMessage(f: SideFinding): string {
  const where = f.other ? `${f.other.relativePath}:${f.other.range.start.line + 1}` : '';
  if (f.kind === 'cross')
    return `Contradicts "${shorten(f.other!.sentence, 80)}" (${where}) (${percent(f.probabilities!.contradiction)})`;
  return f.claim ? `Says ${f.says}; the claim says ${f.otherSays}` : `Says ${f.says}; ${where} says ${f.otherSays}`;
}

export function pairDiagnostic(f: SideFinding, severity: ConsistencySettings['severity']): Diagnostic {
  const data: PairFindingData = {
    kind: f.kind,
    sentence: f.here.sentence,
    pin: f.here.clean,
    ...(f.other ? { other: { uri: f.other.uri, sentence: f.other.sentence, range: f.other.range } } : {}),
    ...(f.claim ? { claimId: f.claim.id } : {}),
    ...(f.probabilities ? { probabilities: f.probabilities } : {}),
  };
  return {
    range: f.here.range,
    severity: SEVERITY[f.severity === 'error' ? 'error' : severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.kind,
    message: pairMessage(f),
    relatedInformation: f.other
      ? [
          {
            location: { uri: f.other.uri, range: f.other.range },
            message: `${f.kind === 'cross' ? 'Contradicting' : 'Disagreeing'} sentence: ${shorten(f.other.sentence, 120)}`,
          },
        ]
      : undefined,
    data,
  };
}

export function isPairDiagnostic(d: Diagnostic): boolean {
  return d.source === DIAGNOSTIC_SOURCE && (d.code === 'cross' || d.code === 'quantity');
}

export function pairHoverMarkdown(findings: SideFinding[], modelName: string): string {
  return findings.map((f) => section(f, modelName)).join('\n\n---\n\n');
}

function section(f: SideFinding, modelName: string): string {
  const lines: string[] = [];
  if (f.kind === 'cross') {
    lines.push(
      '**Two sentences contradict each other** (cross mode)',
      '',
      `> ${escapeMarkdown(f.here.sentence)}`,
      '',
      `> ${escapeMarkdown(f.other!.sentence)}`,
      '',
      `_${escapeMarkdown(f.other!.relativePath)}:${f.other!.range.start.line + 1}_`,
      '',
    );
    const rows = (f.directions ?? [f.probabilities!]).map(
      (p, i) =>
        `| ${f.directions ? (i === 0 ? 'this → other' : 'other → this') : 'combined'} | ${percent(p.entailment)} | ${percent(p.neutral)} | ${percent(p.contradiction)} |`,
    );
    lines.push(
      '| premise → hypothesis | entailment | neutral | contradiction |',
      '|:---|:---:|:---:|:---:|',
      ...rows,
      '',
      `Model: \`${modelName}\``,
    );
  } else {
    lines.push(
      `**A quantity disagrees**: this sentence says ${escapeMarkdown(f.says ?? '')}, ${f.claim ? `claim ${escapeMarkdown(f.claim.id)}` : 'the other'} says ${escapeMarkdown(f.otherSays ?? '')}`,
      '',
    );
    lines.push(`> ${escapeMarkdown(f.claim ? f.claim.text : f.other!.sentence)}`);
    if (f.other) lines.push('', `_${escapeMarkdown(f.other.relativePath)}:${f.other.range.start.line + 1}_`);
  }
  const links: string[] = [];
  if (f.other) {
    const dismiss: DismissPairParams = {
      kind: f.kind,
      a: { uri: f.here.uri, sentence: f.here.sentence, range: f.here.range },
      b: { uri: f.other.uri, sentence: f.other.sentence, range: f.other.range },
    };
    links.push(
      `[Pin this one as a claim](${commandUri(ServerCommands.pinSentence, pinParams(f.here))})`,
      `[Dismiss this pair](${commandUri(ServerCommands.dismissPair, dismiss)})`,
    );
  }
  if (links.length > 0) lines.push('', links.join(' · '));
  return lines.join('\n');
}

/** "Pin this one as a claim" and "Dismiss this pair" on a pair diagnostic. */
export function pairActions(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (!isPairDiagnostic(diagnostic) || !diagnostic.data) continue;
    const data = diagnostic.data as PairFindingData;
    if (!data.other) {
      // A quantity against a claim: dismissed like a claim finding, under its own id.
      if (data.claimId) {
        const dismiss: DismissFindingParams = { uri, claimId: `quantity:${data.claimId}`, sentence: data.sentence };
        actions.push({
          title: `Dismiss this finding (quantity, claim ${data.claimId})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: 'Dismiss finding', command: ServerCommands.dismissFinding, arguments: [dismiss] },
        });
      }
      continue;
    }
    const here: PairSide = { uri, sentence: data.sentence, range: diagnostic.range };
    actions.push({
      title: `Pin this one as a claim: "${shorten(data.sentence, 60)}"`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      command: {
        title: 'Pin claim',
        command: ServerCommands.pinSentence,
        arguments: [{ uri, text: data.pin ?? data.sentence, range: diagnostic.range } satisfies PinClaimParams],
      },
    });
    actions.push({
      title: 'Dismiss this pair',
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: {
        title: 'Dismiss pair',
        command: ServerCommands.dismissPair,
        arguments: [{ kind: data.kind, a: here, b: data.other } satisfies DismissPairParams],
      },
    });
  }
  return actions;
}

function pinParams(side: PairSide & { clean: string }): PinClaimParams {
  return { uri: side.uri, text: side.clean, range: side.range };
}

function commandUri(command: string, arg: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
}

function escapeMarkdown(text: string): string {
  return escapeControlsOneLine(text).replace(/[\\`*_{}[\]<>()#+\-!|]/g, '\\$&');
}

function shorten(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}
