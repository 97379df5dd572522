// Downloads one file from a Hugging Face-style endpoint:
//   <endpoint>/<repository>/resolve/<revision>/<path>
// - HTTPS only; plain http is allowed for loopback hosts (local test servers), and every redirect
//   is checked against the same rule (at most 5 redirects);
// - bytes go to "<dest>.part"; an interrupted download resumes from there with a Range request;
// - a connection that sends nothing for `idleTimeoutMs` is dropped, and failed attempts are
//   retried with exponential backoff (network errors, timeouts, 5xx, 408, 429);
// - the result is checked (size, SHA-256) and only then renamed into place, so `dest` either
//   does not exist or is complete and verified. A wrong checksum leaves nothing behind.
// - AbortSignal cancels at any point; the .part file is kept so a later call resumes.
// - behind a proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, or an editor's setting; proxy.ts):
//   https goes through a CONNECT tunnel, http is forwarded.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import type { ClientRequest, IncomingMessage } from 'node:http';
import * as http from 'node:http';
import * as https from 'node:https';
import { basename, dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { abortError, isAbortError } from '../util/abort';
import { forwardingRequest, openTunnel, proxyFor, proxyFromEnvironment, ProxyError, type ProxyConfig } from './proxy';
import { assertNotPickle } from './weight-files';

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

export interface DownloadTarget {
  url: string;
  /** Final path of the file. */
  dest: string;
  /** Expected lower-case hex SHA-256 (from the catalog or a first-use record). */
  expectedSha256?: string | null;
  expectedSize?: number | null;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Called as bytes arrive; `total` is undefined when the server does not say. */
  onProgress?: (bytes: number, total: number | undefined) => void;
  /** Drop a connection that sends nothing for this long (default 30 s). */
  idleTimeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** First retry delay; doubles each time (default 1 s). */
  retryDelayMs?: number;
  /** Default: the environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  proxy?: ProxyConfig;
}

export interface DownloadResult {
  path: string;
  sha256: string;
  size: number;
  /** The commit the Hub resolved the revision to (X-Repo-Commit), when it said. */
  commit?: string;
  /** True when some bytes came from an earlier, interrupted attempt. */
  resumed: boolean;
}

export type DownloadErrorCode =
  'insecure-url' | 'http-status' | 'timeout' | 'checksum' | 'size' | 'redirects' | 'network' | 'proxy' | 'certificate';

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly code: DownloadErrorCode,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

const MAX_REDIRECTS = 5;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The endpoint to use: an explicit option, else $HF_ENDPOINT, else the public Hub. */
export function hubEndpoint(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return (option || env.HF_ENDPOINT || DEFAULT_HUB_ENDPOINT).replace(/\/+$/, '');
}

export function hubFileUrl(endpoint: string, repository: string, revision: string, path: string): string {
  const file = path.split('/').map(encodeURIComponent).join('/');
  return `${endpoint.replace(/\/+$/, '')}/${repository}/resolve/${encodeURIComponent(revision)}/${file}`;
}

/** Throws unless the URL is https, or http to a loopback address. */
export function assertAllowedUrl(url: URL): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return;
  throw new DownloadError(
    `refusing to download from ${url.origin}: only https is allowed (plain http only to 127.0.0.1, localhost or ::1)`,
    'insecure-url',
    false,
  );
}

export async function downloadFile(target: DownloadTarget, options: DownloadOptions = {}): Promise<DownloadResult> {
  assertNotPickle(basename(target.dest));
  const url = new URL(target.url);
  assertAllowedUrl(url);
  const part = `${target.dest}.part`;
  mkdirSync(dirname(target.dest), { recursive: true });
  const retries = options.retries ?? 4;
  const baseDelay = options.retryDelayMs ?? 1000;
  const resumedFrom = fileSize(part);
  let info: AttemptInfo = {};
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      info = await attemptDownload(url, part, info, options);
      break;
    } catch (err) {
      if (options.signal?.aborted) throw abortError(options.signal);
      if (isAbortError(err)) throw err;
      const failure = asDownloadError(err);
      const retryable = failure instanceof DownloadError ? failure.retryable : true;
      if (!retryable || attempt >= retries) throw failure;
      await sleep(baseDelay * 2 ** attempt, undefined, { signal: options.signal });
    }
  }

  const size = fileSize(part);
  const expectedSize = target.expectedSize ?? info.total;
  if (expectedSize !== undefined && expectedSize !== null && size !== expectedSize) {
    rmSync(part, { force: true });
    throw new DownloadError(`${basename(target.dest)}: got ${size} bytes, expected ${expectedSize}`, 'size', false);
  }
  const sha256 = await sha256File(part);
  // The catalog (or a first-use record) is authoritative; without one, the Hub's own LFS hash
  // (X-Linked-Etag) still catches corruption in transit.
  const expected = target.expectedSha256 ?? info.serverSha256;
  if (expected && sha256 !== expected) {
    rmSync(part, { force: true });
    throw new DownloadError(
      `${basename(target.dest)}: SHA-256 mismatch (expected ${expected}, got ${sha256}); the file was discarded`,
      'checksum',
      false,
    );
  }
  renameSync(part, target.dest);
  return { path: target.dest, sha256, size, commit: info.commit, resumed: resumedFrom > 0 || (info.resumed ?? false) };
}

/** SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

interface AttemptInfo {
  total?: number;
  commit?: string;
  serverSha256?: string;
  resumed?: boolean;
}

/** One attempt: follow redirects, then append (206) or write (200) the body to the .part file. */
async function attemptDownload(
  start: URL,
  part: string,
  previous: AttemptInfo,
  options: DownloadOptions,
): Promise<AttemptInfo> {
  const info: AttemptInfo = { ...previous };
  const offset = fileSize(part);
  const headers: Record<string, string> = { 'user-agent': 'consistency-checker', accept: '*/*' };
  if (offset > 0) headers.range = `bytes=${offset}-`;

  let url = start;
  let exchange: Exchange;
  for (let redirects = 0; ; redirects++) {
    exchange = await sendRequest(url, headers, options);
    const { response } = exchange;
    captureHubHeaders(response, info);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (redirects >= MAX_REDIRECTS)
        throw new DownloadError(
          `too many redirects (more than ${MAX_REDIRECTS}) from ${start.href}`,
          'redirects',
          false,
        );
      url = new URL(response.headers.location, url);
      assertAllowedUrl(url);
      continue;
    }
    break;
  }

  const { request, response } = exchange;
  const status = response.statusCode ?? 0;
  let append = false;
  if (status === 206 && offset > 0) {
    const range = parseContentRange(response.headers['content-range']);
    if (!range || range.start !== offset) {
      response.resume();
      rmSync(part, { force: true });
      throw new DownloadError(
        `server answered a different range (${response.headers['content-range']}); restarting`,
        'network',
        true,
      );
    }
    append = true;
    info.total = range.total ?? info.total;
    info.resumed = true;
  } else if (status === 200) {
    const length = Number(response.headers['content-length']);
    if (Number.isFinite(length) && response.headers['content-length'] !== undefined) info.total = length;
  } else if (status === 416 && offset > 0) {
    // Nothing left to fetch: the .part file may already hold the whole file; the checks decide.
    response.resume();
    const range = parseContentRange(response.headers['content-range']);
    if (range?.total === offset) {
      info.total = offset;
      return info;
    }
    rmSync(part, { force: true });
    throw new DownloadError('server rejected the resume range; restarting', 'network', true);
  } else {
    response.resume();
    throw httpStatusError(status, start);
  }

  let received = append ? offset : 0;
  options.onProgress?.(received, info.total);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      options.onProgress?.(received, info.total);
      callback(null, chunk);
    },
  });
  const file = createWriteStream(part, { flags: append ? 'a' : 'w' });
  try {
    await pipeline(response, counter, file);
  } catch (err) {
    request.destroy();
    // The pipeline rejects as soon as the response fails, while a write to the .part file may still
    // be in flight; a resume that measured the file before that write landed would append its bytes
    // twice (seen under load: 64 kB too many). The stream closes only once its write is done.
    if (!file.closed) await once(file, 'close');
    // The stream reports a generic reset; the reason we cut it (timeout, cancel) is more useful.
    throw exchange.failure ?? asDownloadError(err);
  }
  if (info.total !== undefined && received < info.total) {
    throw new DownloadError(`connection closed after ${received} of ${info.total} bytes`, 'network', true);
  }
  return info;
}

interface Exchange {
  request: ClientRequest;
  response: IncomingMessage;
  /** Why we destroyed the connection (idle timeout or cancel), if we did. */
  failure?: Error;
}

/** Sends a GET (through the proxy, if one applies) and resolves with the response headers; rejects on
 * network error, idle timeout or abort. */
async function sendRequest(url: URL, headers: Record<string, string>, options: DownloadOptions): Promise<Exchange> {
  const proxyConfig = options.proxy ?? proxyFromEnvironment();
  const proxy = proxyFor(url, proxyConfig);
  const idle = options.idleTimeoutMs ?? 30_000;
  const tunnel =
    proxy && url.protocol === 'https:'
      ? await openTunnel(proxy, url, { strictSSL: proxyConfig.strictSSL, timeoutMs: idle, signal: options.signal })
      : undefined;
  return new Promise((resolve, reject) => {
    let request: ClientRequest;
    if (tunnel) {
      // No agent: the request runs on the tunnelled TLS socket (createConnection).
      request = https.request(url, { method: 'GET', headers, createConnection: () => tunnel });
    } else if (proxy) {
      const forwarded = forwardingRequest(proxy, url, headers);
      request = forwarded.module.request({ ...forwarded.options, rejectUnauthorized: proxyConfig.strictSSL !== false });
    } else {
      request = (url.protocol === 'https:' ? https : http).request(url, { method: 'GET', headers });
    }
    const exchange = { request } as Exchange;
    const fail = (err: Error): void => {
      exchange.failure = err;
      request.destroy(err);
    };
    // Socket inactivity: covers a server that never answers and one that stalls mid-body.
    request.setTimeout(idle, () =>
      fail(new DownloadError(`no data from ${url.host} for ${idle / 1000} s`, 'timeout', true)),
    );
    const onAbort = (): void => fail(abortError(options.signal!));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('close', () => options.signal?.removeEventListener('abort', onAbort));
    request.on('error', reject);
    request.on('response', (response) => {
      exchange.response = response;
      resolve(exchange);
    });
    request.end();
  });
}

function captureHubHeaders(response: IncomingMessage, info: AttemptInfo): void {
  const commit = header(response, 'x-repo-commit');
  if (commit && /^[0-9a-f]{40}$/.test(commit)) info.commit = commit;
  // For LFS files the Hub sends the SHA-256 of the content as the linked ETag.
  const etag = header(response, 'x-linked-etag')?.replace(/^W\//, '').replace(/"/g, '');
  if (etag && /^[0-9a-f]{64}$/.test(etag)) info.serverSha256 = etag;
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseContentRange(value: string | undefined): { start?: number; total?: number } | undefined {
  const match = /^bytes (?:(\d+)-\d+|\*)\/(\d+|\*)$/.exec(value ?? '');
  if (!match) return undefined;
  return {
    start: match[1] !== undefined ? Number(match[1]) : undefined,
    total: match[2] !== '*' ? Number(match[2]) : undefined,
  };
}

function httpStatusError(status: number, url: URL): DownloadError {
  const retryable = status >= 500 || status === 408 || status === 429;
  const hint =
    status === 404
      ? ': the repository, revision or file does not exist'
      : status === 401 || status === 403
        ? ': the repository is private, gated or does not exist'
        : '';
  return new DownloadError(`HTTP ${status} for ${url.href}${hint}`, 'http-status', retryable, status);
}

function asDownloadError(err: unknown): Error {
  if (err instanceof DownloadError || isAbortError(err)) return err as Error;
  if (err instanceof ProxyError) {
    const retryable = err.status === undefined || err.status >= 500;
    return new DownloadError(err.message, 'proxy', retryable, err.status);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (isCertificateError(err)) {
    // Retrying cannot fix a certificate; behind a re-signing proxy the fix is a setting.
    return new DownloadError(
      `TLS certificate not trusted: ${message} (behind a proxy that re-signs traffic, add its CA with NODE_EXTRA_CA_CERTS, or set http.proxyStrictSSL to false in VS Code)`,
      'certificate',
      false,
    );
  }
  return new DownloadError(`network error: ${message}`, 'network', true);
}

function isCertificateError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  return /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)_ISSUER|ERR_TLS_CERT/.test(code);
}

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}
