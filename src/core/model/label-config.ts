// Makes a model folder say its own label order. Many Hub fine-tunes ship config.json with the
// generic id2label LABEL_0..2; once the order is known (the catalog, or `--labels`), config.json
// is rewritten with the canonical names, so the folder works anywhere a folder path is accepted
// (the CLI's --model DIR, the consistency.model setting, transformers.js). The downloaded file is
// kept as config.original.json: its checksum is what pull and verify check.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGeneric, readId2label, resolveLabelOrder } from '../nli/labels';
import type { LabelOrder, NliLabel } from '../nli/types';
import { writeFileAtomic } from '../util/atomic-write';

export const CONFIG_FILE = 'config.json';
export const ORIGINAL_CONFIG_FILE = 'config.original.json';

/** Where a downloaded file's bytes are: config.json's are in config.original.json once relabelled. */
export function downloadedCopyPath(dir: string, file: string): string {
  const original = join(dir, ORIGINAL_CONFIG_FILE);
  return file === CONFIG_FILE && existsSync(original) ? original : join(dir, file);
}

export interface CanonicalLabelsResult {
  labels: NliLabel[];
  /** True when config.json now differs from the original (kept as config.original.json). */
  rewritten: boolean;
}

/**
 * Checks dir/config.json's labels against `given` (an error naming both when they disagree) and,
 * when they are generic, writes the canonical id2label/label2id. Idempotent: a second run starts
 * from config.original.json and writes the same file.
 */
export async function writeCanonicalLabels(dir: string, given: LabelOrder | undefined): Promise<CanonicalLabelsResult> {
  const configPath = join(dir, CONFIG_FILE);
  const originalPath = downloadedCopyPath(dir, CONFIG_FILE);
  const original = JSON.parse(readFileSync(originalPath, 'utf8')) as Record<string, unknown>;
  const names = readId2label(original, configPath);
  const labels = resolveLabelOrder(names, configPath, given);
  if (!isGeneric(names)) return { labels, rewritten: originalPath !== configPath };
  if (originalPath === configPath) copyFileSync(configPath, join(dir, ORIGINAL_CONFIG_FILE));
  const relabelled = {
    ...original,
    id2label: Object.fromEntries(labels.map((label, i) => [String(i), label])),
    label2id: Object.fromEntries(labels.map((label, i) => [label, i])),
  };
  await writeFileAtomic(configPath, JSON.stringify(relabelled, null, 2) + '\n');
  return { labels, rewritten: true };
}
