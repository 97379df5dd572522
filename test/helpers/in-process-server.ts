// The language server run inside the test process (startServer over in-memory streams), with an
// engine the test controls: server wiring and timing can be asserted without a model or a child
// process. The real-process tests (lsp-client.ts) cover the real engine and transport.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  StreamMessageReader as ClientReader,
  StreamMessageWriter as ClientWriter,
} from 'vscode-languageserver-protocol/node';
import { abortError } from '../../src/core/util/abort';
import type { ModelFingerprint } from '../../src/core/cache';
import type { NliPair, NliScore } from '../../src/core/nli';
import type { ConsistencySettings } from '../../src/common/settings';
import type { EngineLoader, LoadedEngine } from '../../src/server/model-host';
import { startServer } from '../../src/server/server';
import { connectTestClient, FIXTURE_MODEL, type StartOptions, type TestClient } from './lsp-client';

/** Contradiction when exactly one side says "not"; records every pair and call; can be held mid-call. */
export class FakeEngine implements LoadedEngine {
  readonly modelName = 'fake-nli';
  readonly onnxFile = '/fake/onnx/model.onnx';
  readonly scored: NliPair[] = [];
  calls = 0;
  disposed = false;
  private held?: { promise: Promise<void>; release: () => void };
  private readonly callListeners = new Set<() => void>();

  /** Later score() calls wait (abortably) until release() is called. */
  hold(): void {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.held = { promise, release };
  }

  release(): void {
    this.held?.release();
    this.held = undefined;
  }

  /** Resolves once score() has been called `count` times in all. */
  waitForCalls(count: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.calls >= count) {
          this.callListeners.delete(check);
          resolve();
        }
      };
      this.callListeners.add(check);
      check();
    });
  }

  async score(pairs: NliPair[], signal?: AbortSignal): Promise<NliScore[]> {
    this.calls++;
    this.scored.push(...pairs);
    this.callListeners.forEach((l) => l());
    if (this.held) {
      const held = this.held.promise;
      await new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(abortError(signal));
        signal?.addEventListener('abort', () => reject(abortError(signal)), { once: true });
        void held.then(resolve);
      });
    }
    if (signal?.aborted) throw abortError(signal);
    return pairs.map(({ premise, hypothesis }) => fakeScore(/\bnot\b/i.test(premise) !== /\bnot\b/i.test(hypothesis)));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

export function fakeScore(contradiction: boolean): NliScore {
  const c = contradiction ? 0.9 : 0.02;
  return {
    labels: ['entailment', 'neutral', 'contradiction'],
    logits: [0, 0, 0],
    probabilities: { entailment: 0.03, neutral: 0.97 - c, contradiction: c },
  };
}

/** An EngineLoader that hands out `engine`, counting loads. */
export function fakeLoader(engine: LoadedEngine, fingerprint?: ModelFingerprint): EngineLoader & { loads: number } {
  const loader = {
    loads: 0,
    load: async () => {
      loader.loads++;
      return engine;
    },
    fingerprint: async () => {
      if (!fingerprint) throw new Error('no fingerprint in this test');
      return fingerprint;
    },
  };
  return loader;
}

export interface InProcessServer extends TestClient {
  /** Sends a full-text change of an open document. */
  change(uri: string, text: string, version: number): void;
}

/**
 * Starts the server in this process for the workspace `root`. The model setting points at the
 * fixture folder (it must resolve), but `engines` decides what is loaded. Pair scores go to a
 * fresh folder (globalStoragePath) removed at stop().
 */
export async function startInProcess(
  root: string,
  engines: EngineLoader,
  settings: Partial<ConsistencySettings> = {},
  options: Omit<StartOptions, 'env'> = {},
): Promise<InProcessServer> {
  const storage = mkdtempSync(path.join(os.tmpdir(), 'cc-inproc-storage-'));
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // Reader and writer objects, not streams: the library then does not exit the process when they end.
  const serverConnection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  startServer(serverConnection, { engines });
  const connection = createProtocolConnection(new ClientReader(toClient), new ClientWriter(toServer));
  const stop = async () => {
    // shutdown, never exit: exit ends the process, and here that is the test runner.
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    await new Promise((r) => setImmediate(r));
    connection.dispose();
    serverConnection.dispose();
    rmSync(storage, { recursive: true, force: true });
  };
  const client = await connectTestClient(
    connection,
    root,
    { model: FIXTURE_MODEL, ...settings },
    {
      ...options,
      processId: null,
      initializationOptions: { globalStoragePath: storage, ...options.initializationOptions },
    },
    () => 'in-process server',
    stop,
  );
  return {
    ...client,
    change(uri, text, version) {
      void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
  };
}
