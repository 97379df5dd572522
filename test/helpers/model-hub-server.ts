// A local stand-in for the Hugging Face Hub (node:http on 127.0.0.1, random port) serving files
// in the Hub's URL layout, /<owner>/<name>/resolve/<revision>/<path>, with Range support, and
// misbehaviours on demand: cut a transfer midway, hang, redirect, or answer 404.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const FAKE_COMMIT = '0123456789abcdef0123456789abcdef01234567';

export interface LoggedRequest {
  path: string;
  range?: string;
}

export interface FakeHub {
  endpoint: string;
  requests: LoggedRequest[];
  /** Content served for a URL path (mutable: tests change files between runs). */
  files: Map<string, Buffer>;
  /** Paths whose next response is cut after half the body (once each). */
  cutOnce: Set<string>;
  /** Paths that never get an answer. */
  hang: Set<string>;
  /** Path -> Location for a 302. */
  redirects: Map<string, string>;
  /** Paths that get the LFS header X-Linked-Etag with their SHA-256 (or the value given). */
  linkedEtag: Map<string, string | true>;
  close(): Promise<void>;
}

export function hubPath(repository: string, revision: string, file: string): string {
  return `/${repository}/resolve/${encodeURIComponent(revision)}/${file}`;
}

/** Serves `files` (local path per repository file) under both the branch name and FAKE_COMMIT;
 * over https when given a key and certificate (test/fixtures/tls). */
export async function startFakeHub(
  repository: string,
  revision: string,
  files: Record<string, string>,
  options: { tls?: { key: Buffer; cert: Buffer } } = {},
): Promise<FakeHub> {
  const hub: Omit<FakeHub, 'endpoint' | 'close'> = {
    requests: [],
    files: new Map(),
    cutOnce: new Set(),
    hang: new Set(),
    redirects: new Map(),
    linkedEtag: new Map(),
  };
  for (const [file, local] of Object.entries(files)) {
    const content = readFileSync(local);
    hub.files.set(hubPath(repository, revision, file), content);
    hub.files.set(hubPath(repository, FAKE_COMMIT, file), content);
  }
  const sockets = new Set<import('node:net').Socket>();
  const handler: http.RequestListener = (req, res) => {
    const path = decodeURI(new URL(req.url ?? '/', 'http://x').pathname);
    hub.requests.push({ path, range: req.headers.range });
    if (hub.hang.has(path)) return; // never answer
    const location = hub.redirects.get(path);
    if (location) {
      res.writeHead(302, { location, 'x-repo-commit': FAKE_COMMIT });
      res.end();
      return;
    }
    const body = hub.files.get(path);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Entry not found');
      return;
    }
    const headers: http.OutgoingHttpHeaders = { 'x-repo-commit': FAKE_COMMIT, 'accept-ranges': 'bytes' };
    const etag = hub.linkedEtag.get(path);
    if (etag) headers['x-linked-etag'] = `"${etag === true ? createHash('sha256').update(body).digest('hex') : etag}"`;
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}` });
        res.end();
        return;
      }
      res.writeHead(206, {
        ...headers,
        'content-length': body.length - start,
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      });
    } else {
      res.writeHead(200, { ...headers, 'content-length': body.length });
    }
    if (hub.cutOnce.delete(path)) {
      const half = start + Math.floor((body.length - start) / 2);
      res.write(body.subarray(start, half), () => res.socket?.destroy());
      return;
    }
    res.end(body.subarray(start));
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...hub,
    endpoint: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The files the catalog lists for e5-small-v2-nli, made from the tiny fixture model (written to
 * `work`): vocab.txt and special_tokens_map.json are derived, `config` may replace config.json
 * (e.g. with the generic id2label many Hub fine-tunes ship). Returns repository path -> local file.
 */
export function fixtureRepositoryFiles(
  fixtureDir: string,
  work: string,
  config?: Record<string, unknown>,
): Record<string, string> {
  const tokenizer = JSON.parse(readFileSync(join(fixtureDir, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
  };
  const vocab = Object.entries(tokenizer.model.vocab)
    .sort((a, b) => a[1] - b[1])
    .map(([token]) => token);
  writeFileSync(join(work, 'vocab.txt'), vocab.join('\n') + '\n');
  writeFileSync(
    join(work, 'special_tokens_map.json'),
    JSON.stringify({
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    }),
  );
  const files: Record<string, string> = {
    'vocab.txt': join(work, 'vocab.txt'),
    'special_tokens_map.json': join(work, 'special_tokens_map.json'),
  };
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'model.safetensors'])
    files[f] = join(fixtureDir, f);
  if (config) {
    writeFileSync(join(work, 'config.json'), JSON.stringify(config, null, 2));
    files['config.json'] = join(work, 'config.json');
  }
  return files;
}
