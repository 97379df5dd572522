// The server's view of `consistency.*` settings: fetched through workspace/configuration when the
// client supports it, validated field by field so one bad value never disables the checker.
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, type ConsistencySettings } from '../common/protocol';
import type { VerdictOptions } from '../core/verdict';
import { parseLabelOrder } from '../core/nli/labels';

const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
const FREQUENCIES = ['edit', 'save', 'manual'] as const;
const PAIRINGS = ['smart', 'exhaustive'] as const;
const DIRECTIONS = ['claim-premise', 'both'] as const;
const COMBINES = ['max', 'mean'] as const;
const CROSS_SCOPES = ['off', 'document', 'workspace'] as const;

export function normalizeSettings(raw: unknown): ConsistencySettings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  return {
    model: typeof input.model === 'string' ? input.model.trim() : d.model,
    modelLabels: labelList(input.modelLabels, d.modelLabels),
    threshold: numberIn(input.threshold, 0, 1, d.threshold),
    errorThreshold: input.errorThreshold === null ? null : numberIn(input.errorThreshold, 0, 1, d.errorThreshold as number),
    margin: numberIn(input.margin, 0, 1, d.margin),
    direction: oneOf(input.direction, DIRECTIONS, d.direction),
    directionCombine: oneOf(input.directionCombine, COMBINES, d.directionCombine),
    supportThreshold: numberIn(input.supportThreshold, 0, 1, d.supportThreshold),
    severity: oneOf(input.severity, SEVERITIES, d.severity),
    checkFrequency: oneOf(input.checkFrequency, FREQUENCIES, d.checkFrequency),
    debounceMs: numberIn(input.debounceMs, 0, 60_000, d.debounceMs),
    languages: stringList(input.languages, d.languages),
    include: stringList(input.include, d.include),
    exclude: stringList(input.exclude, d.exclude),
    maxFileSize: numberIn(input.maxFileSize, 0, Number.MAX_SAFE_INTEGER, d.maxFileSize),
    maxProblems: numberIn(input.maxProblems, 1, 100_000, d.maxProblems),
    threads: Math.floor(numberIn(input.threads, 0, 256, d.threads)),
    pairing: oneOf(input.pairing, PAIRINGS, d.pairing),
    crossCheck: oneOf(input.crossCheck, CROSS_SCOPES, d.crossCheck),
    quantities: typeof input.quantities === 'boolean' ? input.quantities : d.quantities,
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

export async function fetchSettings(connection: Connection, supportsConfiguration: boolean): Promise<ConsistencySettings> {
  if (!supportsConfiguration) return normalizeSettings(undefined);
  try {
    const [section] = await connection.workspace.getConfiguration([{ section: 'consistency' }]);
    return normalizeSettings(section);
  } catch {
    return normalizeSettings(undefined);
  }
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
