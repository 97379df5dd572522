// `model pull`: brings a catalog model into the cache folder, ready for the NLI engine.
// Files already present and matching their checksum are not fetched again (no request at all);
// the rest are downloaded and verified; a `bert-safetensors` model is then converted and
// quantized in place (onnx/model_quantized.onnx).
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { catalogLabelOrder, type CatalogEntry } from './catalog';
import { CONVERTER_VERSION, convertBertModel, INT8_MODEL_FILE } from './convert/convert-bert';
import { downloadFile, hubEndpoint, hubFileUrl, sha256File, type DownloadOptions } from './download';
import { CONFIG_FILE, downloadedCopyPath, writeCanonicalLabels } from './label-config';
import { inspectOnnxFile } from './onnx/inspect';
import { TrustStore } from './trust-store';
import { assertNotPickle } from './weight-files';
import { processAlive } from '../util/process-alive';

export interface PullProgress {
  file: string;
  /** 1-based position of the file in the entry's file list. */
  index: number;
  count: number;
  bytes: number;
  total: number | undefined;
}

export interface PullOptions {
  entry: CatalogEntry;
  /** The user cache; the model goes to <cacheRoot>/<id>/, trust records to <cacheRoot>/trusted-files.json. */
  cacheRoot: string;
  /** Default: $HF_ENDPOINT, else https://huggingface.co. */
  endpoint?: string;
  signal?: AbortSignal;
  onProgress?: (progress: PullProgress) => void;
  /** Short human-readable steps ("verifying config.json", "converting to ONNX"). */
  onStatus?: (message: string) => void;
  download?: Pick<DownloadOptions, 'idleTimeoutMs' | 'retries' | 'retryDelayMs' | 'proxy'>;
  /** Convert bert-safetensors entries after download (default true). */
  convert?: boolean;
}

export interface PullResult {
  dir: string;
  /** Files fetched in this run. */
  downloaded: string[];
  /** Files already present whose checksum matched (not fetched). */
  present: string[];
  /** Files whose checksum was unknown and has now been recorded (trust on first use). */
  recorded: string[];
  converted: boolean;
  /** The Hub commit the files came from, when known. */
  commit?: string;
}

export async function pullModel(options: PullOptions): Promise<PullResult> {
  const { entry, cacheRoot } = options;
  const status = options.onStatus ?? (() => {});
  const dir = join(cacheRoot, entry.id);
  mkdirSync(dir, { recursive: true });
  const releaseLock = acquireLock(dir, entry.id);
  try {
    const trust = TrustStore.load(cacheRoot);
    const endpoint = hubEndpoint(options.endpoint);
    const result: PullResult = { dir, downloaded: [], present: [], recorded: [], converted: false };
    let revision = trust.commit(entry.repository, entry.revision) ?? entry.revision;
    result.commit = trust.commit(entry.repository, entry.revision);

    for (const [i, file] of entry.files.entries()) {
      options.signal?.throwIfAborted();
      assertNotPickle(file.path);
      // One file: already present and verified, or downloaded, verified and recorded.
      const ensure = async (): Promise<void> => {
        const dest = join(dir, file.path);
        // A relabelled config.json keeps its downloaded bytes in config.original.json (label-config.ts).
        const local = downloadedCopyPath(dir, file.path);
        const record = trust.file(entry.repository, entry.revision, file.path);
        const expectedSha256 = file.sha256 ?? record?.sha256 ?? null;
        const expectedSize = file.size ?? record?.size ?? null;
        if (existsSync(local)) {
          // Without a known checksum a file already on disk proves nothing: fetch it again.
          if (expectedSha256) {
            status(`verifying ${file.path}`);
            if ((await sha256File(local)) === expectedSha256) {
              result.present.push(file.path);
              return;
            }
            status(`${file.path} does not match its checksum; downloading it again`);
          }
          rmSync(local);
        }
        rmSync(dest, { force: true });
        status(`downloading ${file.path}`);
        const downloaded = await downloadFile(
          { url: hubFileUrl(endpoint, entry.repository, revision, file.path), dest, expectedSha256, expectedSize },
          {
            ...options.download,
            signal: options.signal,
            onProgress: (bytes, total) =>
              options.onProgress?.({ file: file.path, index: i + 1, count: entry.files.length, bytes, total }),
          },
        );
        result.downloaded.push(file.path);
        if (downloaded.commit && !result.commit) {
          // Pin the rest of this pull, and every later one, to the commit the branch resolved to.
          await trust.recordCommit(entry.repository, entry.revision, downloaded.commit);
          result.commit = downloaded.commit;
          revision = downloaded.commit;
        }
        if (!expectedSha256) {
          await trust.recordFile(entry.repository, entry.revision, file.path, {
            sha256: downloaded.sha256,
            size: downloaded.size,
          });
          result.recorded.push(file.path);
        }
      };
      await ensure();
      if (file.path === CONFIG_FILE) {
        // The catalog knows the label order when config.json only says LABEL_0..2; it must agree
        // when config.json names the labels. Checked as soon as config.json is in place (the
        // catalog lists it first), so a disagreement fails before the weights are downloaded, and
        // before conversion, so the graph's metadata is canonical too.
        await writeCanonicalLabels(dir, catalogLabelOrder(entry));
      }
    }

    if (entry.format === 'bert-safetensors' && options.convert !== false && needsConversion(dir, result)) {
      options.signal?.throwIfAborted();
      status('converting to ONNX and quantizing to int8');
      await convertBertModel(dir, dir, {
        int8: true,
        metadata: { source_repository: entry.repository, source_revision: result.commit ?? entry.revision },
      });
      result.converted = true;
    }
    return result;
  } finally {
    releaseLock();
  }
}

/** Convert when there is no int8 graph yet, the weights changed, or the converter did. */
function needsConversion(dir: string, result: PullResult): boolean {
  const graph = join(dir, INT8_MODEL_FILE);
  if (!existsSync(graph) || result.downloaded.length > 0) return true;
  try {
    return inspectOnnxFile(graph).metadata.converter_version !== CONVERTER_VERSION;
  } catch {
    return true;
  }
}

/**
 * One pull per model folder at a time (two would write the same .part files). The lock holds
 * the owner's pid, so a lock left by a crashed process is recognised and taken over.
 */
function acquireLock(dir: string, id: string): () => void {
  const path = join(dir, '.pull.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
        throw new Error(`another download of '${id}' is in progress (process ${owner})`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot lock ${dir}`);
}
