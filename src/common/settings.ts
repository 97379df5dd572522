// The `consistency.*` settings: one schema (key, type, default, bounds, scope) that the language
// server normalises with, the CLI takes its defaults and bounds from, and a test holds against
// package.json's contributes.configuration. Dependency-free: the CLI imports it without LSP.

/** Server settings under `consistency.*`. */
export interface ConsistencySettings {
  model: string;
  /** Output order of a model whose config.json id2label is generic (LABEL_0..2); [] = from config.json or the catalog. */
  modelLabels: string[];
  /** Warning tier: P(contradiction) >= threshold. */
  threshold: number;
  /** Error tier: P(contradiction) >= errorThreshold; null = no error tier. */
  errorThreshold: number | null;
  /** Flag only when P(contradiction) - P(entailment) >= margin; 0 = no margin rule. */
  margin: number;
  /** 'claim-premise': the claim is the premise; 'both': the sentence is also scored as the premise. */
  direction: 'claim-premise' | 'both';
  /** How the two directions are combined: the more contradicting one ('max') or their mean. */
  directionCombine: 'max' | 'mean';
  /** A sentence supports a claim when P(entailment) >= supportThreshold (evidence). */
  supportThreshold: number;
  /** Severity of warning-tier findings (error-tier findings are always errors). */
  severity: 'error' | 'warning' | 'information' | 'hint';
  checkFrequency: 'edit' | 'save' | 'manual';
  debounceMs: number;
  languages: string[];
  include: string[];
  exclude: string[];
  maxFileSize: number;
  maxProblems: number;
  threads: number;
  /** 'smart' scores only pairs that share content with the claim; 'exhaustive' scores every pair. */
  pairing: 'smart' | 'exhaustive';
  /** Sentences that contradict each other, no claim needed: off, within each document, or across the workspace. */
  crossCheck: 'off' | 'document' | 'workspace';
  /** Numbers that disagree (diagnostic code `quantity`); runs where cross mode runs. */
  quantities: boolean;
  /** Offer "Pin as a claim" code actions (on a selection, and in the Refactor menu). */
  pinCodeAction: boolean;
}

/** VS Code's setting scopes (where a value may be set; `machine` ones are not synced and not read from a workspace). */
export type SettingScope = 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource';

export type SettingSpec = { scope: SettingScope } & (
  | { type: 'string'; default: string; enum?: readonly string[] }
  | { type: 'number' | 'integer'; default: number | null; minimum: number; maximum?: number; nullable?: boolean }
  | { type: 'boolean'; default: boolean }
  | { type: 'array'; default: string[] }
);

export const SETTINGS_SECTION = 'consistency';

export const SETTINGS_SCHEMA = {
  model: { type: 'string', default: '', scope: 'machine' },
  modelLabels: { type: 'array', default: [], scope: 'machine' },
  threshold: { type: 'number', default: 0.5, minimum: 0, maximum: 1, scope: 'resource' },
  errorThreshold: { type: 'number', default: null, minimum: 0, maximum: 1, nullable: true, scope: 'resource' },
  margin: { type: 'number', default: 0.1, minimum: 0, maximum: 1, scope: 'resource' },
  direction: { type: 'string', default: 'claim-premise', enum: ['claim-premise', 'both'], scope: 'resource' },
  directionCombine: { type: 'string', default: 'max', enum: ['max', 'mean'], scope: 'resource' },
  supportThreshold: { type: 'number', default: 0.5, minimum: 0, maximum: 1, scope: 'resource' },
  severity: {
    type: 'string',
    default: 'warning',
    enum: ['error', 'warning', 'information', 'hint'],
    scope: 'resource',
  },
  checkFrequency: { type: 'string', default: 'edit', enum: ['edit', 'save', 'manual'], scope: 'resource' },
  debounceMs: { type: 'number', default: 400, minimum: 0, maximum: 10_000, scope: 'resource' },
  languages: {
    type: 'array',
    default: ['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc'],
    scope: 'window',
  },
  include: { type: 'array', default: ['**/*.{md,markdown,txt,tex,rst,adoc}'], scope: 'resource' },
  exclude: { type: 'array', default: ['**/node_modules/**', '**/.git/**'], scope: 'resource' },
  maxFileSize: { type: 'number', default: 2_000_000, minimum: 0, scope: 'resource' },
  maxProblems: { type: 'number', default: 100, minimum: 1, maximum: 100_000, scope: 'resource' },
  threads: { type: 'integer', default: 0, minimum: 0, maximum: 64, scope: 'machine-overridable' },
  pairing: { type: 'string', default: 'smart', enum: ['smart', 'exhaustive'], scope: 'resource' },
  crossCheck: { type: 'string', default: 'off', enum: ['off', 'document', 'workspace'], scope: 'resource' },
  quantities: { type: 'boolean', default: true, scope: 'resource' },
  pinCodeAction: { type: 'boolean', default: true, scope: 'window' },
} as const satisfies Record<keyof ConsistencySettings, SettingSpec>;

export const DEFAULT_SETTINGS: ConsistencySettings = Object.fromEntries(
  Object.entries(SETTINGS_SCHEMA).map(([key, spec]) => [
    key,
    Array.isArray(spec.default) ? [...spec.default] : spec.default,
  ]),
) as unknown as ConsistencySettings;
