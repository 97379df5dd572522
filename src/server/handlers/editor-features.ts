// Hovers (a finding's scores, a pinned sentence's evidence) and code actions (quick fixes, "Pin
// as a claim").
import type { CodeActionParams, Hover, HoverParams, MarkupContent, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ClientCommands, Commands } from '../../common/commands';
import { withoutCommandLinks } from '../client-profile';
import { findingActions, pinSentenceAction } from '../code-actions';
import { evidenceHoverMarkdown, hoverMarkdown } from '../hover';
import { isPairDiagnostic, pairActions } from '../pair-diagnostics';
import type { ServerContext } from '../server-context';

export function registerEditorFeatures(ctx: ServerContext): void {
  const { connection, documents, claims, checker, cross, model } = ctx;

  connection.onHover((params) => {
    const hover = hoverAt(params);
    if (!hover || ctx.client().ours) return hover;
    const available = (command: string) =>
      command === Commands.revealClaim ? !!ctx.goToClaimCommand() : command.startsWith('consistency.server.');
    return {
      ...hover,
      contents: { kind: 'markdown' as const, value: withoutCommandLinks(hover.contents.value, available) },
    };
  });
  const hoverAt = (params: HoverParams): (Hover & { contents: MarkupContent }) | null => {
    const document = documents.get(params.textDocument.uri);
    const engine = model.engine;
    if (!document || !engine) return null;
    const offset = document.offsetAt(params.position);
    const findings = checker.findingsAt(document.uri, offset);
    const pairHover = cross.hover(document.uri, offset, document, engine.modelName);
    if (findings.length === 0 && pairHover)
      return { contents: { kind: 'markdown', value: pairHover.markdown }, range: pairHover.range };
    if (findings.length === 0) {
      // On the sentence a claim was pinned from: what supports and contradicts that claim.
      const relativePath = checker.relativePath(document.uri);
      const pinned = claims.current.claims.find(
        (c) => c.source?.file === relativePath && c.source.start <= offset && offset <= c.source.end,
      );
      if (!pinned?.source) return null;
      const [evidence] = checker.evidence([pinned]);
      return {
        contents: {
          kind: 'markdown',
          value: evidenceHoverMarkdown(pinned, evidence, (uri) => checker.relativePath(uri)),
        },
        range: { start: document.positionAt(pinned.source.start), end: document.positionAt(pinned.source.end) },
      };
    }
    const first = findings[0].sentence;
    return {
      contents: {
        kind: 'markdown',
        value:
          hoverMarkdown(document.uri, findings, engine.modelName) +
          (pairHover ? `\n\n---\n\n${pairHover.markdown}` : ''),
      },
      range: { start: document.positionAt(first.start), end: document.positionAt(first.end) },
    };
  };

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const claimText = (id: string) => claims.current.claims.find((c) => c.id === id)?.text;
    const ours = ctx.client().ours;
    const actions = [
      ...findingActions(
        document.uri,
        params.context.diagnostics.filter((d) => !isPairDiagnostic(d)),
        claimText,
        ctx.goToClaimCommand(),
        ...(ours ? [ClientCommands.dismissFinding, Commands.unpinClaim] : []),
      ),
      ...pairActions(document.uri, params.context.diagnostics),
    ];
    const offer = ctx.settings(document.uri).pinCodeAction && claims.root ? pinOffered(document, params) : undefined;
    if (offer) actions.push(pinSentenceAction(document.uri, offer.text, offer.range));
    return actions;
  });

  /**
   * "Pin as a claim" only where the writer asked for it: on a selection (the selected text), or
   * when the editor asks for refactorings (VS Code's Refactor menu; the sentence at the cursor).
   * Never as a lightbulb on every sentence, as cSpell and LTeX do; consistency.pinCodeAction off hides it.
   */
  const pinOffered = (document: TextDocument, params: CodeActionParams): { text: string; range: Range } | undefined => {
    const start = document.offsetAt(params.range.start);
    const end = document.offsetAt(params.range.end);
    const selected = document.getText().slice(start, end).replace(/\s+/g, ' ').trim();
    if (selected) return { text: selected, range: params.range };
    const refactoring =
      params.context.only?.some((kind) => kind === 'refactor' || kind.startsWith('refactor.')) ?? false;
    const sentence = refactoring ? checker.sentenceAt(document.uri, start) : undefined;
    return (
      sentence && {
        text: sentence.clean,
        range: { start: document.positionAt(sentence.start), end: document.positionAt(sentence.end) },
      }
    );
  };
}
