// Checking documents inside the server: open buffers (debounced, cancellable, visible ranges
// first, results published as they arrive) and the whole workspace (streamed file by file,
// with progress and cancellation). Holds the findings that hovers and code actions read.
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Checker, type Finding, type PairScorer } from '../core/check';
import { isAbortError } from '../core/util/abort';
import { claimAppliesTo } from '../core/claims';
import { documentTextProblem } from '../core/document-file';
import { toPosix } from '../core/find-files';
import type { ModelFingerprint } from '../core/cache';
import { ScoreCache } from '../core/score-cache';
import type { ClaimsView, DiagnosticsSink, Logger, OpenDocuments, WorkspaceReader } from './interfaces';
import { declaredLanguage } from './document-language';
import { effectiveLanguage, languageForPath, segmentDocument, type LanguageId, type Sentence } from '../core/segment';
import { Suppressions } from '../core/suppressions';
import type { CheckResult, VisibleRangesParams } from '../common/protocol';
import type { ConsistencySettings } from '../common/settings';
import { CheckQueue } from './check-queue';
import { DIAGNOSTIC_SOURCE } from '../common/constants';
import { capFindings, toDiagnostic } from './diagnostics';
import { EngineGate, type Priority } from './engine-gate';
import { resegment } from './incremental-segmentation';
import { verdictOptionsOf } from './settings';
import { summarizeEvidence, type SupportingSentence } from '../core/evidence';
import { EVIDENCE_SENTENCES_PER_CLAIM, type ClaimEvidenceInfo, type EvidenceSentence } from '../common/protocol';
import type { Claim } from '../core/claims';

interface DocumentResult {
  version: number;
  sentences: Sentence[];
  findings: Finding[];
  /** Sentences that support a claim (evidence), from the same scores. */
  support: SupportingSentence[];
  /** The claims checked against this document (enabled and in scope). */
  claimIds: string[];
  /** Support and findings located in the document, computed when published. */
  evidence: Array<EvidenceSentence & { claimId: string }>;
}

/** What a check of one document produced. */
type Checked = Pick<DocumentResult, 'findings' | 'support' | 'claimIds'>;

/** How long a document must stay unchanged before an incremental segmentation is verified. */
const VERIFY_AFTER_IDLE_MS = 2000;

export interface ProgressSink {
  report(done: number, total: number, message: string): void;
}

/** The model as the checks see it (ModelHost satisfies it). */
export interface ScorerSource {
  /** The scorer of the current model; undefined while none is ready. */
  readonly engine: PairScorer | undefined;
  /** What its scores are keyed by in the persistent pair cache; undefined if unknown. */
  readonly fingerprint: ModelFingerprint | undefined;
}

/** Pair scores kept between sessions (PersistentPairs satisfies it). */
export interface PairCacheSource {
  cacheFor(fingerprint: ModelFingerprint | undefined): ScoreCache;
  close(): void;
}

export interface DocumentCheckerDeps {
  diagnostics: DiagnosticsSink;
  logger: Logger;
  documents: OpenDocuments;
  workspace: WorkspaceReader;
  model: ScorerSource;
  claims: ClaimsView;
  /** The settings that apply to a document or file URI (its workspace folder's); no URI: the unscoped ones. */
  settings: (uri?: string) => ConsistencySettings;
  /** The workspace folders Check workspace reads, as paths (none: the claims root). */
  folders?: () => string[];
  /** Pairs scored of the current check, for the status bar. */
  onProgress?: (done: number, total: number) => void;
  /** Called after results are published (evidence may have changed). */
  onPublished?: () => void;
  /** The pair scores kept on disk between sessions and shared with the CLI; memory only without it. */
  pairs?: PairCacheSource;
}

export class DocumentChecker {
  private readonly results = new Map<string, DocumentResult>();
  /** The diagnostics last published per document: closed files' ones are withdrawn from these. */
  private readonly published = new Map<string, Diagnostic[]>();
  private readonly segmentations = new Map<string, Segmented>();
  /** Documents segmented incrementally, to be segmented in full once the user pauses. */
  private readonly verifyTimers = new Map<string, NodeJS.Timeout>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private visible = new Map<string, VisibleRangesParams['editors'][number]['ranges']>();
  private readonly queue: CheckQueue<CheckResult>;
  private cache = new ScoreCache();
  private gate?: { engine: unknown; gate: EngineGate };

  private readonly diagnostics: DiagnosticsSink;
  private readonly logger: Logger;
  private readonly documents: OpenDocuments;
  private readonly workspace: WorkspaceReader;
  private readonly model: ScorerSource;
  private readonly claims: ClaimsView;
  private readonly settings: (uri?: string) => ConsistencySettings;
  private readonly folders: () => string[];
  private readonly onProgress: (done: number, total: number) => void;
  private readonly onPublished: () => void;
  private readonly pairs?: PairCacheSource;

  constructor(deps: DocumentCheckerDeps) {
    ({
      diagnostics: this.diagnostics,
      logger: this.logger,
      documents: this.documents,
      workspace: this.workspace,
      model: this.model,
      claims: this.claims,
      settings: this.settings,
      pairs: this.pairs,
    } = deps);
    this.onProgress = deps.onProgress ?? (() => {});
    this.folders = deps.folders ?? (() => []);
    this.onPublished = deps.onPublished ?? (() => {});
    this.queue = new CheckQueue(
      (uri, signal) => this.checkOpenDocument(uri, signal),
      (uri) => this.priorityOf(uri),
    );
  }

  /** Debounced check after an edit; cancels the running check of the old version at once. */
  scheduleCheck(uri: string, delayMs: number): void {
    this.queue.cancel(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.queue.enqueue(uri).catch((error) => this.logError(error));
      }, delayMs),
    );
  }

  /**
   * Checks `uri` now (a check request). A debounced check that was due joins this run, so
   * aborting `signal` (the request cancelled) withdraws the request and leaves that check running.
   */
  checkNow(uri: string, signal?: AbortSignal): Promise<CheckResult | undefined> {
    if (this.timers.has(uri)) {
      clearTimeout(this.timers.get(uri));
      this.timers.delete(uri);
      void this.queue.enqueue(uri).catch((error) => this.logError(error));
    }
    return this.queue.enqueue(uri, signal);
  }

  /** Stops every timer and check (at shutdown): nothing is published after this. */
  dispose(): void {
    for (const timer of [...this.timers.values(), ...this.verifyTimers.values()]) clearTimeout(timer);
    this.timers.clear();
    this.verifyTimers.clear();
    for (const uri of new Set([...this.documents.keys(), ...this.results.keys()])) this.queue.cancel(uri);
  }

  checkAllOpen(): void {
    for (const document of this.documents.all())
      void this.queue.enqueue(document.uri).catch((error) => this.logError(error));
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    clearTimeout(this.verifyTimers.get(uri));
    this.verifyTimers.delete(uri);
    this.queue.cancel(uri);
    this.results.delete(uri);
    this.published.delete(uri);
    this.onPublished();
    this.segmentations.delete(uri);
    this.visible.delete(uri);
    this.diagnostics.publish({ uri, diagnostics: [] });
  }

  clearDiagnostics(uri?: string): void {
    // A check queued or running before "Clear" must not publish again right after it; the next
    // edit, save or check request checks again.
    for (const key of uri ? [uri] : [...new Set([...this.results.keys(), ...this.documents.keys()])]) {
      clearTimeout(this.timers.get(key));
      this.queue.cancel(key);
    }
    for (const key of uri ? [uri] : [...this.results.keys()]) {
      this.results.delete(key);
      this.published.delete(key);
      this.onPublished();
      this.diagnostics.publish({ uri: key, diagnostics: [] });
    }
  }

  /**
   * After the claims or dismissals change. Open documents are re-checked (checkAllOpen); the files
   * a workspace check published for are not open, so their findings of a claim that is gone,
   * disabled or reworded, or that were dismissed, are withdrawn here: Problems holds no entry
   * pointing at a claim that no longer says that.
   */
  withdrawStaleClosed(): void {
    const { claims, dismissed } = this.claims.current;
    for (const [uri, result] of this.results) {
      if (this.documents.get(uri)) continue;
      const file = this.relativePath(uri);
      const current = (claimId: string, text: string) =>
        claims.some((c) => c.id === claimId && c.enabled && c.text === text);
      const kept = result.findings.filter(
        (f) => current(f.claim.id, f.claim.text) && !dismissed.has(f.claim.id, file, f.sentence.text),
      );
      if (kept.length === result.findings.length) continue;
      const keys = new Set(kept.map((f) => `${f.claim.id}\0${f.sentence.text}`));
      const keptIds = new Set(claims.filter((c) => c.enabled).map((c) => c.id));
      this.results.set(uri, {
        ...result,
        findings: kept,
        evidence: result.evidence.filter(
          (e) => keptIds.has(e.claimId) && (e.kind === 'supports' || keys.has(`${e.claimId}\0${e.sentence}`)),
        ),
      });
      const diagnostics = (this.published.get(uri) ?? []).filter((d) => {
        const data = d.data as { claimId?: string; sentence?: string } | undefined;
        return d.source !== DIAGNOSTIC_SOURCE || !data?.claimId || keys.has(`${data.claimId}\0${data.sentence}`);
      });
      this.published.set(uri, diagnostics);
      this.diagnostics.publish({ uri, diagnostics });
      this.onPublished();
    }
  }

  /** After a complete workspace check: files checked before that are gone (deleted, now excluded) lose their problems. */
  private withdrawUnchecked(checked: Set<string>): void {
    for (const uri of [...this.results.keys()]) {
      if (checked.has(uri) || this.documents.get(uri)) continue;
      this.results.delete(uri);
      this.published.delete(uri);
      this.diagnostics.publish({ uri, diagnostics: [] });
      this.onPublished();
    }
  }

  setVisibleRanges(params: VisibleRangesParams): void {
    this.visible = new Map(params.editors.map((e) => [e.uri, e.ranges]));
  }

  findingsAt(uri: string, offset: number): Finding[] {
    return (this.results.get(uri)?.findings ?? []).filter(
      (f) => f.sentence.start <= offset && offset <= f.sentence.end,
    );
  }

  sentenceAt(uri: string, offset: number): Sentence | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    return this.sentencesOf(document)?.find((s) => s.start <= offset && offset <= s.end);
  }

  /** What supports and contradicts each claim in the checked documents (the Claims view, hovers). */
  evidence(claims: readonly Claim[]): ClaimEvidenceInfo[] {
    const results = [...this.results.values()];
    return summarizeEvidence(claims, results).map((counts) => {
      const mine = results.flatMap((r) => r.evidence.filter((e) => e.claimId === counts.claimId));
      const ordered = [...mine.filter((e) => e.kind === 'supports'), ...mine.filter((e) => e.kind === 'contradicts')];
      return { ...counts, sentences: ordered.slice(0, EVIDENCE_SENTENCES_PER_CLAIM).map(({ claimId: _, ...e }) => e) };
    });
  }

  relativePath(uri: string): string {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return parsed.path.replace(/^\//, '');
    const root = this.claims.root;
    if (!root) return path.basename(parsed.fsPath);
    const relative = path.relative(root, parsed.fsPath);
    return toPosix(relative.startsWith('..') ? parsed.fsPath : relative);
  }

  /** Checks every matching file of the workspace, streaming one file at a time. */
  async checkWorkspace(signal: AbortSignal, progress: ProgressSink): Promise<CheckResult> {
    const result: CheckResult = { documents: 0, sentences: 0, findings: 0, cancelled: false };
    const root = this.claims.root;
    const checker = this.checker('background');
    if (!root || !checker) return result;
    // Every workspace folder, each with its own include, exclude and languages.
    const folders = this.folders().length ? this.folders() : [root];
    const files: string[] = [];
    const seen = new Set<string>();
    for (const folder of folders) {
      const settings = this.settings(URI.file(folder).toString());
      for await (const file of this.workspace.files(folder, { include: settings.include, exclude: settings.exclude })) {
        const language = languageForPath(file);
        if (language && settings.languages.includes(language) && !seen.has(file)) {
          seen.add(file);
          files.push(file);
        }
      }
    }
    const checked = new Set<string>();
    try {
      for (const [index, file] of files.entries()) {
        progress.report(index, files.length, `${index} of ${files.length} files`);
        const uri = URI.file(file).toString();
        checked.add(uri);
        const open = this.documents.get(uri);
        const outcome = open
          ? await this.checkNow(uri, signal)
          : await this.checkClosedFile(uri, file, checker, signal);
        signal?.throwIfAborted();
        result.documents++;
        result.sentences += outcome?.sentences ?? 0;
        result.findings += outcome?.findings ?? 0;
      }
      progress.report(files.length, files.length, `${files.length} files checked`);
      this.withdrawUnchecked(checked);
    } catch (error) {
      if (!isAbortError(error)) throw error;
      result.cancelled = true;
    }
    return result;
  }

  private async checkClosedFile(
    uri: string,
    file: string,
    checker: Checker,
    signal: AbortSignal,
  ): Promise<CheckResult> {
    const read = await this.workspace.read(file, this.settings(uri).maxFileSize);
    if (!read.ok) {
      this.logger.log(`${file}: ${read.reason}`);
      return { documents: 1, sentences: 0, findings: 0, cancelled: false };
    }
    const document = TextDocument.create(uri, languageForPath(file)!, 0, read.text);
    const language = effectiveLanguage(languageForPath(file)!, read.text);
    const sentences = segmentDocument(read.text, language);
    const checked = await this.runChecker(checker, document, sentences, Suppressions.of(read.text, language), signal);
    this.publish(document, { version: 0, sentences, ...checked });
    return { documents: 1, sentences: sentences.length, findings: checked.findings.length, cancelled: false };
  }

  private async checkOpenDocument(uri: string, signal: AbortSignal): Promise<CheckResult> {
    const empty: CheckResult = { documents: 0, sentences: 0, findings: 0, cancelled: false };
    const document = this.documents.get(uri);
    if (!document) return empty;
    const settings = this.settings(uri);
    const problem = documentTextProblem(document.getText(), settings.maxFileSize);
    if (problem) {
      this.publishNotice(document, problem);
      return empty;
    }
    const sentences = this.sentencesOf(document);
    const checker = this.checker('interactive');
    if (!sentences || !checker) return empty;
    const previous = this.results.get(uri);
    const visible = this.visibleOffsets(document);
    const isVisible = visible && ((s: Sentence) => visible.some(([a, b]) => s.start < b && a < s.end));
    const checked = await this.runChecker(
      checker,
      document,
      sentences,
      this.suppressionsOf(document),
      signal,
      isVisible,
      (partial) => {
        const kept = carriedOver(previous, sentences, (s) => !isVisible!(s));
        // Support is known once the whole document is scored: until then, the previous evidence stands.
        this.publish(document, {
          version: document.version,
          sentences,
          findings: [...partial, ...kept],
          support: previous?.support ?? [],
          claimIds: previous?.claimIds ?? [],
        });
      },
    );
    this.publish(document, { version: document.version, sentences, ...checked });
    return { documents: 1, sentences: sentences.length, findings: checked.findings.length, cancelled: false };
  }

  private async runChecker(
    checker: Checker,
    document: TextDocument,
    sentences: Sentence[],
    suppressions: Suppressions,
    signal: AbortSignal,
    prioritize?: (sentence: Sentence) => boolean,
    onPartial?: (findings: Finding[]) => void,
  ): Promise<Checked> {
    const relativePath = this.relativePath(document.uri);
    const { claims, dismissed } = this.claims.current;
    const applicable = claims.filter((c) => claimAppliesTo(c, relativePath));
    if (applicable.length === 0) return { findings: [], support: [], claimIds: [] };
    const outcome = await checker.check({ relativePath, sentences, suppressions }, applicable, {
      ...verdictOptionsOf(this.settings(document.uri)),
      pairing: this.settings(document.uri).pairing,
      dismissed,
      signal,
      prioritize,
      onPartial,
      onProgress: this.onProgress,
      // Evidence from the same scores: no extra model calls.
      supportThreshold: this.settings(document.uri).supportThreshold,
    });
    if (outcome.stats.failure)
      this.logger.error(
        `Check of ${relativePath}: ${outcome.stats.failed} pairs could not be scored: ${outcome.stats.failure}`,
      );
    return { findings: outcome.findings, support: outcome.support, claimIds: applicable.map((c) => c.id) };
  }

  private publish(document: TextDocument, result: Omit<DocumentResult, 'evidence'>): void {
    const settings = this.settings(document.uri);
    const findings = capFindings(result.findings, settings.maxProblems);
    const located = (kind: EvidenceSentence['kind'], item: SupportingSentence, probability: number) => ({
      claimId: item.claim.id,
      uri: document.uri,
      range: { start: document.positionAt(item.sentence.start), end: document.positionAt(item.sentence.end) },
      sentence: item.sentence.text,
      kind,
      probability,
      ...('restates' in item && item.restates ? { restates: true } : {}),
    });
    const evidence = [
      ...result.support.map((s) => located('supports', s, s.probabilities.entailment)),
      ...findings.map((f) => located('contradicts', f, f.probabilities.contradiction)),
    ];
    this.results.set(document.uri, { ...result, findings, evidence });
    this.onPublished();
    const claimsFile = this.claims.claimsFile;
    const diagnostics = findings.map((f) =>
      toDiagnostic(
        document,
        f,
        settings.severity,
        claimsFile
          ? {
              uri: URI.file(claimsFile).toString(),
              range: {
                start: { line: this.claims.claimLine(f.claim.id), character: 0 },
                end: { line: this.claims.claimLine(f.claim.id), character: 0 },
              },
            }
          : undefined,
      ),
    );
    this.published.set(document.uri, diagnostics);
    this.diagnostics.publish({ uri: document.uri, version: result.version || undefined, diagnostics });
  }

  /** One informational diagnostic instead of a check, e.g. for a document above the size limit. */
  private publishNotice(document: TextDocument, message: string): void {
    this.results.delete(document.uri);
    this.onPublished();
    const diagnostic: Diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      message: `Not checked: ${message}`,
    };
    this.diagnostics.publish({ uri: document.uri, diagnostics: [diagnostic] });
  }

  private sentencesOf(document: TextDocument): Sentence[] | undefined {
    const cached = this.segmentations.get(document.uri);
    if (cached?.version === document.version) return cached.sentences;
    const declared = declaredLanguage(document.languageId, document.uri);
    if (!declared || !this.settings(document.uri).languages.includes(declared)) return undefined;
    const text = document.getText();
    const language = effectiveLanguage(declared, text);
    const incremental = cached?.language === language && resegment(cached, text, language);
    const sentences = incremental || segmentDocument(text, language);
    this.segmentations.set(document.uri, { version: document.version, text, language, sentences });
    if (incremental) this.verifyWhenIdle(document.uri, language);
    return sentences;
  }

  /** The inline suppression comments of a document whose sentences sentencesOf() has read. */
  private suppressionsOf(document: TextDocument): Suppressions {
    const entry = this.segmentations.get(document.uri);
    if (!entry || entry.version !== document.version) return Suppressions.none;
    return (entry.suppressions ??= Suppressions.of(entry.text, entry.language));
  }

  /**
   * The safety net under incremental segmentation: once the document has been still for a while,
   * segment it in full, and check again if that found different sentences.
   */
  private verifyWhenIdle(uri: string, language: LanguageId): void {
    clearTimeout(this.verifyTimers.get(uri));
    const timer = setTimeout(() => {
      this.verifyTimers.delete(uri);
      const cached = this.segmentations.get(uri);
      const document = this.documents.get(uri);
      if (!cached || !document || document.version !== cached.version) return;
      const full = segmentDocument(cached.text, language);
      const same =
        full.length === cached.sentences.length &&
        full.every(
          (s, i) =>
            s.start === cached.sentences[i].start &&
            s.end === cached.sentences[i].end &&
            s.clean === cached.sentences[i].clean,
        );
      if (same) return;
      this.segmentations.set(uri, { ...cached, sentences: full });
      void this.queue.enqueue(uri).catch((error) => this.logError(error));
    }, VERIFY_AFTER_IDLE_MS);
    timer.unref();
    this.verifyTimers.set(uri, timer);
  }

  private visibleOffsets(document: TextDocument): Array<[number, number]> | undefined {
    const ranges = this.visible.get(document.uri);
    return ranges?.map((r) => [document.offsetAt(r.start), document.offsetAt(r.end)]);
  }

  private priorityOf(uri: string): number {
    return this.visible.has(uri) ? 2 : this.documents.get(uri) ? 1 : 0;
  }

  /** Writes pending pair scores to disk (at shutdown). */
  closePairCache(): void {
    this.pairs?.close();
  }

  /** The engine at background priority and the score cache, for the checks that run after these (cross mode). */
  backgroundScoring(): { scorer: PairScorer; cache: ScoreCache } | undefined {
    if (!this.checker('background')) return undefined;
    return { scorer: this.gate!.gate.scorerFor('background'), cache: this.cache };
  }

  private checker(priority: Priority): Checker | undefined {
    const engine = this.model.engine;
    if (!engine) return undefined;
    if (this.gate?.engine !== engine) {
      this.gate = { engine, gate: new EngineGate(engine) };
      if (this.pairs) this.cache = this.pairs.cacheFor(this.model.fingerprint);
    }
    return new Checker(this.gate.gate.scorerFor(priority), this.cache);
  }

  private logError(error: unknown): void {
    this.logger.error(`Check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

/** An open document's segmentation at one version, in the format it was read in. */
interface Segmented {
  version: number;
  text: string;
  language: LanguageId;
  sentences: Sentence[];
  /** Computed on first use. */
  suppressions?: Suppressions;
}

/**
 * Until the rest of a document is re-checked, keep showing its old findings whose sentence still
 * exists (at its new offsets), so squiggles outside the visible range do not flicker away.
 */
function carriedOver(
  previous: DocumentResult | undefined,
  sentences: Sentence[],
  pending: (s: Sentence) => boolean,
): Finding[] {
  if (!previous) return [];
  const byText = new Map(sentences.filter(pending).map((s) => [s.text, s]));
  return previous.findings.flatMap((f) => {
    const sentence = byText.get(f.sentence.text);
    return sentence ? [{ ...f, sentence }] : [];
  });
}
