// Cross mode and the quantity check in the server: runs in the background after the
// claim checks (the engine's background priority, so typing never waits for it), visible documents
// first, cancelled by the next edit, and scored through the claim checks' score cache. Its
// diagnostics are merged with the claim check's for each document (see wrapConnection).
import { URI } from 'vscode-uri';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PairScorer } from '../core/check';
import { isAbortError } from '../core/util/abort';
import {
  CrossChecker,
  crossDismissal,
  type CrossDocument,
  type CrossFinding,
  type CrossScope,
  type CrossSide,
} from '../core/cross';
import type { ScoreCache } from '../core/score-cache';
import {
  effectiveLanguage,
  languageForPath,
  normalizeLanguageId,
  segmentDocument,
  type Sentence,
} from '../core/segment';
import { Suppressions } from '../core/suppressions';
import type { CheckResult, DismissPairParams, VisibleRangesParams } from '../common/protocol';
import type { ConsistencySettings } from '../common/settings';
import type { ClaimsStore } from './claims-store';
import type { DiagnosticsSink, Logger, OpenDocuments, WorkspaceReader } from './interfaces';
import { pairDiagnostic, pairHoverMarkdown, type SideFinding } from './pair-diagnostics';
import { quantitySideFindings } from './quantity-findings';
import { verdictOptionsOf } from './settings';
import type { ProgressSink } from './document-checker';

export interface CrossServiceDeps {
  /** Where the merged diagnostics (the claim check's and this service's) go. */
  diagnostics: DiagnosticsSink;
  logger: Logger;
  documents: OpenDocuments;
  workspace: WorkspaceReader;
  claims: Pick<ClaimsStore, 'root' | 'current' | 'dismiss'>;
  settings: () => ConsistencySettings;
  /** The engine at background priority and the shared score cache; undefined while no model is ready. */
  scoring: () => { scorer: PairScorer; cache: ScoreCache } | undefined;
  relativePath: (uri: string) => string;
}

/** A document as cross mode reads it, with what it needs to place findings. */
interface Loaded extends CrossDocument {
  uri: string;
  positions: TextDocument;
}

/** How long after the last edit cross mode runs (on top of consistency.debounceMs): after the claim check. */
const AFTER_CLAIM_CHECK_MS = 250;

export class CrossService {
  private readonly claimDiagnostics = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  private findings = new Map<string, SideFinding[]>();
  private timer?: NodeJS.Timeout;
  private running?: AbortController;
  private visible = new Set<string>();
  private readonly diskCache = new Map<string, { mtimeMs: number; loaded: Loaded }>();

  constructor(private readonly deps: CrossServiceDeps) {}

  /**
   * The sink the claim check publishes through: its diagnostics for a document are kept and
   * published together with this service's, so neither check overwrites the other's.
   */
  readonly claimCheckSink: DiagnosticsSink = {
    publish: (params: PublishDiagnosticsParams) => {
      this.claimDiagnostics.set(params.uri, { version: params.version, diagnostics: params.diagnostics });
      this.publish(params.uri);
    },
  };

  get enabled(): boolean {
    const s = this.deps.settings();
    return s.crossCheck !== 'off';
  }

  setVisible(params: VisibleRangesParams): void {
    this.visible = new Set(params.editors.map((e) => e.uri));
  }

  /** Re-check the open documents once the user pauses (cancels a run in progress). */
  schedule(delayMs = this.deps.settings().debounceMs + AFTER_CLAIM_CHECK_MS): void {
    this.running?.abort();
    clearTimeout(this.timer);
    if (!this.enabled) {
      if (this.findings.size > 0) this.replace(new Map());
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runOpen().catch((error) =>
        this.deps.logger.error(`Cross check failed: ${error instanceof Error ? error.stack : String(error)}`),
      );
    }, delayMs);
    this.timer.unref?.();
  }

  /** Stops the scheduled and running cross check (at shutdown). */
  dispose(): void {
    this.running?.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  forget(uri: string): void {
    this.claimDiagnostics.delete(uri);
    if (!this.findings.has(uri)) return;
    const next = new Map(this.findings);
    next.delete(uri);
    this.findings = next;
  }

  findingsAt(uri: string, offset: number, positions: TextDocument): SideFinding[] {
    return (this.findings.get(uri) ?? []).filter((f) => {
      const start = positions.offsetAt(f.here.range.start);
      const end = positions.offsetAt(f.here.range.end);
      return start <= offset && offset <= end;
    });
  }

  hover(
    uri: string,
    offset: number,
    positions: TextDocument,
    modelName: string,
  ): { markdown: string; range: SideFinding['here']['range'] } | undefined {
    const here = this.findingsAt(uri, offset, positions);
    if (here.length === 0) return undefined;
    return { markdown: pairHoverMarkdown(here, modelName), range: here[0].here.range };
  }

  /** "Dismiss this pair": one entry in dismissed.json, read by both sides. */
  async dismissPair(params: DismissPairParams): Promise<void> {
    const a = { relativePath: this.deps.relativePath(params.a.uri), sentence: params.a.sentence };
    const b = { relativePath: this.deps.relativePath(params.b.uri), sentence: params.b.sentence };
    const entry =
      params.kind === 'cross'
        ? crossDismissal(a, b)
        : { ...crossDismissal(a, b), claimId: crossDismissal(a, b).claimId.replace(/^cross:/, 'quantity:') };
    await this.deps.claims.dismiss(entry.claimId, entry.file, entry.sentence);
    // Drop the pair at once; the dismissal also holds for later runs.
    const next = new Map<string, SideFinding[]>();
    for (const [uri, list] of this.findings) {
      next.set(
        uri,
        list.filter((f) => !(f.other && samePair(f, params))),
      );
    }
    this.replace(next);
  }

  /** The open documents (and, in workspace scope, the workspace files they are paired with). */
  private async runOpen(): Promise<void> {
    const controller = new AbortController();
    this.running = controller;
    const open = new Set(this.deps.documents.all().map((d) => d.uri));
    try {
      await this.run(controller.signal, (side) => open.has(this.uriOf(side)));
    } catch (error) {
      if (!isAbortError(error)) throw error;
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }

  /** "Consistency: Find contradictions between documents": the whole workspace, every file published. */
  async checkWorkspace(signal: AbortSignal, progress: ProgressSink): Promise<CheckResult> {
    const result: CheckResult = { documents: 0, sentences: 0, findings: 0, cancelled: false };
    try {
      const outcome = await this.run(signal, undefined, 'workspace', progress);
      if (outcome) Object.assign(result, outcome);
    } catch (error) {
      if (!isAbortError(error)) throw error;
      result.cancelled = true;
    }
    return result;
  }

  private uriByPath = new Map<string, string>();
  private uriOf(side: CrossSide): string {
    return this.uriByPath.get(side.relativePath) ?? '';
  }

  private async run(
    signal: AbortSignal,
    involving?: (side: CrossSide) => boolean,
    forceScope?: CrossScope,
    progress?: ProgressSink,
  ): Promise<Omit<CheckResult, 'cancelled'> | undefined> {
    const settings = this.deps.settings();
    const scope: CrossScope | undefined =
      forceScope ?? (settings.crossCheck === 'off' ? undefined : settings.crossCheck);
    const scoring = this.deps.scoring();
    if (!scope || !scoring) return undefined;
    const docs = await this.load(scope === 'workspace' || forceScope !== undefined, signal);
    this.uriByPath = new Map(docs.map((d) => [d.relativePath, d.uri]));
    const { claims, dismissed } = this.deps.claims.current;
    const enabled = claims.filter((c) => c.enabled);
    const checker = new CrossChecker(scoring.scorer, scoring.cache);
    const byPath = new Map(docs.map((d) => [d.relativePath, d]));
    const outcome = await checker.check(docs, {
      ...verdictOptionsOf(settings),
      scope,
      // Always the candidate pairs in the editor: consistency.pairing 'exhaustive' is about claims,
      // and N*(N-1)/2 sentence pairs would keep the model busy for hours (docs/benchmarks.md).
      pairing: 'smart',
      dismissed,
      claimTexts: enabled.map((c) => c.text),
      involving,
      signal,
      prioritize: (side) => this.visible.has(this.uriOf(side)),
      onPartial: (partial) => this.replace(this.sideFindings(partial, byPath, settings, docs, scope, false)),
      onProgress: (done, total) => progress?.report(done, total, `${done} of ${total} sentence pairs`),
    });
    const next = this.sideFindings(outcome.findings, byPath, settings, docs, scope, true);
    this.replace(next);
    let count = 0;
    for (const list of next.values()) count += list.length;
    return { documents: docs.length, sentences: outcome.stats.sentences, findings: count };
  }

  private sideFindings(
    findings: CrossFinding[],
    byPath: Map<string, Loaded>,
    settings: ConsistencySettings,
    docs: Loaded[],
    scope: CrossScope,
    complete: boolean,
  ): Map<string, SideFinding[]> {
    const out = new Map<string, SideFinding[]>();
    const add = (uri: string, f: SideFinding) => {
      const list = out.get(uri) ?? [];
      list.push(f);
      out.set(uri, list);
    };
    for (const f of findings) {
      const a = this.side(f.a, byPath);
      const b = this.side(f.b, byPath);
      add(a.uri, {
        kind: 'cross',
        here: a,
        other: b,
        probabilities: f.probabilities,
        directions: f.directions,
        severity: f.severity,
      });
      add(b.uri, {
        kind: 'cross',
        here: b,
        other: a,
        probabilities: f.probabilities,
        directions: [f.directions[1], f.directions[0]],
        severity: f.severity,
      });
    }
    if (complete && settings.quantities) {
      const { claims, dismissed } = this.deps.claims.current;
      // Quantities are deterministic and cheap: found once the model's pairs are in, in the same scope.
      for (const [uri, f] of quantitySideFindings(
        docs,
        scope,
        claims.filter((c) => c.enabled),
        dismissed,
        (side) => this.side(side, byPath),
      ))
        add(uri, f);
    }
    return out;
  }

  private side(side: CrossSide, byPath: Map<string, Loaded>): SideFinding['here'] & { relativePath: string } {
    const doc = byPath.get(side.relativePath)!;
    return {
      uri: doc.uri,
      relativePath: side.relativePath,
      sentence: side.sentence.text,
      clean: side.sentence.clean,
      range: { start: doc.positions.positionAt(side.sentence.start), end: doc.positions.positionAt(side.sentence.end) },
    };
  }

  /** Publishes every document whose cross findings changed. */
  private replace(next: Map<string, SideFinding[]>): void {
    const touched = new Set([...this.findings.keys(), ...next.keys()]);
    const before = this.findings;
    this.findings = next;
    for (const uri of touched) {
      if (JSON.stringify(before.get(uri) ?? []) !== JSON.stringify(next.get(uri) ?? [])) this.publish(uri);
    }
  }

  private publish(uri: string): void {
    const claim = this.claimDiagnostics.get(uri);
    const severity = this.deps.settings().severity;
    const pairs = (this.findings.get(uri) ?? []).map((f) => pairDiagnostic(f, severity));
    this.deps.diagnostics.publish({
      uri,
      version: claim?.version,
      diagnostics: [...(claim?.diagnostics ?? []), ...pairs],
    });
  }

  private async load(wholeWorkspace: boolean, signal: AbortSignal): Promise<Loaded[]> {
    const settings = this.deps.settings();
    const out = new Map<string, Loaded>();
    for (const document of this.deps.documents.all()) {
      const declared = normalizeLanguageId(document.languageId) ?? languageForPath(URI.parse(document.uri).path);
      if (!declared || !settings.languages.includes(declared)) continue;
      out.set(
        document.uri,
        this.loaded(document.uri, document.getText(), effectiveLanguage(declared, document.getText()), document),
      );
    }
    const root = this.deps.claims.root;
    if (wholeWorkspace && root) {
      for await (const file of this.deps.workspace.files(root, {
        include: settings.include,
        exclude: settings.exclude,
      })) {
        if (signal.aborted) break;
        const uri = URI.file(file).toString();
        const language = languageForPath(file);
        if (out.has(uri) || !language || !settings.languages.includes(language)) continue;
        const cached = this.diskCache.get(uri);
        const read = await this.deps.workspace.read(file, settings.maxFileSize);
        if (!read.ok) continue;
        if (cached && cached.loaded.text === read.text) {
          out.set(uri, cached.loaded);
          continue;
        }
        const loaded = this.loaded(uri, read.text, effectiveLanguage(language, read.text));
        this.diskCache.set(uri, { mtimeMs: 0, loaded });
        out.set(uri, loaded);
      }
    }
    return [...out.values()];
  }

  private loaded(
    uri: string,
    text: string,
    language: ReturnType<typeof effectiveLanguage>,
    document?: TextDocument,
  ): Loaded {
    const sentences: Sentence[] = segmentDocument(text, language);
    return {
      uri,
      relativePath: this.deps.relativePath(uri),
      text,
      sentences,
      suppressions: Suppressions.of(text, language),
      positions: document ?? TextDocument.create(uri, language, 0, text),
    };
  }
}

function samePair(f: SideFinding, params: DismissPairParams): boolean {
  const sides = [
    [f.here.uri, f.here.sentence],
    [f.other!.uri, f.other!.sentence],
  ].map((s) => s.join('\u0000'));
  const wanted = [
    [params.a.uri, params.a.sentence],
    [params.b.uri, params.b.sentence],
  ].map((s) => s.join('\u0000'));
  return f.kind === params.kind && sides.every((s) => wanted.includes(s));
}
