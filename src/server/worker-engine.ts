// The main-thread handle of an NLI engine running in a worker thread (engine-worker.ts).
// It is a PairScorer like the engine itself; aborts are forwarded so the worker stops between batches.
import '../core/nli/ort-env';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ModelError, type LabelOrder, type NliPair, type NliScore } from '../core/nli';
import type { PairScorer } from '../core/check';
import { abortError } from '../core/util/abort';
import type { WorkerInit, WorkerReply, WorkerRequest } from './engine-worker-protocol';

interface Pending {
  resolve: (scores: NliScore[]) => void;
  reject: (error: Error) => void;
}

export class WorkerEngine implements PairScorer {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited?: Error;

  private constructor(
    private readonly worker: Worker,
    readonly modelName: string,
    readonly onnxFile: string,
  ) {
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`NLI engine thread exited (code ${code})`)));
  }

  /** Starts the worker and resolves once the model is loaded; rejects with ModelError otherwise. */
  static load(
    modelDir: string,
    threads: number,
    labels?: LabelOrder,
    workerFile = path.join(__dirname, 'engine-worker.js'),
  ): Promise<WorkerEngine> {
    const init: WorkerInit = { modelDir, threads, labels };
    const worker = new Worker(workerFile, { workerData: init });
    return new Promise((resolve, reject) => {
      const onFirst = (reply: WorkerReply) => {
        worker.off('error', onError);
        if (reply.type === 'loaded') {
          resolve(new WorkerEngine(worker, reply.modelName, reply.onnxFile));
        } else if (reply.type === 'loadFailed') {
          void worker.terminate();
          reject(
            reply.name === 'ModelError'
              ? new ModelError(reply.message, reply.path ?? modelDir, reply.hint ?? '')
              : new Error(reply.message),
          );
        }
      };
      const onError = (error: Error) => reject(error);
      worker.once('message', onFirst);
      worker.once('error', onError);
      // A worker that dies before answering (e.g. a native crash in onnxruntime) must not leave
      // the load pending forever.
      worker.once('exit', (code) => reject(new Error(`NLI engine thread exited while loading (code ${code})`)));
    });
  }

  score(pairs: NliPair[], signal?: AbortSignal): Promise<NliScore[]> {
    if (this.exited) return Promise.reject(this.exited);
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const id = this.nextId++;
    return new Promise<NliScore[]>((resolve, reject) => {
      const onAbort = () => this.post({ type: 'abort', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (scores) => (done(), resolve(scores)),
        reject: (error) => (done(), reject(error)),
      });
      this.post({ type: 'score', id, pairs });
    });
  }

  async dispose(): Promise<void> {
    if (this.exited) return;
    const disposed = new Promise<void>((resolve) => {
      this.worker.on('message', (reply: WorkerReply) => reply.type === 'disposed' && resolve());
      setTimeout(resolve, 2000).unref();
    });
    this.post({ type: 'dispose' });
    await disposed;
    await this.worker.terminate();
  }

  private post(request: WorkerRequest): void {
    this.worker.postMessage(request);
  }

  private onReply(reply: WorkerReply): void {
    if (reply.type !== 'scored' && reply.type !== 'failed') return;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.type === 'scored') {
      pending.resolve(reply.scores);
    } else {
      const error = new Error(reply.message);
      error.name = reply.name;
      pending.reject(error);
    }
  }

  private failAll(error: Error): void {
    this.exited = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
