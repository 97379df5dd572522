// The server's view of `consistency.*` settings: fetched through workspace/configuration when the
// client supports it (else pushed or passed at start), validated field by field so one bad value
// never disables the checker.
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA as S, type ConsistencySettings } from '../common/settings';
import type { VerdictOptions } from '../core/verdict';
import { parseLabelOrder } from '../core/nli/labels';

/** Each field checked against the schema (src/common/settings.ts); a bad value falls back to its default. */
export function normalizeSettings(raw: unknown): ConsistencySettings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  const number = (
    key: 'threshold' | 'margin' | 'supportThreshold' | 'debounceMs' | 'maxFileSize' | 'maxProblems' | 'threads',
  ) => {
    const spec: { minimum: number; maximum?: number } = S[key];
    return numberIn(input[key], spec.minimum, spec.maximum ?? Number.MAX_SAFE_INTEGER, d[key]);
  };
  const choice = <
    K extends 'direction' | 'directionCombine' | 'severity' | 'checkFrequency' | 'pairing' | 'crossCheck',
  >(
    key: K,
  ) => oneOf(input[key], S[key].enum as unknown as readonly ConsistencySettings[K][], d[key]);
  const flag = (key: 'quantities' | 'pinCodeAction') =>
    typeof input[key] === 'boolean' ? (input[key] as boolean) : d[key];
  return {
    model: typeof input.model === 'string' ? input.model.trim() : d.model,
    modelLabels: labelList(input.modelLabels, d.modelLabels),
    threshold: number('threshold'),
    errorThreshold:
      input.errorThreshold === null
        ? null
        : numberIn(
            input.errorThreshold,
            S.errorThreshold.minimum,
            S.errorThreshold.maximum,
            d.errorThreshold as number,
          ),
    margin: number('margin'),
    direction: choice('direction'),
    directionCombine: choice('directionCombine'),
    supportThreshold: number('supportThreshold'),
    severity: choice('severity'),
    checkFrequency: choice('checkFrequency'),
    debounceMs: number('debounceMs'),
    languages: stringList(input.languages, d.languages),
    include: stringList(input.include, d.include),
    exclude: stringList(input.exclude, d.exclude),
    maxFileSize: number('maxFileSize'),
    maxProblems: number('maxProblems'),
    threads: Math.floor(number('threads')),
    pairing: choice('pairing'),
    crossCheck: choice('crossCheck'),
    quantities: flag('quantities'),
    pinCodeAction: flag('pinCodeAction'),
  };
}

/** The verdict rule (src/core/verdict.ts) the settings ask for. */
export function verdictOptionsOf(settings: ConsistencySettings): VerdictOptions {
  return {
    threshold: settings.threshold,
    errorThreshold: settings.errorThreshold,
    margin: settings.margin,
    direction: settings.direction,
    combine: settings.directionCombine,
  };
}

/** The part of the connection settings are asked through (workspace/configuration). */
export interface ConfigurationClient {
  workspace: { getConfiguration(items: Array<{ section: string }>): Promise<unknown[]> };
}

/**
 * Where the settings come from, in order: the client's answer to workspace/configuration (when it
 * announced the capability and answers with a `consistency` object), else the `consistency`
 * object of the last workspace/didChangeConfiguration payload, else the one in
 * initializationOptions. Editors differ: Neovim 0.7 and Helix push their settings, Eglot answers
 * workspace/configuration, Helix and Zed also pass them at start. Neovim 0.7's built-in client
 * answers workspace/configuration from its `settings` without announcing the capability and
 * pushes nothing, so a client that did not announce it is still asked, once, with a time limit.
 */
export class SettingsSource {
  private pushed: Record<string, unknown> | undefined;
  private readonly initial: Record<string, unknown> | undefined;
  /** For a client that did not announce workspace/configuration: whether asking anyway works. */
  private unannounced: 'untried' | 'answers' | 'fails' = 'untried';
  private pushWaiters: Array<() => void> = [];

  constructor(
    private readonly connection: ConfigurationClient,
    private readonly supportsConfiguration: boolean,
    initializationOptions: unknown,
  ) {
    this.initial = consistencySection(initializationOptions);
  }

  /** Records the payload of workspace/didChangeConfiguration (`params.settings`). */
  push(settings: unknown): void {
    const section = consistencySection(settings);
    if (section) this.pushed = section;
    for (const wake of this.pushWaiters.splice(0)) wake();
  }

  /**
   * Right after `initialized`, editors that push their settings (nvim-lspconfig, Helix) send them
   * a moment later: when no source has any yet, wait up to `ms` for them, so that the model is not
   * first loaded, and reported missing, from the defaults.
   */
  async settle(ms: number): Promise<void> {
    if (this.pushed || this.initial || (await this.asked())?.[0]) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.pushWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async fetch(): Promise<ConsistencySettings> {
    return (await this.fetchScoped([undefined]))[0];
  }

  /**
   * The settings for each scope (a workspace folder's or a document's URI; undefined: no scope),
   * in one workspace/configuration request: the editor resolves resource-scoped settings (a
   * folder's .vscode/settings.json in VS Code) for each. A scope the editor answers with nothing
   * gets the pushed or initial settings.
   */
  async fetchScoped(scopeUris: readonly (string | undefined)[]): Promise<ConsistencySettings[]> {
    const answers = await this.asked(scopeUris);
    return scopeUris.map((_, i) => normalizeSettings(answers?.[i] ?? this.pushed ?? this.initial));
  }

  private async asked(
    scopeUris: readonly (string | undefined)[] = [undefined],
  ): Promise<(Record<string, unknown> | undefined)[] | undefined> {
    if (!this.supportsConfiguration && this.unannounced === 'fails') return undefined;
    const items = scopeUris.map((scopeUri) =>
      scopeUri === undefined ? { section: 'consistency' } : { scopeUri, section: 'consistency' },
    );
    const request = this.connection.workspace.getConfiguration(items) as Promise<unknown>;
    try {
      const answer = this.supportsConfiguration ? await request : await withinMs(request, UNANNOUNCED_ANSWER_MS);
      const sections = (Array.isArray(answer) ? answer : []) as unknown[];
      if (!this.supportsConfiguration) this.unannounced = sections[0] === undefined ? 'fails' : 'answers';
      return scopeUris.map((_, i) => nonEmptyObject(sections[i]));
    } catch {
      if (!this.supportsConfiguration) this.unannounced = 'fails';
      return undefined;
    }
  }
}

/**
 * The settings of each workspace folder, and those without a scope for everything else (the model,
 * files outside every folder). VS Code scopes most of `consistency.*` to resources, so a folder of
 * a multi-root workspace can have its own threshold, languages or include globs; a document gets
 * those of the innermost folder that holds it.
 */
export class FolderSettings {
  private unscoped: ConsistencySettings = DEFAULT_SETTINGS;
  private folders: { uri: string; prefix: string; settings: ConsistencySettings }[] = [];

  constructor(private source: SettingsSource) {}

  /** A new source (after initialize), keeping the folders. */
  use(source: SettingsSource): void {
    this.source = source;
  }

  /** The settings without a scope: the model, threads, and files outside the folders. */
  get global(): ConsistencySettings {
    return this.unscoped;
  }

  /** The workspace folders' URIs, outermost first. */
  get folderUris(): string[] {
    return this.folders.map((f) => f.uri);
  }

  /** Replaces the workspace folders (initialize, workspace/didChangeWorkspaceFolders); call refresh() after. */
  setFolders(uris: readonly string[]): void {
    const known = new Map(this.folders.map((f) => [f.uri, f.settings]));
    this.folders = [...new Set(uris)]
      .map((uri) => ({ uri, prefix: uri.endsWith('/') ? uri : `${uri}/`, settings: known.get(uri) ?? this.unscoped }))
      .sort((a, b) => a.prefix.length - b.prefix.length);
  }

  /** Asks the editor again, for no scope and every folder, in one request. */
  async refresh(): Promise<void> {
    const [unscoped, ...folders] = await this.source.fetchScoped([undefined, ...this.folders.map((f) => f.uri)]);
    this.unscoped = unscoped;
    this.folders = this.folders.map((f, i) => ({ ...f, settings: folders[i] ?? unscoped }));
  }

  /** The settings for a document or file URI: its innermost folder's, else the unscoped ones. */
  for(uri: string | undefined): ConsistencySettings {
    if (uri === undefined) return this.unscoped;
    for (let i = this.folders.length - 1; i >= 0; i--) {
      const folder = this.folders[i];
      if (uri === folder.uri || uri.startsWith(folder.prefix)) return folder.settings;
    }
    return this.unscoped;
  }

  /** Changes when any folder's settings, the unscoped ones or the folders do. */
  signature(): string {
    return JSON.stringify([this.unscoped, this.folders]);
  }
}

/** How long a client that did not announce workspace/configuration gets to answer it anyway. */
const UNANNOUNCED_ANSWER_MS = 1000;

function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** `{ consistency: {...} }` (or dotted keys `"consistency.model"`) to the section's object. */
export function consistencySection(value: unknown): Record<string, unknown> | undefined {
  const object = nonEmptyObject(value);
  if (!object) return undefined;
  const nested = nonEmptyObject(object.consistency);
  if (nested) return nested;
  const dotted = Object.entries(object).filter(([key]) => key.startsWith('consistency.'));
  return dotted.length
    ? Object.fromEntries(dotted.map(([key, v]) => [key.slice('consistency.'.length), v]))
    : undefined;
}

function nonEmptyObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0
    ? (value as Record<string, unknown>)
    : undefined;
}

function numberIn(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** A valid label order (a list, or "a,b,c" as on the command line), else the default. */
function labelList(value: unknown, fallback: string[]): string[] {
  if (typeof value !== 'string' && !Array.isArray(value)) return fallback;
  if (typeof value === 'string' && value.trim() === '') return fallback;
  try {
    return parseLabelOrder(value as string | string[]);
  } catch {
    return fallback;
  }
}

function stringList(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : fallback;
}
